import { test } from '@japa/runner'
import SmsMessage from '#core/sms/sms_message'
import type { ApiClient } from '@japa/api-client'
import db from '@adonisjs/lucid/services/db'
import { DateTime } from 'luxon'
import type User from '#accounts/models/user'
import Org from '#orgs/models/org'
import OrgClaim from '#orgs/models/org_claim'
import Membership from '#orgs/models/membership'
import BankTransfer from '#orgs/models/bank_transfer'
import Message from '#core/messages/message'
import { maskName, maskPhone } from '#core/validation/identity'
import AuditLog from '#core/audit/audit_log'
import { asApplicant, asStaff } from '#tests/helpers/auth'
import { createStaff, residentId } from '#tests/helpers/factories'
import { makeImage, makePdf } from '#tests/helpers/files'
import { fieldErrors, flash, lastCode } from '#tests/functional/accounts/helpers'
import { claimForm, claimedOrg, verifiedUser } from '#tests/functional/orgs/helpers'

/**
 * 认领 through HTTP: each method to the end (法定代表人手机号, 对公打款, CA
 * review) and each refusal (wrong SMS code, the operator's "no" followed
 * by a manual review, wrong / expired memo code, too many tries, a second
 * claim of a claimed org, an unverified claimant).
 */
async function postClaim(
  client: ApiClient,
  user: User,
  fields: Record<string, string>,
  files: { licence?: string; letter?: string } = {}
) {
  let request = asApplicant(client.post('/orgs/claim'), user).withCsrfToken().redirects(0)
  request = request.fields(fields)
  if (files.licence) request = request.file('licence', files.licence)
  if (files.letter) request = request.file('letter', files.letter)
  return request
}

async function sendLegalRepCode(client: ApiClient, user: User, form: Record<string, string>) {
  return asApplicant(client.post('/orgs/claim'), user)
    .withCsrfToken()
    .form({ ...form, method: 'phone', intent: 'send_code' })
    .redirects(0)
}

