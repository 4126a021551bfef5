import { test } from '@japa/runner'
import { DateTime } from 'luxon'
import { issueCloudPair } from '#issuance/actions/issue_certificate'
import Certificate from '#certificates/models/certificate'
import { createUser, residentId } from '#tests/helpers/factories'
import { asApplicant } from '#tests/helpers/auth'
import { bodyBuffer } from '#tests/helpers/binary'
import { ensureCa, openssl, tempFile } from '#tests/unit/issuance/support'

/**
 * 我的证书's PKCS#12 download (issue 9, item 12): the PIN opens the key, an
 * export password the holder chooses (typed twice) protects the file.
 */

const PIN = '802615'
const EXPORT_PASSWORD = 'Mein-Export-2026'

/**
 * An applicant with a cloud certificate in 我的证书.
 */
async function holder() {
  const user = await createUser({ name: '赵六' } as any)
  const pair = await issueCloudPair({
    profile: 'personal',
    subject: { name: '赵六', idNumber: residentId('19880808') },
    pin: PIN,
  })
  const certificate = await Certificate.create({
    userId: user.id,
    orderNo: '2026010100000000001',
    serial: pair.signing.serial,
    encSerial: pair.encryption.serial,
    credentialId: pair.credentialId,
    certKind: 'personal',
    medium: 'cloud',
    platformId: 'platform-test',
    platformName: '示例交易平台',
    productName: '个人移动证书',
    subjectName: '赵六',
    subjectIdNumber: residentId('19880808'),
    subjectOrgName: null,
    notBefore: DateTime.fromJSDate(pair.signing.notBefore),
    notAfter: DateTime.fromJSDate(pair.signing.notAfter),
  } as any)
  return { user, certificate, pair }
}

test.group('我的证书 · PKCS#12 download protected by an export password', (group) => {
  group.setup(async () => {
    await ensureCa()
  })

  test('the page asks for the PIN and an export password typed twice', async ({
    client,
    assert,
  }) => {
    const { user, certificate } = await holder()
    const page = await asApplicant(client.get(`/certificates/${certificate.id}`), user)
    page.assertStatus(200)
    const html = page.text()
    assert.include(html, 'name="export_password"')
    assert.include(html, 'name="export_password_confirmation"')
    assert.include(html, '导出密码')
    assert.include(html, '确认导出密码')
    assert.include(html, '至少 8 个字符')
  })

  test('the file opens with the export password (SHA-256 MAC, PBES2 AES-256), not with the PIN', async ({
    client,
    assert,
  }) => {
    const { user, certificate, pair } = await holder()
    const response = await asApplicant(client.post(`/certificates/${certificate.id}/pkcs12`), user)
      .withCsrfToken()
      .form({
        pin: PIN,
        export_password: EXPORT_PASSWORD,
        export_password_confirmation: EXPORT_PASSWORD,
        usage: 'encrypt',
      })
    response.assertStatus(200)
    response.assertHeader('content-type', 'application/x-pkcs12')
    const file = tempFile('ui.p12', bodyBuffer(response))
    const info = await openssl([
      'pkcs12',
      '-info',
      '-noout',
      '-in',
      file,
      '-passin',
      `pass:${EXPORT_PASSWORD}`,
    ])
    assert.equal(info.code, 0, info.stderr)
    assert.include(info.stderr, 'MAC: sha256')
    assert.include(info.stderr, 'PBES2, PBKDF2, AES-256-CBC')
    assert.include(info.stderr, 'PRF hmacWithSHA256')
    const certs = await openssl([
      'pkcs12',
      '-in',
      file,
      '-passin',
      `pass:${EXPORT_PASSWORD}`,
      '-nokeys',
      '-clcerts',
    ])
    assert.include(certs.stdout, pair.encryption.pem.split('\n')[1])
    const withPin = await openssl([
      'pkcs12',
      '-info',
      '-noout',
      '-in',
      file,
      '-passin',
      `pass:${PIN}`,
    ])
    assert.notEqual(withPin.code, 0)
  })

  test('a short or unconfirmed export password comes back at its field; the choice stays, no secret is kept', async ({
    client,
    assert,
  }) => {
    const { user, certificate } = await holder()
    const page = `/certificates/${certificate.id}`
    const short = await asApplicant(client.post(`${page}/pkcs12`), user)
      .withCsrfToken()
      .header('referer', page)
      .form({
        pin: PIN,
        export_password: 'short',
        export_password_confirmation: 'short',
        usage: 'encrypt',
      })
      .redirects(0)
    short.assertStatus(302)
    const shortFlash = short.flashMessages() as any
    assert.deepEqual(shortFlash.inputErrorsBag.export_password, ['导出密码至少 8 个字符'])
    assert.equal(shortFlash.usage, 'encrypt')
    for (const secret of ['pin', 'export_password', 'export_password_confirmation'])
      assert.notProperty(shortFlash, secret)

    const mismatch = await asApplicant(client.post(`${page}/pkcs12`), user)
      .withCsrfToken()
      .header('referer', page)
      .form({
        pin: PIN,
        export_password: EXPORT_PASSWORD,
        export_password_confirmation: `${EXPORT_PASSWORD}x`,
        usage: 'sign',
      })
      .redirects(0)
    mismatch.assertStatus(302)
    assert.deepEqual(
      (mismatch.flashMessages() as any).inputErrorsBag.export_password_confirmation,
      ['两次输入的导出密码不一致']
    )
  })

  test('a wrong PIN is counted and shown at the PIN; the export password cannot be the PIN', async ({
    client,
    assert,
  }) => {
    const { user, certificate } = await holder()
    const url = `/certificates/${certificate.id}/pkcs12`
    const wrong = await asApplicant(client.post(url), user)
      .withCsrfToken()
      .form({
        pin: '135790',
        export_password: EXPORT_PASSWORD,
        export_password_confirmation: EXPORT_PASSWORD,
        usage: 'encrypt',
      })
      .redirects(0)
    wrong.assertStatus(302)
    wrong.assertHeader('location', `/certificates/${certificate.id}#pkcs12`)
    const flash = wrong.flashMessages() as any
    assert.match(flash.inputErrorsBag.pin[0], /PIN 码错误，还可尝试 4 次/)
    assert.equal(flash.usage, 'encrypt')
    assert.notProperty(flash, 'export_password')

    // a 16-character PIN could pass the length rule: the action refuses it as the export password
    const { checkExportPassword } = await import('#issuance/actions/cloud_keys')
    assert.throws(
      () => checkExportPassword('1234567890123456', '1234567890123456'),
      /不能与 PIN 码相同/
    )
    assert.throws(() => checkExportPassword('1234567'), /8 至 64 个字符/)
  })
})
