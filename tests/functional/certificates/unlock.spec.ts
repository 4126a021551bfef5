import { test } from '@japa/runner'
import nock from 'nock'
import { createHmac } from 'node:crypto'
import SmsMessage from '#core/sms/sms_message'
import { credentialState } from '#issuance/actions/cloud_keys'
import { signData } from '#issuance/actions/signing'
import CertificateUnlock from '#certificates/models/certificate_unlock'
import {
  HttpUkeyUnlock,
  SandboxUkeyUnlock,
  useUkeyUnlockProvider,
} from '#certificates/services/ukey_unlock/index'
import { asApplicant } from '#tests/helpers/auth'
import { createUser, uniquePhone } from '#tests/helpers/factories'
import { ensureCa } from '#tests/unit/issuance/support'
import { holderWith, PIN } from '#tests/functional/certificates/support'

/**
 * 解锁 (issue 11): free; the first unlock needs the identity check (运营商三要素
 * with an SMS code), later ones an SMS code to the reserved phone; a cloud
 * certificate gets a new PIN, a uKey its 解锁授权码 for the challenge code.
 */
async function lastCode(phone: string, purpose: string) {
  const sms = await SmsMessage.query()
    .where('phone', phone)
    .where('purpose', `code:${purpose}`)
    .orderBy('created_at', 'desc')
    .firstOrFail()
  return /验证码为 (\d{6})/.exec(sms.content)![1]
}

async function lockedCloudHolder() {
  const holder = await holderWith()
  for (let i = 0; i < 5; i++) {
    await signData({
      credentialId: holder.certificate.credentialId!,
      pin: '000000',
      data: Buffer.from('x'),
      format: 'pkcs1',
    }).catch(() => undefined)
  }
  return holder
}