test.group('Orgs · claim by the legal representative’s phone', () => {
  test('operator three elements + SMS code: the org is claimed, the claimant its admin', async ({
    client,
    assert,
  }) => {
    const user = await verifiedUser('赵六')
    const form = claimForm()
    const sent = await sendLegalRepCode(client, user, form)
    sent.assertHeader('location', '/orgs/claim?method=phone')
    assert.include(flash(sent, 'success'), '验证码已发送')
    assert.equal(flash(sent, 'org_name'), form.org_name, 'what was typed is kept')

    const code = await lastCode(form.legal_rep_phone, 'real_name')
    const response = await postClaim(
      client,
      user,
      { ...form, method: 'phone', sms_code: code },
      { licence: await makeImage('png') }
    )
    const claim = await OrgClaim.findByOrFail('uscc', form.uscc)
    response.assertHeader('location', `/orgs/claims/${claim.id}`)
    assert.equal(claim.status, 'passed')
    const org = await Org.findByOrFail('uscc', form.uscc)
    assert.equal(org.status, 'claimed')
    assert.equal(org.name, form.org_name)
    assert.isNull(org.validatedAt, 'an automatic check is no CA review of the licence')
    const membership = await Membership.query().where('org_id', org.id).firstOrFail()
    assert.equal(membership.userId, user.id)
    assert.equal(membership.role, 'admin')
    const page = await asApplicant(client.get(`/orgs/claims/${claim.id}`), user)
    assert.include(page.text(), '认领成功')
    const actions = await AuditLog.query().where('subject_id', claim.id).orderBy('seq', 'asc')
    assert.deepEqual(
      actions.map((a) => a.action),
      ['orgs.claim_check.start', 'orgs.claim_check.pass']
    )
    assert.isOk(
      await Message.query().where('user_id', user.id).where('title', '机构认领成功').first()
    )
  })

  test('the legal representative with a verified account holds the 法定代表人 role', async ({
    client,
    assert,
  }) => {
    const legalRepId = residentId('19700101', '211302', '286')
    const legalRep = await verifiedUser('王法人', {
      realIdNumber: legalRepId,
      idNumber: legalRepId,
    })
    const user = await verifiedUser('赵六')
    const form = claimForm({ legal_rep_phone: legalRep.phone, legal_rep_id_number: legalRepId })
    await sendLegalRepCode(client, user, form)
    await postClaim(
      client,
      user,
      { ...form, method: 'phone', sms_code: await lastCode(legalRep.phone, 'real_name') },
      { licence: await makeImage('png') }
    )
    const org = await Org.findByOrFail('uscc', form.uscc)
    const rep = await Membership.query()
      .where('org_id', org.id)
      .where('user_id', legalRep.id)
      .firstOrFail()
    assert.isTrue(rep.isLegalRep)
    assert.equal(rep.roleLabel, '法定代表人、员工')
  })

  test('a wrong SMS code is refused at its field; nothing is claimed', async ({
    client,
    assert,
  }) => {
    const user = await verifiedUser()
    const form = claimForm()
    await sendLegalRepCode(client, user, form)
    const code = await lastCode(form.legal_rep_phone, 'real_name')
    const response = await postClaim(
      client,
      user,
      { ...form, method: 'phone', sms_code: code === '000000' ? '111111' : '000000' },
      { licence: await makeImage('png') }
    )
    assert.include(fieldErrors(response).sms_code[0], '验证码错误')
    assert.isNull(await Org.findBy('uscc', form.uscc))
  })

  test('the operator says no: 核验失败, then 转人工审核 and staff approve (pre-validated)', async ({
    client,
    assert,
  }) => {
    const user = await verifiedUser()
    const form = claimForm({ legal_rep_phone: '13912340000' })
    await sendLegalRepCode(client, user, form)
    const response = await postClaim(
      client,
      user,
      { ...form, method: 'phone', sms_code: await lastCode(form.legal_rep_phone, 'real_name') },
      { licence: await makeImage('png') }
    )
    const failed = await OrgClaim.findByOrFail('uscc', form.uscc)
    response.assertHeader('location', `/orgs/claims/${failed.id}`)
    assert.equal(failed.status, 'failed')
    assert.include(failed.failure!, '不一致')
    const page = await asApplicant(client.get(`/orgs/claims/${failed.id}`), user)
    assert.include(page.text(), '转人工审核')
    assert.equal((await Org.findByOrFail('uscc', form.uscc)).status, 'unclaimed')

    const manual = await asApplicant(client.post(`/orgs/claims/${failed.id}/manual`), user)
      .withCsrfToken()
      .file('letter', makePdf())
      .redirects(0)
    const review = await OrgClaim.query()
      .where('uscc', form.uscc)
      .where('method', 'review')
      .firstOrFail()
    manual.assertHeader('location', `/orgs/claims/${review.id}`)
    assert.equal(review.status, 'pending')
    assert.equal(review.licenceKey, failed.licenceKey, 'the same licence goes to review')

    const staff = await createStaff(['reviewer'])
    const queue = await asStaff(client.get('/admin/reviews/org-claims'), staff)
    assert.include(queue.text(), form.org_name)
    const show = await asStaff(client.get(`/admin/reviews/org-claims/${review.id}`), staff)
    assert.include(show.text(), '营业执照')
    assert.include(show.text(), '授权委托书')
    const licence = await asStaff(
      client.get(`/admin/reviews/org-claims/${review.id}/files/licence`),
      staff
    )
    licence.assertStatus(200)
    licence.assertHeader('x-content-type-options', 'nosniff')

    const approved = await asStaff(
      client.post(`/admin/reviews/org-claims/${review.id}/approve`),
      staff
    )
      .withCsrfToken()
      .form({})
      .redirects(0)
    approved.assertStatus(302)
    const org = await Org.findByOrFail('uscc', form.uscc)
    assert.equal(org.status, 'claimed')
    assert.isNotNull(org.validatedAt, 'a CA review pre-validates the org')
    const admin = await Membership.query()
      .where('org_id', org.id)
      .where('user_id', user.id)
      .firstOrFail()
    assert.equal(admin.role, 'admin')
    /* the legal representative is told of the decision by SMS */
    const told = await SmsMessage.query()
      .where('phone', form.legal_rep_phone)
      .where('purpose', 'notice:orgs_claim')
      .firstOrFail()
    assert.include(
      told.content,
      `${form.org_name}”名义提交的机构认领申请（编号 ${review.requestNo}）已通过 CA 审核`
    )
  })

  test('an applicant without real-name verification cannot claim', async ({ client, assert }) => {
    const { createUser } = await import('#tests/helpers/factories')
    const user = await createUser()
    const form = claimForm()
    const response = await postClaim(
      client,
      user,
      { ...form, method: 'review' },
      {
        licence: await makeImage('png'),
        letter: makePdf(),
      }
    )
    assert.include(flash(response, 'error') ?? '', '实名认证')
    assert.isNull(await Org.findBy('uscc', form.uscc))
  })
})

