import { test } from '@japa/runner'
import sharp from 'sharp'
import AuditLog from '#core/audit/audit_log'
import Org from '#orgs/models/org'
import OrgClaim from '#orgs/models/org_claim'
import Membership from '#orgs/models/membership'
import { asApplicant } from '#tests/helpers/auth'
import { residentId } from '#tests/helpers/factories'
import { makeImage } from '#tests/helpers/files'
import { fieldErrors, flash, lastCode, smsTo } from '#tests/functional/accounts/helpers'
import { claimForm, verifiedUser } from '#tests/functional/orgs/helpers'
import RealNameRequest from '#accounts/realname/real_name_request'
import type { ApiClient } from '@japa/api-client'
import type User from '#accounts/models/user'

/**
 * 法定代表人在线签署 through HTTP: the link goes to the legal
 * representative by SMS (and shows as a QR code), who signs without an
 * account — drawn on the pad (a PNG data URL) or as a photo — after the
 * SMS code; a claimant who is the legal representative signs at once.
 */
async function drawnSignature() {
  const png = await sharp({
    create: {
      width: 300,
      height: 120,
      channels: 4,
      background: { r: 255, g: 255, b: 255, alpha: 0 },
    },
  })
    .png()
    .toBuffer()
  return `data:image/png;base64,${png.toString('base64')}`
}

/**
 * 人脸识别 on the signing page: 开始人脸识别, then the sandbox's H5 page
 * answers 模拟识别成功 / 失败 (the signed callback).
 */
async function faceCheck(client: ApiClient, token: string, outcome: 'pass' | 'fail', user?: User) {
  const start = client.post(`/orgs/sign/${token}`)
  await (user ? asApplicant(start, user) : start)
    .withCsrfToken()
    .form({ intent: 'face' })
    .redirects(0)
  const claim = await OrgClaim.findByOrFail('sign_token', token)
  const check = await RealNameRequest.query()
    .where('purpose', 'orgs.sign')
    .where('reference', claim.id)
    .where('status', 'pending')
    .firstOrFail()
  const page = client.post(`/realname/sandbox/face/${check.providerRef}`)
  await (user ? asApplicant(page, user) : page).withCsrfToken().form({ outcome }).redirects(0)
  return check
}

