import { test } from '@japa/runner'
import { DateTime } from 'luxon'
import {
  REAL_NAME_CODE_PURPOSE,
  checkBankCardHolder,
  checkPhoneHolder,
  onRealNameCheckFinished,
  startFaceCheck,
  type RealNameCheckSummary,
} from '#accounts/actions/real_name_checks'
import { requestVerificationCode } from '#accounts/actions/sms_codes'
import { findRealNameCheck, verifiedIdentityOf } from '#accounts/queries/real_name'
import realNames from '#accounts/realname/real_name_service'
import { type SandboxFaceProvider } from '#accounts/realname/providers/sandbox_face'
import { isRuleError } from '#core/rule_error'
import { consumeAttempt } from '#accounts/realname/checks'
import { createUser, residentId, uniquePhone } from '#tests/helpers/factories'
import { lastCode } from '#tests/functional/accounts/helpers'

/**
 * The surface other modules call (#accounts/actions/real_name_checks,
 * #accounts/queries/real_name): checks for their own purpose — a legal
 * representative's phone or bank card, a face session — through the same
 * providers and records, never verifying the asking account.
 */
async function codeFor(phone: string, user: Awaited<ReturnType<typeof createUser>>) {
  const sent = await requestVerificationCode({
    purpose: REAL_NAME_CODE_PURPOSE,
    phone,
    user,
    ip: '127.0.0.1',
  })
  if (!sent.ok) throw new Error(sent.message)
  return lastCode(phone, REAL_NAME_CODE_PURPOSE)
}

async function refusal(run: () => Promise<unknown>) {
  try {
    await run()
  } catch (error) {
    if (isRuleError(error)) return { field: error.field, message: error.message }
    throw error
  }
  return null
}

test.group('Real-name checks for other modules', () => {
  test("运营商三要素 of a legal representative's phone: recorded for the purpose, the claimant stays as is", async ({
    assert,
  }) => {
    const claimant = await createUser({
      realNameStatus: 'verified',
      realName: '苏大强',
      realIdType: 'resident_id',
      realIdNumber: residentId('19700101', '110105', '111'),
    } as any)
    const phone = uniquePhone()
    const check = await checkPhoneHolder({
      applicant: claimant,
      purpose: 'orgs.claim',
      reference: 'claim-1',
      ip: '127.0.0.1',
      name: '苏明玉',
      idNumber: residentId('19880808', '110105', '222'),
      phone,
      smsCode: await codeFor(phone, claimant),
    })
    assert.isTrue(check.passed)
    assert.equal(check.method, 'operator')
    assert.equal(check.purpose, 'orgs.claim')
    assert.equal(check.reference, 'claim-1')
    assert.equal(check.maskedName, '苏**')
    assert.equal(check.maskedPhone, `${phone.slice(0, 3)}****${phone.slice(7)}`)
    await claimant.refresh()
    assert.equal(claimant.realName, '苏大强', 'the asking account is not re-verified')
    assert.deepEqual(await findRealNameCheck(check.id, { userId: claimant.id }), check)
    assert.isNull(await findRealNameCheck(check.id, { userId: (await createUser()).id }))
    assert.isNull(await findRealNameCheck(check.id, { purpose: 'other' }))
  })

  test("the provider's no comes back as passed: false; a wrong code is refused at the caller's field", async ({
    assert,
  }) => {
    const claimant = await createUser()
    const phone = `${uniquePhone().slice(0, 7)}0000`
    const code = await codeFor(phone, claimant)
    const ask = {
      applicant: claimant,
      purpose: 'orgs.claim',
      name: '苏明玉',
      idNumber: residentId(),
      phone,
      fields: { smsCode: 'legal_rep_sms_code', idNumber: 'legal_rep_id_number' },
    }
    assert.deepEqual(
      await refusal(() =>
        checkPhoneHolder({ ...ask, smsCode: code === '000000' ? '111111' : '000000' })
      ),
      { field: 'legal_rep_sms_code', message: '验证码错误，还可尝试 4 次' }
    )
    const check = await checkPhoneHolder({ ...ask, smsCode: code })
    assert.isFalse(check.passed)
    assert.equal(check.status, 'failed')
    assert.equal(check.message, '手机号与姓名、身份证号不一致')
    await claimant.refresh()
    assert.equal(claimant.realNameStatus, 'none')
  })

  test('银行卡四要素 for a purpose; a purpose of real_name is not a module check', async ({
    assert,
  }) => {
    const claimant = await createUser()
    const phone = uniquePhone()
    const check = await checkBankCardHolder({
      applicant: claimant,
      purpose: 'orgs.claim',
      name: '苏明玉',
      idNumber: residentId(),
      bankCard: '6222021234567890128',
      phone,
      smsCode: await codeFor(phone, claimant),
    })
    assert.isTrue(check.passed)
    assert.equal(check.method, 'bank_card')
    await assert.rejects(() =>
      checkPhoneHolder({
        applicant: claimant,
        purpose: 'real_name',
        name: '苏明玉',
        idNumber: residentId(),
        phone,
        smsCode: '123456',
      })
    )
  })

  test('a face session for a purpose: its page for the phone, the handler told when the callback ends it', async ({
    assert,
    cleanup,
  }) => {
    const claimant = await createUser()
    const heard: RealNameCheckSummary[] = []
    onRealNameCheckFinished('tests.face', async (check) => {
      heard.push(check)
    })
    cleanup(() => onRealNameCheckFinished('tests.face', async () => {}))
    const check = await startFaceCheck({
      applicant: claimant,
      purpose: 'tests.face',
      reference: 'r-1',
      name: '苏明玉',
      idNumber: residentId(),
    })
    assert.equal(check.status, 'pending')
    assert.match(check.h5Url!, /^http:\/\/.+\/realname\/sandbox\/face\/[A-Za-z0-9_-]{32}$/)
    assert.isTrue(check.expiresAt! > DateTime.utc())

    const sandbox = realNames.providers.face as SandboxFaceProvider
    const providerRef = check.h5Url!.split('/').pop()!
    const answer = await realNames.receiveFaceCallback(
      sandbox.buildCallback({ requestId: check.id, providerRef }, true)
    )
    assert.equal(answer.status, 200)
    assert.lengthOf(heard, 1)
    assert.equal(heard[0].id, check.id)
    assert.isTrue(heard[0].passed)
    assert.equal(heard[0].reference, 'r-1')
    await claimant.refresh()
    assert.equal(claimant.realNameStatus, 'none')
    assert.deepEqual(await verifiedIdentityOf(claimant.id), {
      verified: false,
      name: null,
      idType: null,
      idNumber: null,
      maskedName: '',
      maskedIdNumber: '',
      method: null,
      verifiedAt: null,
    })
  })
})

test.group('Real-name checks · limits', () => {
  test('attempts per IP are counted over every account and method', async ({ assert }) => {
    const ip = '203.0.113.7'
    for (let i = 0; i < 30; i++) {
      await consumeAttempt(i % 2 ? 'operator' : 'bank_card', `user-${i}`, ip)
    }
    const refused = await refusal(() => consumeAttempt('face', 'user-x', ip))
    assert.match(refused!.message, /^核验过于频繁，请 \d+ (分钟|小时)后再试$/)
    assert.isNull(await refusal(() => consumeAttempt('face', 'user-x', '203.0.113.8')))
  })
})