test.group('Orgs · claim by CA review', () => {
  test('licence + 授权委托书: a case in the back office; rejected with a reason, the claimant told', async ({
    client,
    assert,
  }) => {
    const user = await verifiedUser()
    const form = claimForm()
    const response = await postClaim(
      client,
      user,
      { ...form, method: 'review' },
      {
        licence: await makeImage('jpg'),
        letter: makePdf(),
      }
    )
    const claim = await OrgClaim.findByOrFail('uscc', form.uscc)
    response.assertHeader('location', `/orgs/claims/${claim.id}`)
    assert.equal(claim.status, 'pending')

    const staff = await createStaff(['reviewer'])
    await asStaff(client.post(`/admin/reviews/org-claims/${claim.id}/reject`), staff)
      .withCsrfToken()
      .form({ reason_type: 'unclear', review_reason: '营业执照照片模糊' })
      .redirects(0)
    await claim.refresh()
    assert.equal(claim.status, 'rejected')
    const message = await Message.query()
      .where('user_id', user.id)
      .where('title', '机构认领未通过')
      .firstOrFail()
    assert.include(message.body, '营业执照照片模糊')
    assert.equal((await Org.findByOrFail('uscc', form.uscc)).status, 'unclaimed')
    const told = await SmsMessage.query()
      .where('phone', form.legal_rep_phone)
      .where('purpose', 'notice:orgs_claim')
      .firstOrFail()
    assert.include(told.content, '未通过 CA 审核')
  })

  test('the 授权委托书 is required and checked by content', async ({ client, assert }) => {
    const user = await verifiedUser()
    const form = claimForm()
    const response = await postClaim(
      client,
      user,
      { ...form, method: 'review' },
      {
        licence: await makeImage('png'),
      }
    )
    assert.include(fieldErrors(response).letter[0], '请选择要上传的文件')
  })

  test('the template of the 授权委托书 downloads', async ({ client, assert }) => {
    const user = await verifiedUser()
    const response = await asApplicant(client.get('/orgs/letter-template'), user)
    response.assertStatus(200)
    assert.include(response.header('content-disposition'), 'attachment')
    assert.include(response.text(), '授权委托书')
  })
})

test.group('Orgs · a claimed org', () => {
  test('a second claim of a claimed org is refused (and the search shows its masked admin)', async ({
    client,
    assert,
  }) => {
    const admin = await verifiedUser('苏管理')
    const { org } = await claimedOrg(admin, { name: '辽宁示例重复认领有限公司' })
    const other = await verifiedUser()
    const response = await postClaim(
      client,
      other,
      { ...claimForm({ uscc: org.uscc }), method: 'review' },
      {
        licence: await makeImage('png'),
        letter: makePdf(),
      }
    )
    assert.include(fieldErrors(response).uscc[0], '已被认领')
    assert.lengthOf(await OrgClaim.query().where('org_id', org.id), 0)

    const search = await asApplicant(client.get(`/orgs/search?uscc=${org.uscc}`), other)
    assert.include(search.text(), '确认，申请加入')
    assert.include(search.text(), '信息有误，重新查找')
    assert.include(search.text(), `${maskName('苏管理')} ${maskPhone(admin.phone)}`)
    assert.match(maskName('苏管理'), /^苏\*/)
    assert.notInclude(search.text(), admin.phone)
  })

  test('search by name needs 5 characters and shows at most 10; unknown offers 直接创建', async ({
    client,
    assert,
  }) => {
    const admin = await verifiedUser()
    for (let i = 0; i < 12; i++) await claimedOrg(admin, { name: `沈阳十二家测试有限公司${i}` })
    const user = await verifiedUser()
    const short = await asApplicant(client.get('/orgs/search?name=沈阳十二'), user)
    assert.include(short.text(), '至少输入 5 个字')
    const found = await asApplicant(
      client.get(`/orgs/search?name=${encodeURIComponent('沈阳十二家测试')}`),
      user
    )
    assert.equal((found.text().match(/确认，申请加入/g) ?? []).length, 10)
    const none = await asApplicant(
      client.get(`/orgs/search?name=${encodeURIComponent('不存在的机构名称')}`),
      user
    )
    assert.include(none.text(), '无认证机构，直接创建')
  })
})

