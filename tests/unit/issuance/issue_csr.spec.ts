import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import { ensureCa, openssl, opensslCsr, chainFiles, tempFile } from '#tests/unit/issuance/support'
import { issueFromCsr } from '#issuance/actions/issue_certificate'
import { IssuanceError } from '#issuance/services/errors'
import { residentId, usccCode } from '#tests/helpers/factories'
import { officeSecret } from '#issuance/services/office_secrets'

/**
 * What a relying party holding the number and the office's key computes
 * (README): openssl's HMAC, first 40 hex digits, upper case, "H1-".
 */
async function relyingPartyHash(idNumber: string) {
  const { key, version } = await officeSecret('subject_id')
  const mac = await openssl(
    ['dgst', '-sha256', '-mac', 'HMAC', '-macopt', `hexkey:${key.toString('hex')}`],
    idNumber
  )
  const hex = mac.stdout.trim().split('= ').pop()!
  return `H${version}-${hex.slice(0, 40).toUpperCase()}`
}

test.group('Issuance · certificates from a CSR', (group) => {
  group.setup(async () => {
    await ensureCa()
  })

  test('a certificate issued from an openssl CSR verifies against the chain with openssl', async ({
    assert,
  }) => {
    const { csrPem } = await opensslCsr(2048, '/CN=Mallory/serialNumber=000')
    const idNumber = residentId()
    const cert = await issueFromCsr({
      csrPem,
      profile: 'personal',
      subject: { name: '张三', idNumber, idType: 'resident_id' },
      validity: { years: 2 },
      reference: '1234567890123456789',
    })
    assert.match(cert.serial, /^[4-7][0-9a-f]{31}$/)
    assert.equal(cert.status, 'valid')
    assert.include(cert.subjectDn, 'CN=张三')
    assert.notInclude(cert.subjectDn, 'Mallory')

    const files = await chainFiles()
    const certFile = tempFile('ee.pem', cert.pem)
    const verify = await openssl([
      'verify',
      '-CAfile',
      files.root,
      '-untrusted',
      files.issuing,
      certFile,
    ])
    assert.equal(verify.code, 0, verify.stderr)
    assert.include(verify.stdout, ': OK')

    const text = await openssl(['x509', '-in', certFile, '-noout', '-text', '-nameopt', 'utf8'])
    // PIPL: the subject carries the keyed hash of the ID number, never the number
    assert.notInclude(text.stdout, idNumber)
    assert.include(text.stdout, `serialNumber=${await relyingPartyHash(idNumber)}`)
    assert.include(text.stdout, 'CN=张三')
    assert.include(
      text.stdout,
      'Digital Signature, Non Repudiation, Key Encipherment, Data Encipherment'
    )
    assert.include(text.stdout, 'TLS Web Client Authentication, E-mail Protection')
    assert.include(text.stdout, 'OCSP - URI:')
    assert.include(text.stdout, 'CA Issuers - URI:')
    assert.include(text.stdout, '/pki/crl/')
    assert.include(text.stdout, 'Policy: 1.3.6.1.5.5.7.13.1')
    assert.include(text.stdout, 'X509v3 Authority Key Identifier')

    const row = await db.from('issued_certificates').where('serial', cert.serial).first()
    assert.equal(row.reference, '1234567890123456789')
    assert.equal(row.subject_id_number, idNumber)
    const auditRow = await db
      .from('audit_logs')
      .where('action', 'issuance.certificate.issue')
      .where('subject_id', cert.serial)
      .first()
    assert.exists(auditRow)
  })

  test('an enterprise certificate carries O and the credit code', async ({ assert }) => {
    const { csrPem } = await opensslCsr()
    const uscc = usccCode()
    const cert = await issueFromCsr({
      csrPem,
      profile: 'enterprise',
      subject: { name: '示例科技有限公司', idNumber: uscc },
    })
    const text = await openssl(
      ['x509', '-noout', '-subject', '-nameopt', 'utf8,sep_comma_plus'],
      cert.pem
    )
    assert.include(text.stdout, 'O=示例科技有限公司')
    assert.include(text.stdout, `serialNumber=${uscc}`)
  })

  test('a CSR with a broken signature is refused and nothing is stored', async ({ assert }) => {
    const { csrPem } = await opensslCsr()
    const der = Buffer.from(csrPem.replace(/-----[A-Z ]+-----/g, '').replace(/\s+/g, ''), 'base64')
    der[der.length - 5] ^= 0xff
    const before = await db.from('issued_certificates').count('* as n').first()
    const error = await issueFromCsr({
      csrPem: der,
      profile: 'personal',
      subject: { name: '张三', idNumber: residentId() },
    }).catch((e) => e)
    assert.instanceOf(error, IssuanceError)
    assert.equal(error.code, 'csr_signature')
    assert.include(error.message, '签名校验失败')
    const after = await db.from('issued_certificates').count('* as n').first()
    assert.equal(Number(after.n), Number(before.n))
  })

  test('a 1024-bit key is refused as weak', async ({ assert }) => {
    const { csrPem } = await opensslCsr(1024)
    const error = await issueFromCsr({
      csrPem,
      profile: 'personal',
      subject: { name: '张三', idNumber: residentId() },
    }).catch((e) => e)
    assert.equal(error.code, 'key_weak')
    assert.include(error.message, '1024')
  })

  test('garbage is not a CSR', async ({ assert }) => {
    const error = await issueFromCsr({
      csrPem: 'hello',
      profile: 'personal',
      subject: { name: '张三', idNumber: residentId() },
    }).catch((e) => e)
    assert.equal(error.code, 'csr_invalid')
  })
})
