import { test } from '@japa/runner'
import app from '@adonisjs/core/services/app'
import db from '@adonisjs/lucid/services/db'
import { ensureCa, openssl, opensslCsr, tempFile, chainFiles } from '#tests/unit/issuance/support'
import { resolveCaPassphrase } from '#issuance/services/secrets'
import { initHierarchy } from '#issuance/services/ca_setup'
import { residentId } from '#tests/helpers/factories'

async function run(command: string, args: string[]) {
  const ace = await app.container.make('ace')
  ace.ui.switchMode('raw')
  const cmd = await ace.exec(command, args)
  const logs = cmd.logger.getLogs() as Array<{ message: string; stream: string }>
  return {
    exitCode: cmd.exitCode ?? 0,
    out: logs
      .filter((l) => l.stream === 'stdout')
      .map((l) => l.message)
      .join('\n'),
    err: logs
      .filter((l) => l.stream === 'stderr')
      .map((l) => l.message)
      .join('\n'),
    error: cmd.error,
  }
}

test.group('Issuance · operator commands and the CA passphrase', (group) => {
  group.setup(async () => {
    await ensureCa()
  })

  test('ca:init --if-missing is quiet when the CA exists; without it, a clear refusal', async ({
    assert,
  }) => {
    const quiet = await run('ca:init', ['--if-missing'])
    assert.equal(quiet.exitCode, 0)
    assert.equal(quiet.out + quiet.err, '')
    const again = await run('ca:init', [])
    assert.equal(again.exitCode, 1)
    assert.include(again.err, 'CA 已存在')
    await assert.rejects(() => initHierarchy(), 'CA 已存在，无需重复初始化')
  })

  test('ca:status prints the chain, fingerprints, expiry and CRL number', async ({ assert }) => {
    const { root } = await ensureCa()
    const status = await run('ca:status', [])
    assert.equal(status.exitCode, 0)
    assert.include(status.out, '根 CA')
    assert.include(status.out, '签发 CA')
    assert.include(status.out, root.commonName)
    assert.include(status.out, 'SHA-256')
    assert.match(status.out, /CRL：\s+第 \d+ 号/)
    assert.include(status.out, '已签发证书')
  })

  test('cert:issue prints a PEM that openssl verifies; cert:revoke revokes it; crl:publish publishes', async ({
    assert,
  }) => {
    const { csrPem } = await opensslCsr()
    const idNumber = residentId()
    const issued = await run('cert:issue', [
      '--csr',
      tempFile('cmd.csr', csrPem),
      '--profile',
      'expert',
      '--name',
      '评审专家甲',
      '--id',
      idNumber,
      '--org',
      '示例大学',
      '--years',
      '2',
    ])
    assert.equal(issued.exitCode, 0, issued.err)
    assert.match(issued.out, /^-----BEGIN CERTIFICATE-----[\s\S]+-----END CERTIFICATE-----$/)
    assert.include(issued.err, '已签发证书')
    const files = await chainFiles()
    const verify = await openssl([
      'verify',
      '-CAfile',
      files.root,
      '-untrusted',
      files.issuing,
      tempFile('cmd.pem', issued.out + '\n'),
    ])
    assert.equal(verify.code, 0, verify.stderr)
    const serial = (await openssl(['x509', '-noout', '-serial'], issued.out + '\n')).stdout
      .trim()
      .split('=')[1]

    const revoked = await run('cert:revoke', [serial, '--reason', 'cessationOfOperation'])
    assert.equal(revoked.exitCode, 0, revoked.err)
    assert.include(revoked.out, '已注销证书')
    const row = await db.from('issued_certificates').where('serial', serial.toLowerCase()).first()
    assert.equal(row.status, 'revoked')
    assert.equal(row.revocation_reason, 'cessationOfOperation')
    const entry = await db
      .from('audit_logs')
      .where('action', 'issuance.certificate.revoke')
      .where('subject_id', row.serial)
      .first()
    assert.equal(entry.actor_name, 'ace cert:revoke')

    const published = await run('crl:publish', [])
    assert.equal(published.exitCode, 0)
    assert.include(published.out, 'CRL 第')
  })

  test('bad command input gets a clear message and changes nothing', async ({ assert }) => {
    const before = Number((await db.from('issued_certificates').count('* as n').first()).n)
    const weak = await opensslCsr(1024)
    const refused = await run('cert:issue', [
      '--csr',
      tempFile('weak.csr', weak.csrPem),
      '--profile',
      'personal',
      '--name',
      '张三',
      '--id',
      residentId(),
    ])
    assert.equal(refused.exitCode, 1)
    assert.include(refused.err, '密钥强度不足')
    const missing = await run('cert:issue', [
      '--csr',
      '/no/such/file.csr',
      '--profile',
      'personal',
      '--name',
      '张三',
      '--id',
      residentId(),
    ])
    assert.include(missing.err, '无法读取证书请求文件')
    const profile = await run('cert:issue', [
      '--csr',
      tempFile('w.csr', weak.csrPem),
      '--profile',
      'vip',
      '--name',
      '张三',
      '--id',
      residentId(),
    ])
    assert.include(profile.err, '--profile 应为')
    const unknown = await run('cert:revoke', [
      '4abcdef0123456789abcdef012345678',
      '--reason',
      'keyCompromise',
    ])
    assert.include(unknown.err, '证书不存在')
    const reason = await run('cert:revoke', [
      '4abcdef0123456789abcdef012345678',
      '--reason',
      'because',
    ])
    assert.include(reason.err, '--reason 应为')
    assert.equal(Number((await db.from('issued_certificates').count('* as n').first()).n), before)
  })

  test('production without CA_PASSPHRASE refuses; development falls back to APP_KEY', ({
    assert,
  }) => {
    assert.throws(
      () => resolveCaPassphrase({ passphrase: undefined, appKey: 'k', production: true }),
      /必须在 .env 中设置 CA_PASSPHRASE/
    )
    assert.throws(() => resolveCaPassphrase({ passphrase: '', appKey: 'k', production: true }))
    assert.deepEqual(
      resolveCaPassphrase({ passphrase: undefined, appKey: 'k', production: false }),
      { secret: 'k', fallback: true }
    )
    assert.deepEqual(resolveCaPassphrase({ passphrase: 'p', appKey: 'k', production: true }), {
      secret: 'p',
      fallback: false,
    })
  })

  test('CA keys are stored encrypted and only open with the passphrase', async ({ assert }) => {
    const rows = await db.from('certificate_authorities').select('id', 'encrypted_key')
    const { openWithPassphrase } = await import('#issuance/services/secrets')
    for (const row of rows) {
      assert.notInclude(row.encrypted_key, 'PRIVATE')
      const box = JSON.parse(row.encrypted_key)
      assert.equal(box.kdf, 'scrypt')
      assert.isNull(await openWithPassphrase('wrong passphrase', box, row.id))
      assert.isNotNull(await openWithPassphrase('test-ca-passphrase', box, row.id))
      // bound to its row: the box of one CA does not open as another's
      const other = rows.find((r) => r.id !== row.id)!
      assert.isNull(await openWithPassphrase('test-ca-passphrase', box, other.id))
    }
  })
})
