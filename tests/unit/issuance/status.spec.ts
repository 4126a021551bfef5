import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import { ensureCa, openssl, opensslCsr, tempFile } from '#tests/unit/issuance/support'
import { issueFromCsr } from '#issuance/actions/issue_certificate'
import { resume, revoke, suspend } from '#issuance/actions/certificate_status'
import { caCrlDer } from '#issuance/queries/ca'
import { certificateStatus } from '#issuance/queries/certificates'
import { respond } from '#issuance/services/ocsp'
import { residentId } from '#tests/helpers/factories'

async function issue() {
  const { csrPem } = await opensslCsr()
  return issueFromCsr({
    csrPem,
    profile: 'personal',
    subject: { name: '李四', idNumber: residentId() },
  })
}

async function crlText() {
  const crl = await caCrlDer('issuing')
  const text = await openssl(['crl', '-inform', 'DER', '-noout', '-text'], crl!.der)
  return { crl: crl!, text: text.stdout, code: text.code }
}

test.group('Issuance · revoke, suspend, resume', (group) => {
  group.setup(async () => {
    await ensureCa()
  })

  test('revoking publishes a new CRL at once that openssl lists with the reason', async ({
    assert,
  }) => {
    const cert = await issue()
    const before = await crlText()
    assert.equal(before.code, 0)
    assert.notInclude(before.text, cert.serial.toUpperCase())

    const result = await revoke(cert.serial, 'keyCompromise', { note: '用户报告 uKey 丢失' })
    assert.deepEqual(result.serials, [cert.serial])
    assert.equal(result.status, 'revoked')
    assert.equal(result.crlNumber, before.crl.crlNumber + 1)

    const after = await crlText()
    assert.equal(after.crl.crlNumber, before.crl.crlNumber + 1)
    assert.include(after.text, `Serial Number: ${cert.serial.toUpperCase()}`)
    assert.include(after.text, 'Key Compromise')
    assert.match(after.text, new RegExp(`X509v3 CRL Number: \\s*\\n?\\s*${after.crl.crlNumber}`))

    const status = await certificateStatus(cert.serial)
    assert.equal(status!.status, 'revoked')
    assert.equal(status!.reason, 'keyCompromise')

    const entry = await db
      .from('audit_logs')
      .where('action', 'issuance.certificate.revoke')
      .where('subject_id', cert.serial)
      .first()
    assert.exists(entry)
    const data = JSON.parse(entry.data)
    assert.equal(data.note, '用户报告 uKey 丢失')
    assert.equal(data.crls[0].number, after.crl.crlNumber)
  })

  test('suspend lists the certificate as on hold; resume takes it off the CRL', async ({
    assert,
  }) => {
    const cert = await issue()
    await suspend(cert.serial, { note: '用户申请冻结' })
    let { text } = await crlText()
    assert.include(text, cert.serial.toUpperCase())
    assert.include(text, 'Certificate Hold')
    assert.equal((await certificateStatus(cert.serial))!.status, 'suspended')

    await resume(cert.serial, { note: '核实身份后解冻' })
    text = (await crlText()).text
    assert.notInclude(text, cert.serial.toUpperCase())
    assert.equal((await certificateStatus(cert.serial))!.status, 'valid')
    const actions = await db
      .from('audit_logs')
      .where('subject_id', cert.serial)
      .orderBy('seq')
      .select('action')
    assert.deepEqual(
      actions.map((a) => a.action),
      ['issuance.certificate.issue', 'issuance.certificate.suspend', 'issuance.certificate.resume']
    )
  })

  test('the state machine refuses what it does not allow, and changes nothing', async ({
    assert,
  }) => {
    const cert = await issue()
    const crlBefore = (await caCrlDer('issuing'))!.crlNumber
    await assert.rejects(() => resume(cert.serial), '证书未被冻结，无需解冻')
    await revoke(cert.serial, 'cessationOfOperation')
    await assert.rejects(() => revoke(cert.serial, 'keyCompromise'), '证书已注销，不能重复注销')
    await assert.rejects(() => suspend(cert.serial), '证书已注销，不能冻结')
    assert.equal((await caCrlDer('issuing'))!.crlNumber, crlBefore + 1)
    await assert.rejects(
      () => revoke('not-a-serial', 'keyCompromise'),
      '证书不存在（请核对序列号）'
    )
    await assert.rejects(
      () => revoke(cert.serial, 'certificateHold' as any),
      '请选择有效的注销原因'
    )
  })

  test('OCSP answers from the new status at once (cached response dropped)', async ({ assert }) => {
    const cert = await issue()
    const { issuing } = await ensureCa()
    const { buildOcspRequest } = await import('#tests/unit/issuance/ocsp_support')
    const request = buildOcspRequest(issuing, cert.serial, false)
    const first = await respond(request)
    const second = await respond(request)
    assert.isFalse(first.cached)
    assert.isTrue(second.cached)
    await revoke(cert.serial, 'superseded')
    const third = await respond(request)
    assert.isFalse(third.cached)
    const text = await openssl([
      'ocsp',
      '-respin',
      tempFile('resp.der', third.der),
      '-resp_text',
      '-noverify',
    ])
    assert.include(text.stdout, 'Cert Status: revoked')
    assert.include(text.stdout, 'Revocation Reason: superseded')
  })
})