test.group('证书解锁', (group) => {
  group.setup(async () => {
    await ensureCa()
  })
  group.each.teardown(() => {
    useUkeyUnlockProvider(null)
    nock.cleanAll()
  })

  test('a locked cloud certificate: the first unlock checks identity, then sets the new PIN', async ({
    client,
    assert,
  }) => {
    const { user, certificate } = await lockedCloudHolder()
    assert.isTrue((await credentialState(certificate.credentialId!)).locked)
    const page = await asApplicant(client.get(`/certificates/${certificate.id}/unlock`), user)
    page.assertStatus(200)
    assert.include(page.text(), '首次解锁：身份核验')
    assert.include(page.text(), '免费')

    const phone = uniquePhone()
    await asApplicant(client.post(`/certificates/${certificate.id}/unlock`), user)
      .withCsrfToken()
      .form({ intent: 'send_code', phone })
    const weak = await asApplicant(client.post(`/certificates/${certificate.id}/unlock`), user)
      .withCsrfToken()
      .form({
        phone,
        sms_code: await lastCode(phone, 'real_name'),
        new_pin: '123456',
        new_pin_confirmation: '123456',
      })
      .redirects(0)
    weak.assertFlashMessage('inputErrorsBag', {
      new_pin: ['PIN 码过于简单（不能为相同或连续的数字），请重新设置'],
    })

    const done = await asApplicant(client.post(`/certificates/${certificate.id}/unlock`), user)
      .withCsrfToken()
      .form({
        phone,
        sms_code: await lastCode(phone, 'real_name'),
        new_pin: '739164',
        new_pin_confirmation: '739164',
      })
      .redirects(0)
    assert.equal(done.header('location'), `/certificates/${certificate.id}`)
    const state = await credentialState(certificate.credentialId!)
    assert.isFalse(state.locked)
    const signed = await signData({
      credentialId: certificate.credentialId!,
      pin: '739164',
      data: Buffer.from('bid'),
      format: 'pkcs1',
    })
    assert.isAbove(signed.signature.length, 0)
    const unlocks = await CertificateUnlock.query().where('certificate_id', certificate.id)
    assert.deepEqual(
      unlocks.map((u) => u.method),
      ['identity']
    )
  })

  test('the identity check refuses a phone that is not the holder’s (沙箱: ends in 0000)', async ({
    client,
    assert,
  }) => {
    const { user, certificate } = await holderWith()
    const phone = `138${String(Date.now()).slice(-4)}0000`
    await asApplicant(client.post(`/certificates/${certificate.id}/unlock`), user)
      .withCsrfToken()
      .form({ intent: 'send_code', phone })
    const refused = await asApplicant(client.post(`/certificates/${certificate.id}/unlock`), user)
      .withCsrfToken()
      .form({
        phone,
        sms_code: await lastCode(phone, 'real_name'),
        new_pin: '739164',
        new_pin_confirmation: '739164',
      })
      .redirects(0)
    refused.assertFlashMessage('inputErrorsBag', {
      phone: ['身份核验未通过：手机号与姓名、身份证号不一致'],
    })
    const unlocks = await CertificateUnlock.query().where('certificate_id', certificate.id)
    assert.lengthOf(unlocks, 0)
  })

  test('a later unlock: an SMS code to the reserved phone is enough', async ({
    client,
    assert,
  }) => {
    const { user, certificate } = await holderWith()
    await CertificateUnlock.create({
      certificateId: certificate.id,
      userId: user.id,
      method: 'identity',
      medium: 'cloud',
      challenge: null,
    })
    const page = await asApplicant(client.get(`/certificates/${certificate.id}/unlock`), user)
    assert.include(page.text(), '短信验证码（发送至预留手机号')
    await asApplicant(client.post(`/certificates/${certificate.id}/unlock`), user)
      .withCsrfToken()
      .form({ intent: 'send_code', phone: '13900000001' })
    // the code went to the account's phone, whatever was posted
    const code = await lastCode(user.phone, 'certificate_unlock')
    const wrong = await asApplicant(client.post(`/certificates/${certificate.id}/unlock`), user)
      .withCsrfToken()
      .form({
        sms_code: code === '000000' ? '111111' : '000000',
        new_pin: '739164',
        new_pin_confirmation: '739164',
      })
      .redirects(0)
    assert.property(wrong.flashMessages().inputErrorsBag ?? {}, 'sms_code')
    await asApplicant(client.post(`/certificates/${certificate.id}/unlock`), user)
      .withCsrfToken()
      .form({ sms_code: code, new_pin: '739164', new_pin_confirmation: '739164' })
    const unlocks = await CertificateUnlock.query()
      .where('certificate_id', certificate.id)
      .orderBy('created_at', 'asc')
    assert.deepEqual(
      unlocks.map((u) => u.method),
      ['identity', 'sms']
    )
    await signData({
      credentialId: certificate.credentialId!,
      pin: '739164',
      data: Buffer.from('x'),
      format: 'pkcs1',
    })
    assert.notEqual(PIN, '739164')
  })

  test('a uKey: the challenge code gets the 解锁授权码 of the documented sandbox', async ({
    client,
    assert,
  }) => {
    const secret = 'office-secret-for-tests'
    useUkeyUnlockProvider(new SandboxUkeyUnlock(secret))
    const { user, certificate } = await holderWith({
      medium: 'ukey',
      productName: '个人 uKey 证书',
    })
    await CertificateUnlock.create({
      certificateId: certificate.id,
      userId: user.id,
      method: 'identity',
      medium: 'ukey',
      challenge: null,
    })
    const page = await asApplicant(client.get(`/certificates/${certificate.id}/unlock`), user)
    assert.include(page.text(), '挑战码')
    assert.include(page.text(), '沙箱')
    await asApplicant(client.post(`/certificates/${certificate.id}/unlock`), user)
      .withCsrfToken()
      .form({ intent: 'send_code', phone: user.phone })
    const bad = await asApplicant(client.post(`/certificates/${certificate.id}/unlock`), user)
      .withCsrfToken()
      .form({ sms_code: await lastCode(user.phone, 'certificate_unlock'), challenge: 'XYZ' })
      .redirects(0)
    assert.property(bad.flashMessages().inputErrorsBag ?? {}, 'challenge')

    const challenge = '0123-4567-89ab-cdef'
    const res = await asApplicant(client.post(`/certificates/${certificate.id}/unlock`), user)
      .withCsrfToken()
      .form({ sms_code: await lastCode(user.phone, 'certificate_unlock'), challenge })
    const keySecret = createHmac('sha256', secret).update(`ukey-so:${certificate.serial}`).digest()
    const expected = createHmac('sha256', keySecret)
      .update('0123456789ABCDEF')
      .digest('hex')
      .slice(0, 16)
      .toUpperCase()
      .match(/.{4}/g)!
      .join('-')
    assert.include(res.text(), expected)
  })

  test('the HTTP driver signs its request and reads the code (nock)', async ({ assert }) => {
    nock.disableNetConnect()
    nock.enableNetConnect(/127\.0\.0\.1|localhost/)
    let signature = ''
    let body = ''
    nock('https://unlock.example.cn')
      .matchHeader('x-signature', (value: string | null) => {
        signature = value ?? ''
        return true
      })
      .post('/v1/unlock', (requestBody: unknown) => {
        body = JSON.stringify(requestBody)
        return true
      })
      .reply(200, { code: 'a1b2c3d4e5f60718' })
    const driver = new HttpUkeyUnlock({
      url: 'https://unlock.example.cn/v1/unlock',
      secret: 's3cret',
    })
    const code = await driver.unlockCode({ serial: 'ab12', challenge: '0123456789ABCDEF' })
    assert.equal(code, 'A1B2-C3D4-E5F6-0718')
    assert.equal(signature, createHmac('sha256', 's3cret').update(body).digest('hex'))
    nock('https://unlock.example.cn').post('/v1/unlock').reply(500, { message: 'down' })
    await assert.rejects(() => driver.unlockCode({ serial: 'ab12', challenge: '0123456789ABCDEF' }))
  })

  test("another holder's certificate is a 404; a revoked one cannot be unlocked", async ({
    client,
    assert,
  }) => {
    const { user, certificate } = await holderWith()
    const stranger = await createUser({ name: '钱七' } as any)
    const other = await asApplicant(client.get(`/certificates/${certificate.id}/unlock`), stranger)
    other.assertStatus(404)
    await asApplicant(client.post(`/certificates/${certificate.id}/revoke`), user)
      .withCsrfToken()
      .form({ confirm: '1' })
    const refused = await asApplicant(client.get(`/certificates/${certificate.id}/unlock`), user)
    refused.assertStatus(409)
    assert.include(refused.text(), '证书已注销，不能解锁')
  })
})