test.group('Orgs · claim by online signing', () => {
  test('the legal representative gets the link by SMS, verifies the code and signs: claimed', async ({
    client,
    assert,
  }) => {
    const user = await verifiedUser()
    const form = claimForm()
    const created = await asApplicant(client.post('/orgs/claim'), user)
      .withCsrfToken()
      .fields({ ...form, method: 'signing' })
      .file('licence', await makeImage('png'))
      .redirects(0)
    const claim = await OrgClaim.findByOrFail('uscc', form.uscc)
    created.assertHeader('location', `/orgs/claims/${claim.id}`)
    assert.equal(claim.status, 'verifying')
    const link = (await smsTo(form.legal_rep_phone)).find(
      (m: any) => m.purpose === 'notice:orgs_sign'
    )
    assert.include(link.content, `/orgs/sign/${claim.signToken}`)
    const page = await asApplicant(client.get(`/orgs/claims/${claim.id}`), user)
    assert.include(page.text(), 'aria-label="签署链接二维码"')
    assert.include(page.text(), '保存并退出')

    const signPage = await client.get(`/orgs/sign/${claim.signToken}`)
    signPage.assertStatus(200)
    assert.include(signPage.text(), '法定代表人在线签署')
    assert.include(signPage.text(), '开始人脸识别')
    await faceCheck(client, claim.signToken!, 'pass')
    assert.include((await client.get(`/orgs/sign/${claim.signToken}`)).text(), '人脸识别已通过')
    await client
      .post(`/orgs/sign/${claim.signToken}`)
      .withCsrfToken()
      .form({ intent: 'send_code' })
      .redirects(0)
    const code = await lastCode(form.legal_rep_phone, 'orgs_sign')
    const wrong = await client
      .post(`/orgs/sign/${claim.signToken}`)
      .withCsrfToken()
      .form({
        sms_code: code === '000000' ? '111111' : '000000',
        signature_data: await drawnSignature(),
      })
      .redirects(0)
    assert.include(fieldErrors(wrong).sms_code[0], '验证码错误')
    const signed = await client
      .post(`/orgs/sign/${claim.signToken}`)
      .withCsrfToken()
      .form({ sms_code: code, signature_data: await drawnSignature() })
      .redirects(0)
    assert.include(flash(signed, 'success'), '认领成功')
    await claim.refresh()
    assert.equal(claim.status, 'passed')
    assert.isNotNull(claim.signatureKey)
    const org = await Org.findByOrFail('uscc', form.uscc)
    assert.equal(org.status, 'claimed')
    const admin = await Membership.query().where('org_id', org.id).firstOrFail()
    assert.equal(admin.userId, user.id)
    const again = await client.get(`/orgs/sign/${claim.signToken}`)
    assert.include(again.text(), '已签署')
  })

  test('a claimant who is the legal representative signs at once (photo of the signature, no JavaScript)', async ({
    client,
    assert,
  }) => {
    const id = residentId('19700101', '211302', '287')
    const user = await verifiedUser('王法人', { realIdNumber: id, idNumber: id })
    const form = claimForm({ legal_rep_id_number: id, legal_rep_phone: user.phone })
    await asApplicant(client.post('/orgs/claim'), user)
      .withCsrfToken()
      .fields({ ...form, method: 'signing' })
      .file('licence', await makeImage('png'))
      .redirects(0)
    const claim = await OrgClaim.findByOrFail('uscc', form.uscc)
    assert.isUndefined(
      (await smsTo(user.phone)).find((m: any) => m.purpose === 'notice:orgs_sign'),
      'no link to oneself'
    )
    const page = await asApplicant(client.get(`/orgs/claims/${claim.id}`), user)
    assert.include(page.text(), '立即签署')
    await faceCheck(client, claim.signToken!, 'pass', user)
    await asApplicant(client.post(`/orgs/sign/${claim.signToken}`), user)
      .withCsrfToken()
      .form({ intent: 'send_code' })
      .redirects(0)
    const code = await lastCode(user.phone, 'orgs_sign')
    const missing = await asApplicant(client.post(`/orgs/sign/${claim.signToken}`), user)
      .withCsrfToken()
      .fields({ sms_code: code })
      .redirects(0)
    assert.include(fieldErrors(missing).signature[0], '手写签名')
    await asApplicant(client.post('/orgs/sign/' + claim.signToken), user)
      .withCsrfToken()
      .fields({ sms_code: code })
      .file('signature', await makeImage('png'))
      .redirects(0)
    await claim.refresh()
    assert.equal(claim.status, 'passed')
    const membership = await Membership.query().where('org_id', claim.orgId).firstOrFail()
    assert.isTrue(membership.isLegalRep)
    assert.equal(membership.role, 'admin')
  })

  test('an unknown signing link is a 404; nobody can have a signing code sent to another phone', async ({
    client,
    assert,
  }) => {
    const response = await client.get('/orgs/sign/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA')
    response.assertStatus(404)
    const user = await verifiedUser()
    const sms = await asApplicant(client.post('/sms/codes'), user)
      .withCsrfToken()
      .json({ purpose: 'orgs_sign', phone: user.phone })
    assert.notEqual(sms.status(), 200)
  })

  test('no face check, a pending or a failed one refuses the signature; a new check that passes signs', async ({
    client,
    assert,
  }) => {
    const user = await verifiedUser()
    const form = claimForm()
    await asApplicant(client.post('/orgs/claim'), user)
      .withCsrfToken()
      .fields({ ...form, method: 'signing' })
      .file('licence', await makeImage('png'))
      .redirects(0)
    const claim = await OrgClaim.findByOrFail('uscc', form.uscc)
    const token = claim.signToken!
    const sign = async () => {
      await client.post(`/orgs/sign/${token}`).withCsrfToken().form({ intent: 'send_code' })
      const code = await lastCode(form.legal_rep_phone, 'orgs_sign')
      return client
        .post(`/orgs/sign/${token}`)
        .withCsrfToken()
        .form({ sms_code: code, signature_data: await drawnSignature() })
        .redirects(0)
    }

    const skipped = await sign()
    assert.include(fieldErrors(skipped).face[0], '请先完成法定代表人人脸识别')

    await client.post(`/orgs/sign/${token}`).withCsrfToken().form({ intent: 'face' })
    const waiting = await client.get(`/orgs/sign/${token}`)
    assert.include(waiting.text(), 'http-equiv="refresh"')
    assert.include(waiting.text(), 'aria-label="人脸识别二维码"')
    assert.include(fieldErrors(await sign()).face[0], '人脸识别尚未完成')

    const failed = await faceCheck(client, token, 'fail')
    assert.equal((await RealNameRequest.findOrFail(failed.id)).status, 'failed')
    const failedPage = await client.get(`/orgs/sign/${token}`)
    assert.include(failedPage.text(), '重新人脸识别')
    assert.notInclude(failedPage.text(), '确认签署')
    assert.include(fieldErrors(await sign()).face[0], '人脸识别未通过')
    await claim.refresh()
    assert.equal(claim.status, 'verifying')
    assert.isNull(claim.signatureKey)

    await faceCheck(client, token, 'pass')
    assert.include(flash(await sign(), 'success'), '认领成功')
    await claim.refresh()
    assert.equal(claim.status, 'passed')
    const actions = (await AuditLog.query().where('subject_id', claim.id)).map((a) => a.action)
    assert.includeMembers(actions, [
      'orgs.claim.sign_face',
      'orgs.claim.sign_refused',
      'orgs.claim.sign',
    ])
  })
})
