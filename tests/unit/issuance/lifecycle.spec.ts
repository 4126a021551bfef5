import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import { chainFiles, ensureCa, openssl, opensslCsr, tempFile } from '#tests/unit/issuance/support'
import { issueCloudPair, issueFromCsr } from '#issuance/actions/issue_certificate'
import { changeSubject, reissue, renew } from '#issuance/actions/lifecycle'
import { decryptEnvelope } from '#issuance/actions/signing'
import { chainP7b } from '#issuance/queries/certificates'
import { type IssuanceError } from '#issuance/services/errors'
import { residentId, usccCode } from '#tests/helpers/factories'

async function failure(promise: Promise<unknown>): Promise<IssuanceError> {
  try {
    await promise
  } catch (error) {
    return error as IssuanceError
  }
  throw new Error('expected a refusal')
}

const DAY = 86_400_000

test.group('Issuance · renew, change, reissue', (group) => {
  group.setup(async () => {
    await ensureCa()
  })

  test('renewing a uKey certificate inside the window: the term runs on from the old expiry', async ({
    assert,
  }) => {
    const { csrPem } = await opensslCsr()
    const old = await issueFromCsr({
      csrPem,
      profile: 'personal',
      subject: { name: '孙七', idNumber: residentId() },
      validity: { days: 30 },
    })
    const result = await renew({
      serial: old.serial,
      years: 1,
      windowDays: 60,
      reference: '2026112100000000002',
    })
    assert.equal(result.kind, 'csr')
    if (result.kind !== 'csr') return
    const fresh = result.certificate
    assert.equal(fresh.replacesSerial, old.serial)
    assert.equal(fresh.subjectDn, old.subjectDn)
    // notAfter = old notAfter + 1 year
    const expected = new Date(old.notAfter)
    expected.setUTCFullYear(expected.getUTCFullYear() + 1)
    assert.equal(fresh.notAfter.toISOString(), expected.toISOString())
    const oldRow = await db.from('issued_certificates').where('serial', old.serial).first()
    assert.equal(oldRow.status, 'revoked')
    assert.equal(oldRow.revocation_reason, 'superseded')
    const files = await chainFiles()
    const verify = await openssl([
      'verify',
      '-CAfile',
      files.root,
      '-untrusted',
      files.issuing,
      tempFile('r.pem', fresh.pem),
    ])
    assert.equal(verify.code, 0, verify.stderr)
  })

  test('too early to renew: refused with the reason, nothing changes', async ({ assert }) => {
    const { csrPem } = await opensslCsr()
    const old = await issueFromCsr({
      csrPem,
      profile: 'personal',
      subject: { name: '孙七', idNumber: residentId() },
      validity: { years: 1 },
    })
    const count = async () =>
      Number((await db.from('issued_certificates').count('* as n').first()).n)
    const before = await count()
    const error = await failure(renew({ serial: old.serial, years: 1, windowDays: 60 }))
    assert.equal(error.code, 'renewal_refused')
    assert.include(error.message, '到期前 60 天内')
    assert.equal(await count(), before)
    assert.equal(
      (await db.from('issued_certificates').where('serial', old.serial).first()).status,
      'valid'
    )
  })

  test('renewing a cloud pair certifies the same keys again; envelopes still open', async ({
    assert,
  }) => {
    const cloud = await issueCloudPair({
      profile: 'personal',
      subject: { name: '周八', idNumber: residentId() },
      pin: '802615',
      validity: { days: 10 },
    })
    const env = await openssl([
      'cms',
      '-encrypt',
      '-binary',
      '-outform',
      'DER',
      '-aes256',
      '-in',
      tempFile('p.bin', '旧信封'),
      tempFile('e.pem', cloud.encryption.pem),
    ])
    const result = await renew({ serial: cloud.signing.serial, years: 2, windowDays: 90 })
    assert.equal(result.kind, 'cloud')
    if (result.kind !== 'cloud') return
    assert.equal(result.pair.credentialId, cloud.credentialId)
    assert.isAbove(
      result.pair.signing.notAfter.getTime(),
      cloud.signing.notAfter.getTime() + 700 * DAY
    )
    const credential = await db.from('cloud_credentials').where('id', cloud.credentialId).first()
    assert.equal(credential.sign_serial, result.pair.signing.serial)
    assert.equal(credential.enc_serial, result.pair.encryption.serial)
    // the same key: an envelope for the old encryption certificate opens
    const opened = await decryptEnvelope({
      credentialId: cloud.credentialId,
      pin: '802615',
      envelope: env.out,
    })
    assert.equal(opened.content.toString('utf8'), '旧信封')
    assert.exists(
      await db.from('archived_keys').where('serial', result.pair.encryption.serial).first()
    )
  })

  test('changing the subject of an enterprise certificate keeps the expiry, revokes the old as affiliationChanged', async ({
    assert,
  }) => {
    const { csrPem } = await opensslCsr()
    const uscc = usccCode()
    const old = await issueFromCsr({
      csrPem,
      profile: 'enterprise',
      subject: { name: '示例旧名有限公司', idNumber: uscc },
    })
    const result = await changeSubject({
      serial: old.serial,
      subject: { name: '示例新名有限公司', idNumber: uscc },
    })
    if (result.kind !== 'csr') throw new Error('csr expected')
    assert.include(result.certificate.subjectDn, 'O=示例新名有限公司')
    assert.equal(result.certificate.notAfter.getTime(), old.notAfter.getTime())
    const oldRow = await db.from('issued_certificates').where('serial', old.serial).first()
    assert.equal(oldRow.revocation_reason, 'affiliationChanged')
  })

  test('a uKey reissue needs a new key and revokes the old one as keyCompromise', async ({
    assert,
  }) => {
    const first = await opensslCsr()
    const old = await issueFromCsr({
      csrPem: first.csrPem,
      profile: 'personal',
      subject: { name: '吴九', idNumber: residentId() },
    })
    const sameKey = await failure(
      reissue({ serial: old.serial, reason: 'keyCompromise', csrPem: first.csrPem })
    )
    assert.equal(sameKey.code, 'key_reused')
    const second = await opensslCsr()
    const result = await reissue({
      serial: old.serial,
      reason: 'keyCompromise',
      csrPem: second.csrPem,
    })
    if (result.kind !== 'csr') throw new Error('csr expected')
    assert.equal(result.certificate.notAfter.getTime(), old.notAfter.getTime())
    assert.equal(
      (await db.from('issued_certificates').where('serial', old.serial).first()).revocation_reason,
      'keyCompromise'
    )
  })

  test('a key certified for one holder is refused for another', async ({ assert }) => {
    const { csrPem } = await opensslCsr()
    await issueFromCsr({
      csrPem,
      profile: 'personal',
      subject: { name: '甲', idNumber: residentId('19700101') },
    })
    const error = await failure(
      issueFromCsr({
        csrPem,
        profile: 'personal',
        subject: { name: '乙', idNumber: residentId('19800101') },
      })
    )
    assert.equal(error.code, 'key_reused')
  })

  test('subject and validity are checked before anything is signed', async ({ assert }) => {
    const { csrPem } = await opensslCsr()
    const cases: Array<[any, string]> = [
      [{ profile: 'personal', subject: { name: '', idNumber: residentId() } }, '证书主题缺少姓名'],
      [
        { profile: 'enterprise', subject: { name: '某公司', idNumber: '12440' } },
        '统一社会信用代码不正确',
      ],
      [
        { profile: 'personal', subject: { name: '张三', idNumber: '123', idType: 'resident_id' } },
        '请输入正确的身份证号',
      ],
      [
        { profile: 'gold', subject: { name: '张三', idNumber: residentId() } },
        '证书类型无效（应为个人、专家或机构证书）',
      ],
      [
        {
          profile: 'personal',
          subject: { name: '张三', idNumber: residentId() },
          validity: { years: 9 },
        },
        '证书有效期应为 1 至 5 年',
      ],
    ]
    for (const [input, message] of cases) {
      const error = await failure(issueFromCsr({ csrPem, ...input }))
      assert.equal(error.message, message)
    }
  })

  test('the chain as PKCS#7 (.p7b) lists the certificate and both CAs in openssl', async ({
    assert,
  }) => {
    const { csrPem } = await opensslCsr()
    const cert = await issueFromCsr({
      csrPem,
      profile: 'personal',
      subject: { name: '郑十', idNumber: residentId() },
    })
    const p7b = await chainP7b(cert.serial)
    const printed = await openssl(['pkcs7', '-inform', 'DER', '-print_certs', '-noout'], p7b!)
    assert.equal(printed.code, 0, printed.stderr)
    assert.equal((printed.stdout.match(/subject=/g) ?? []).length, 3)
  })
})