test.group('Orgs · claim by corporate account micro-deposit', () => {
  async function startDeposit(client: ApiClient, user: User) {
    const form = claimForm()
    const response = await postClaim(
      client,
      user,
      {
        ...form,
        method: 'deposit',
        bank_name: '中国工商银行示例支行',
        bank_account: '6222 0000 1111 2222',
      },
      { licence: await makeImage('png') }
    )
    const claim = await OrgClaim.findByOrFail('uscc', form.uscc)
    response.assertHeader('location', `/orgs/claims/${claim.id}`)
    const transfer = await BankTransfer.findByOrFail('claim_id', claim.id)
    const code = /(\d{6})$/.exec(transfer.memo)![1]
    return { claim, code, transfer, form }
  }

  async function typeBack(client: ApiClient, user: User, claimId: string, code: string) {
    return asApplicant(client.post(`/orgs/claims/${claimId}/deposit`), user)
      .withCsrfToken()
      .form({ deposit_code: code })
      .redirects(0)
  }

  test('0.01 with a 6-digit memo (staff see it in the sandbox outbox); typed back: claimed', async ({
    client,
    assert,
  }) => {
    const user = await verifiedUser()
    const { claim, code, transfer } = await startDeposit(client, user)
    assert.equal(transfer.amountFen, 1)
    assert.equal(claim.status, 'verifying')
    assert.notInclude(claim.depositCodeHash!, code, 'the code is kept hashed')

    const staff = await createStaff(['reviewer'])
    const outbox = await asStaff(client.get('/admin/orgs/bank-outbox'), staff)
    assert.include(outbox.text(), transfer.memo)

    const page = await asApplicant(client.get(`/orgs/claims/${claim.id}`), user)
    assert.include(page.text(), '6222 **** 2222')
    assert.include(page.text(), '保存并退出')

    await typeBack(client, user, claim.id, code)
    await claim.refresh()
    assert.equal(claim.status, 'passed')
    assert.equal((await Org.findOrFail(claim.orgId)).status, 'claimed')
  })

  test('a wrong memo code counts; the fifth wrong one ends the claim', async ({
    client,
    assert,
  }) => {
    const user = await verifiedUser()
    const { claim, code } = await startDeposit(client, user)
    const wrong = code === '000000' ? '111111' : '000000'
    const first = await typeBack(client, user, claim.id, wrong)
    assert.include(fieldErrors(first).deposit_code[0], '还可尝试 4 次')
    for (let i = 0; i < 3; i++) await typeBack(client, user, claim.id, wrong)
    const last = await typeBack(client, user, claim.id, wrong)
    assert.include(flash(last, 'error'), '错误次数过多')
    await claim.refresh()
    assert.equal(claim.status, 'failed')
    const late = await typeBack(client, user, claim.id, code)
    assert.include(flash(late, 'error') ?? '', '不能')
    await claim.refresh()
    assert.equal(claim.status, 'failed', 'the right code after the end does nothing')
    assert.equal((await Org.findOrFail(claim.orgId)).status, 'unclaimed')
  })

  test('an expired memo code ends the claim', async ({ client, assert }) => {
    const user = await verifiedUser()
    const { claim, code } = await startDeposit(client, user)
    await db
      .from('org_claims')
      .where('id', claim.id)
      .update({
        deposit_expires_at: DateTime.utc()
          .minus({ minutes: 1 })
          .toFormat(db.connection().dialect.dateTimeFormat),
      })
    const response = await typeBack(client, user, claim.id, code)
    assert.include(flash(response, 'error'), '已过期')
    await claim.refresh()
    assert.equal(claim.status, 'failed')
  })

  test('someone else’s claim is a 404', async ({ client }) => {
    const user = await verifiedUser()
    const { claim, code } = await startDeposit(client, user)
    const other = await verifiedUser()
    const page = await asApplicant(client.get(`/orgs/claims/${claim.id}`), other)
    page.assertStatus(404)
    const post = await typeBack(client, other, claim.id, code)
    post.assertStatus(404)
    const licence = await asApplicant(client.get(`/orgs/claims/${claim.id}/licence`), other)
    licence.assertStatus(404)
  })

  test('bank details are required', async ({ client, assert }) => {
    const user = await verifiedUser()
    const response = await postClaim(
      client,
      user,
      { ...claimForm(), method: 'deposit' },
      {
        licence: await makeImage('png'),
      }
    )
    assert.include(fieldErrors(response).bank_name[0], '开户银行')
  })
})
