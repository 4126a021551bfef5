import { test } from '@japa/runner'
import { execFile } from 'node:child_process'
import { statSync } from 'node:fs'
import app from '@adonisjs/core/services/app'
import db from '@adonisjs/lucid/services/db'
import issuanceConfig from '#config/issuance'
import {
  chainFiles,
  ensureCa,
  openssl,
  opensslCsr,
  runAce,
  tempFile,
  tempPath,
} from '#tests/unit/issuance/support'
import { buildOcspRequest } from '#tests/unit/issuance/ocsp_support'
import { issueCloudPair, issueFromCsr } from '#issuance/actions/issue_certificate'
import { exportPkcs12, recoverEncryptionKey, unlockPin } from '#issuance/actions/cloud_keys'
import { signData, verifySignature } from '#issuance/actions/signing'
import { renew } from '#issuance/actions/lifecycle'
import caRegistry from '#issuance/services/ca_registry'
import { generateRsaKey } from '#issuance/services/ca_setup'
import { openWithPin } from '#issuance/services/credentials'
import { legacyWrapUnderCa, unwrapForOffice } from '#issuance/services/custody'
import { latestCrl } from '#issuance/services/crl'
import { ocspCache, respond } from '#issuance/services/ocsp'
import { encryptedPrivateKeyPem } from '#issuance/services/pbes2'
import { checkPkiBaseUrl, isLoopbackHost } from '#issuance/services/pki_url'
import { checkPolicyArc } from '#issuance/services/profiles'
import { toPem } from '#issuance/services/x509'
import { residentId } from '#tests/helpers/factories'

/**
 * Issue 9, PKI findings 11–14 (OpenSSL as the judge; GnuTLS and NSS in
 * tests/functional/issuance/interop.spec.ts, OCSP over HTTP in pki.spec.ts).
 */

const PIN = '802615'

async function issue(name = '钱一', idNumber = residentId()) {
  const { csrPem } = await opensslCsr()
  return issueFromCsr({ csrPem, profile: 'personal', subject: { name, idNumber } })
}

async function text(pem: string) {
  return (await openssl(['x509', '-noout', '-text', '-nameopt', 'utf8'], pem)).stdout
}

async function lastAudit(action: string) {
  const row = await db
    .from('audit_logs')
    .where('action', action)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .first()
  return row
    ? { ...row, data: typeof row.data === 'string' ? JSON.parse(row.data) : row.data }
    : null
}

async function serialNumberOf(pem: string) {
  const subject = await openssl(['x509', '-noout', '-subject', '-nameopt', 'RFC2253'], pem)
  return subject.stdout.match(/serialNumber=([^,\n]+)/)?.[1] ?? null
}

/**
 * An RSA key from a PKCS#12 export (what a holder gets out of CertDesk).
 */
async function exportedKey(credentialId: string) {
  const exported = await exportPkcs12({ credentialId, pin: PIN, exportPassword: 'Export-Pa55word' })
  const pem = (
    await openssl([
      'pkcs12',
      '-in',
      tempFile('k.p12', exported.pkcs12),
      '-passin',
      'pass:Export-Pa55word',
      '-nodes',
      '-nocerts',
    ])
  ).stdout
  return tempFile('k.pem', pem.slice(pem.indexOf('-----BEGIN PRIVATE KEY-----')))
}

test.group('Issuance · item 11: the PKI base URL is the CA’s', (group) => {
  group.setup(async () => {
    await ensureCa()
  })

  test('certificates name the URL stored with the CA, whatever the environment of the issuing process', async ({
    assert,
  }) => {
    const { issuing } = await ensureCa()
    const row = await db.from('certificate_authorities').where('id', issuing.id).first()
    const stored: string = row.pki_base_url
    assert.match(stored, /^http:\/\/.+\/pki$/)
    const config = issuanceConfig as any
    const saved = { initial: config.initialPkiBaseUrl, old: config.pkiBaseUrl }
    // cert:issue run with another APP_URL / PKI_BASE_URL (the finding: localhost:3333)
    config.initialPkiBaseUrl = 'http://localhost:3333/pki'
    config.pkiBaseUrl = 'http://localhost:3333/pki'
    try {
      const output = await text((await issue()).pem)
      assert.include(output, `URI:${stored}/crl/${issuing.id}.crl`)
      assert.include(output, `OCSP - URI:${stored}/ocsp`)
      assert.include(output, `CA Issuers - URI:${stored}/ca/${issuing.id}.crt`)
      assert.notInclude(output, 'localhost:3333')
    } finally {
      config.initialPkiBaseUrl = saved.initial
      config.pkiBaseUrl = saved.old
    }
  })

  test('ca:set-pki-url changes the URLs of certificates issued from then on, audited; bad URLs are refused', async ({
    assert,
  }) => {
    const { issuing } = await ensureCa()
    const before: string = (
      await db.from('certificate_authorities').where('id', issuing.id).first()
    ).pki_base_url
    try {
      const changed = await runAce('ca:set-pki-url', ['http://pki.example.cn/pki/'])
      assert.equal(changed.exitCode, 0, changed.err)
      assert.include(changed.out, `PKI 地址已由 ${before} 改为 http://pki.example.cn/pki`)
      const output = await text((await issue()).pem)
      assert.include(output, `URI:http://pki.example.cn/pki/crl/${issuing.id}.crl`)
      assert.include(output, 'OCSP - URI:http://pki.example.cn/pki/ocsp')
      const entry = await lastAudit('issuance.ca.pki_url')
      assert.deepEqual(entry!.data, { from: before, to: 'http://pki.example.cn/pki' })
      assert.equal(entry!.actor_name, 'ace ca:set-pki-url')

      for (const [url, why] of [
        ['ftp://pki.example.cn/pki', '只能使用 http:// 或 https://'],
        ['pki.example.cn', '应为完整的'],
        ['http://user:pw@pki.example.cn/pki', '不能包含用户名或密码'],
        ['http://pki.example.cn/pki?x=1', '不能包含查询参数'],
      ]) {
        const refused = await runAce('ca:set-pki-url', [url])
        assert.equal(refused.exitCode, 1, url)
        assert.include(refused.err, why)
      }
    } finally {
      // the registry of this process holds the URL in memory: put it back
      await runAce('ca:set-pki-url', [before])
    }
  })

  test('production refuses a localhost or loopback base URL', async ({ assert }) => {
    for (const host of [
      'localhost',
      'LOCALHOST',
      'pki.localhost',
      '127.0.0.1',
      '127.1.2.3',
      '0.0.0.0',
      '[::1]',
      '[::ffff:127.0.0.1]',
    ]) {
      const url = `http://${host}:3333/pki`
      assert.throws(() => checkPkiBaseUrl(url, { production: true }), /生产环境不能使用 localhost/)
      assert.equal(
        checkPkiBaseUrl(url, { production: false }),
        new URL(url).href.replace(/\/$/, '')
      )
    }
    assert.isFalse(isLoopbackHost('pki.example.cn'))
    assert.isFalse(isLoopbackHost('10.0.0.1'))
    assert.equal(
      checkPkiBaseUrl('https://pki.example.cn/pki/', { production: true }),
      'https://pki.example.cn/pki'
    )

    // the real thing: an ace process with NODE_ENV=production (refused before any database access)
    const result = await new Promise<{ code: number; output: string }>((resolve) => {
      execFile(
        process.execPath,
        ['ace', 'ca:set-pki-url', 'http://127.0.0.1:3333/pki'],
        {
          cwd: app.makePath(),
          env: {
            ...process.env,
            NODE_ENV: 'production',
            DB_CONNECTION: 'sqlite',
            SQLITE_PATH: tempPath('never-created.sqlite3'),
            LOG_LEVEL: 'error',
          },
          timeout: 60_000,
        },
        (error, stdout, stderr) =>
          resolve({ code: error ? Number((error as any).code ?? 1) : 0, output: stdout + stderr })
      )
    })
    assert.equal(result.code, 1, result.output)
    assert.include(result.output, '生产环境不能使用 localhost 或回环地址')
  })
})

test.group('Issuance · item 12: no SHA-1', (group) => {
  group.setup(async () => {
    await ensureCa()
  })

  test('a CSR signed with SHA-1 is refused with a Chinese message and nothing is issued', async ({
    assert,
  }) => {
    const made = await openssl([
      'req',
      '-new',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-keyout',
      tempPath('sha1.key'),
      '-sha1',
      '-subj',
      '/CN=sha1',
    ])
    assert.equal(made.code, 0, made.stderr)
    const parsed = await openssl(['req', '-noout', '-text'], made.stdout)
    assert.include(parsed.stdout, 'sha1WithRSAEncryption')
    const before = Number((await db.from('issued_certificates').count('* as n').first()).n)
    const error = await issueFromCsr({
      csrPem: made.stdout,
      profile: 'personal',
      subject: { name: '张三', idNumber: residentId() },
    }).catch((e) => e)
    assert.equal(error.code, 'csr_sha1')
    assert.include(error.message, 'SHA-1')
    assert.include(error.message, '请在 uKey 管理工具或 openssl 中改用 SHA-256 重新生成证书请求')
    assert.equal(Number((await db.from('issued_certificates').count('* as n').first()).n), before)
  })

  test('verifySignature refuses SHA-1 CMS and PKCS#1 signatures (and still accepts SHA-256)', async ({
    assert,
  }) => {
    const pair = await issueCloudPair({
      profile: 'personal',
      subject: { name: '王五', idNumber: residentId() },
      pin: PIN,
    })
    const keyFile = await exportedKey(pair.credentialId)
    const certFile = tempFile('signer.pem', pair.signing.pem)
    const data = Buffer.from('开标记录：SHA-1 不再可信')
    const dataFile = tempFile('data.bin', data)

    for (const md of ['sha1', 'sha256']) {
      const cms = await openssl([
        'cms',
        '-sign',
        '-binary',
        '-md',
        md,
        '-outform',
        'DER',
        '-signer',
        certFile,
        '-inkey',
        keyFile,
        '-in',
        dataFile,
      ])
      assert.equal(cms.code, 0, cms.stderr)
      const cmsResult = await verifySignature({ format: 'cms', signature: cms.out, data })
      const pkcs1 = await openssl(['dgst', `-${md}`, '-sign', keyFile, dataFile])
      const pkcs1Result = await verifySignature({
        format: 'pkcs1',
        signature: pkcs1.out,
        data,
        serial: pair.signing.serial,
      })
      if (md === 'sha1') {
        for (const result of [cmsResult, pkcs1Result]) {
          assert.isFalse(result.valid)
          assert.include(result.reason, 'SHA-1')
        }
      } else {
        assert.isTrue(cmsResult.valid, cmsResult.reason)
        assert.isTrue(pkcs1Result.valid, pkcs1Result.reason)
      }
    }
  })

  test('our own CMS signatures carry signingCertificateV2 naming the signer, and verify', async ({
    assert,
  }) => {
    const pair = await issueCloudPair({
      profile: 'personal',
      subject: { name: '李雷', idNumber: residentId() },
      pin: PIN,
    })
    const data = Buffer.from('合同正文')
    const signed = await signData({
      credentialId: pair.credentialId,
      pin: PIN,
      data,
      format: 'cms',
    })
    const files = await chainFiles()
    const printed = await openssl([
      'cms',
      '-verify',
      '-binary',
      '-inform',
      'DER',
      '-in',
      tempFile('s.der', signed.signature),
      '-content',
      tempFile('d.bin', data),
      '-CAfile',
      files.root,
      '-purpose',
      'any',
      '-cmsout',
      '-print',
      '-noout',
    ])
    assert.equal(printed.code, 0, printed.stderr)
    const ess = printed.stdout.slice(printed.stdout.indexOf('id-smime-aa-signingCertificateV2'))
    assert.isAbove(ess.length, 0)
    // SHA-256 of the signer's certificate, then its issuer and serial
    const certDer = Buffer.from(pair.signing.pem.replace(/-----[A-Z ]+-----|\s/g, ''), 'base64')
    const { createHash } = await import('node:crypto')
    assert.include(ess, createHash('sha256').update(certDer).digest('hex').toUpperCase())
    assert.include(ess, `INTEGER           :${pair.signing.serial.toUpperCase()}`)
    const verified = await verifySignature({ format: 'cms', signature: signed.signature, data })
    assert.isTrue(verified.valid, verified.reason)
  })
})

test.group('Issuance · item 13: offline root, custody key, RSA-3072', (group) => {
  group.setup(async () => {
    await ensureCa()
  })

  test('ca:init --offline-root keeps the root key in an encrypted file only, pre-signs a long root CRL and the OCSP answer about the issuing CA; ca:root-crl re-signs with the file', async ({
    assert,
    cleanup,
  }) => {
    // a second hierarchy inside this test's transaction (rolled back afterwards)
    await db.from('certificate_authorities').update({ is_current: false })
    caRegistry.invalidate()
    cleanup(() => {
      caRegistry.invalidate()
      ocspCache.clear()
      delete process.env.ROOT_KEY_PASSPHRASE
    })
    const keyFile = tempPath('offline-root.key')
    process.env.ROOT_KEY_PASSPHRASE = 'offline root passphrase 2026'
    const init = await runAce('ca:init', [
      '--offline-root',
      keyFile,
      '--pki-url',
      'http://pki.example.cn/pki',
    ])
    assert.equal(init.exitCode, 0, init.err + String(init.error ?? ''))
    assert.include(init.err + init.out, '根 CA 私钥已写入')
    const root = await caRegistry.root()
    const issuing = await caRegistry.issuing()
    assert.isTrue(root.keyOffline)
    assert.isFalse(issuing.keyOffline)

    // the database holds no root key; the file does, encrypted (PBES2, PBKDF2-HMAC-SHA256, AES-256-CBC)
    const rootRow = await db.from('certificate_authorities').where('id', root.id).first()
    assert.isNull(rootRow.encrypted_key)
    assert.equal(statSync(keyFile).mode & 0o777, 0o600)
    const parsedKey = await openssl(['asn1parse', '-in', keyFile])
    assert.include(parsedKey.stdout, 'PBES2')
    assert.include(parsedKey.stdout, 'hmacWithSHA256')
    assert.include(parsedKey.stdout, 'aes-256-cbc')
    const pub = await openssl([
      'pkey',
      '-in',
      keyFile,
      '-passin',
      'env:ROOT_KEY_PASSPHRASE',
      '-pubout',
    ])
    assert.equal(pub.code, 0, pub.stderr)
    const rootPub = await openssl(['x509', '-noout', '-pubkey'], toPem(root.der))
    assert.equal(pub.stdout, rootPub.stdout)
    await assert.rejects(() => caRegistry.privateKey(root), /根 CA 私钥离线保存/)

    // the pre-signed root CRL lasts offlineRoot.validityDays
    const rootCrl = (await latestCrl(root.id))!
    assert.equal(
      rootCrl.nextUpdate.getTime() - rootCrl.thisUpdate.getTime(),
      issuanceConfig.offlineRoot.validityDays * 86_400_000
    )
    const rootFile = tempFile('offline-root.pem', toPem(root.der))
    const issuingFile = tempFile('offline-issuing.pem', toPem(issuing.der))
    const crlCheck = await openssl([
      'crl',
      '-inform',
      'DER',
      '-noout',
      '-CAfile',
      rootFile,
      '-in',
      tempFile('root.crl', rootCrl.der),
    ])
    assert.include(crlCheck.stdout + crlCheck.stderr, 'verify OK')

    // root-level OCSP: the pre-signed answer (SHA-1 and SHA-256 CertIDs), nonce or not
    for (const hash of ['-sha1', '-sha256']) {
      const reqFile = tempPath('root-ocsp.req')
      const req = await openssl([
        'ocsp',
        '-issuer',
        rootFile,
        hash,
        '-cert',
        issuingFile,
        '-reqout',
        reqFile,
      ])
      assert.equal(req.code, 0, req.stderr)
      const { readFileSync } = await import('node:fs')
      const answer = await respond(readFileSync(reqFile))
      assert.equal(answer.status, 'successful')
      const checked = await openssl([
        'ocsp',
        '-respin',
        tempFile('root-ocsp.der', answer.der),
        '-issuer',
        rootFile,
        hash,
        '-cert',
        issuingFile,
        '-CAfile',
        rootFile,
        '-no_nonce',
        '-resp_text',
      ])
      assert.include(checked.stderr, 'Response verify OK')
      assert.include(checked.stdout, `${issuingFile}: good`)
      assert.equal(answer.nextUpdate!.getTime(), rootCrl.nextUpdate.getTime())
    }
    const other = await respond(buildOcspRequest(root, '4abcdef0123456789abcdef012345678', true))
    assert.equal(other.status, 'unauthorized')

    // the issuing CA works as before; crl:publish publishes its CRL, not the root's
    const cert = await issue('离线根测试')
    const verify = await openssl([
      'verify',
      '-CAfile',
      rootFile,
      '-untrusted',
      issuingFile,
      tempFile('ee.pem', cert.pem),
    ])
    assert.equal(verify.code, 0, verify.stderr)
    const published = await runAce('crl:publish', [])
    assert.equal(published.exitCode, 0, published.err)
    assert.equal((await latestCrl(root.id))!.crlNumber, rootCrl.crlNumber)
    const status = await runAce('ca:status', [])
    assert.include(status.out, '（离线保存）')

    // the ceremony: wrong passphrase, wrong key, then the right file
    process.env.ROOT_KEY_PASSPHRASE = 'not the passphrase'
    const wrong = await runAce('ca:root-crl', ['--key-file', keyFile])
    assert.equal(wrong.exitCode, 1)
    assert.include(wrong.err, '口令不正确')
    const strangerFile = tempFile(
      'stranger.key',
      await encryptedPrivateKeyPem(await generateRsaKey(2048), 'stranger passphrase', 1000)
    )
    process.env.ROOT_KEY_PASSPHRASE = 'stranger passphrase'
    const stranger = await runAce('ca:root-crl', ['--key-file', strangerFile])
    assert.include(stranger.err, '不是当前根 CA 的私钥')
    process.env.ROOT_KEY_PASSPHRASE = 'offline root passphrase 2026'
    const resigned = await runAce('ca:root-crl', ['--key-file', keyFile])
    assert.equal(resigned.exitCode, 0, resigned.err)
    const next = (await latestCrl(root.id))!
    assert.equal(next.crlNumber, rootCrl.crlNumber + 1)
    const entry = await lastAudit('issuance.ca.root_crl')
    assert.equal(entry!.data.crlNumber, next.crlNumber)
    assert.equal(entry!.data.ocspResponses, 1)
    assert.isNull(
      (await db.from('certificate_authorities').where('id', root.id).first()).encrypted_key
    )
  })

  test('cloud data keys are wrapped under the custody key, not the issuing CA key; old CA-wrapped ones still open and ca:rewrap-custody moves them', async ({
    assert,
  }) => {
    const { issuing } = await ensureCa()
    const pair = await issueCloudPair({
      profile: 'personal',
      subject: { name: '韩梅', idNumber: residentId() },
      pin: PIN,
    })
    const row = await db.from('cloud_credentials').where('id', pair.credentialId).first()
    const wrap = JSON.parse(row.ca_wrap)
    assert.equal(wrap.kek, 'custody')
    assert.notProperty(wrap, 'caId')
    const archived = await db.from('archived_keys').where('serial', pair.encryption.serial).first()
    assert.equal(JSON.parse(archived.wrapped).kek.kek, 'custody')

    // unlocking needs no CA key any more
    const realPrivateKey = caRegistry.privateKey.bind(caRegistry)
    const withoutCaKey = async <T>(work: () => Promise<T>) => {
      caRegistry.privateKey = async () => {
        throw new Error('the issuing CA key was used to unwrap')
      }
      try {
        return await work()
      } finally {
        caRegistry.privateKey = realPrivateKey
      }
    }
    await withoutCaKey(() => unlockPin({ credentialId: pair.credentialId, newPin: '246810' }))

    // a credential and an archive entry as they were stored before issue 9
    const { dataKey } = await openWithPin(pair.credentialId, '246810')
    const aesKey = await unwrapForOffice(JSON.parse(archived.wrapped).kek, archived.serial)
    await db
      .from('cloud_credentials')
      .where('id', pair.credentialId)
      .update({ ca_wrap: JSON.stringify(legacyWrapUnderCa(issuing, dataKey)) })
    await db
      .from('archived_keys')
      .where('id', archived.id)
      .update({
        wrapped: JSON.stringify({
          ...JSON.parse(archived.wrapped),
          kek: legacyWrapUnderCa(issuing, aesKey),
        }),
      })
    await assert.rejects(
      () => withoutCaKey(() => unlockPin({ credentialId: pair.credentialId, newPin: '135246' })),
      /issuing CA key was used/
    )
    await unlockPin({ credentialId: pair.credentialId, newPin: '135246' })

    const moved = await runAce('ca:rewrap-custody', [])
    assert.equal(moved.exitCode, 0, moved.err)
    assert.match(moved.out, /已迁移 [1-9]\d* 个云证书、[1-9]\d* 个归档加密密钥/)
    assert.equal(
      JSON.parse(
        (await db.from('cloud_credentials').where('id', pair.credentialId).first()).ca_wrap
      ).kek,
      'custody'
    )
    await withoutCaKey(() => unlockPin({ credentialId: pair.credentialId, newPin: '975310' }))
    const signed = await signData({
      credentialId: pair.credentialId,
      pin: '975310',
      data: 'still my key',
      format: 'pkcs1',
    })
    assert.equal(signed.serial, pair.signing.serial)
    // the archived key opens too (key recovery into the same holder's credential)
    const recovered = await withoutCaKey(() =>
      recoverEncryptionKey({ serial: pair.encryption.serial, intoCredentialId: pair.credentialId })
    )
    assert.isTrue(recovered.alreadyPresent)
    const again = await runAce('ca:rewrap-custody', [])
    assert.include(again.out, '已迁移 0 个云证书、0 个归档加密密钥')
  })

  test('the issuing CA has an RSA-3072 key', async ({ assert }) => {
    const { issuing } = await ensureCa()
    assert.equal(issuanceConfig.issuing.keyBits, 3072)
    const output = await openssl(['x509', '-noout', '-text'], toPem(issuing.der))
    assert.include(output.stdout, 'Public-Key: (3072 bit)')
  })
})

test.group('Issuance · item 14: no raw ID number in the subject', (group) => {
  group.setup(async () => {
    await ensureCa()
  })

  test('the identity field follows the profile: keyed hash by default, the number or nothing when configured; the RA keeps the number', async ({
    assert,
  }) => {
    const idNumber = residentId('19770707')
    const hashed = await issue('赵一', idNumber)
    assert.match((await serialNumberOf(hashed.pem))!, /^H1-[0-9A-F]{40}$/)
    assert.notInclude(await text(hashed.pem), idNumber)
    assert.notInclude(hashed.subjectDn, idNumber)
    assert.equal(hashed.subject.idNumber, idNumber)
    const row = await db.from('issued_certificates').where('serial', hashed.serial).first()
    assert.equal(row.subject_id_number, idNumber)
    // the same number hashes the same way (a relying party can match it)
    assert.equal(
      await serialNumberOf((await issue('赵一', idNumber)).pem),
      await serialNumberOf(hashed.pem)
    )

    const saved = issuanceConfig.subjectIdentity.personal
    try {
      issuanceConfig.subjectIdentity.personal = 'raw'
      assert.equal(await serialNumberOf((await issue('赵二', idNumber)).pem), idNumber)
      issuanceConfig.subjectIdentity.personal = 'none'
      const none = await issue('赵三', idNumber)
      assert.isNull(await serialNumberOf(none.pem))
      assert.include(await text(none.pem), 'CN=赵三')
    } finally {
      issuanceConfig.subjectIdentity.personal = saved
    }
  })

  test('a renewal brings a subject that still carries the raw number to the current rule', async ({
    assert,
  }) => {
    const idNumber = residentId('19660606')
    const saved = issuanceConfig.subjectIdentity.personal
    let old
    try {
      issuanceConfig.subjectIdentity.personal = 'raw'
      old = await issue('钱二', idNumber)
    } finally {
      issuanceConfig.subjectIdentity.personal = saved
    }
    assert.equal(await serialNumberOf(old.pem), idNumber)
    const renewed = await renew({ serial: old.serial, years: 1, windowDays: 400 })
    assert.equal(renewed.kind, 'csr')
    const pem = renewed.kind === 'csr' ? renewed.certificate.pem : ''
    assert.match((await serialNumberOf(pem))!, /^H1-[0-9A-F]{40}$/)
    assert.notInclude(await text(pem), idNumber)
    assert.include(await text(pem), 'CN=钱二')
  })

  test('ca:subject-id-key gives an authorised relying party the key, audited; with it the number matches the certificate', async ({
    assert,
  }) => {
    const idNumber = residentId('19550505')
    const cert = await issue('孙三', idNumber)
    await assert.rejects(() => runAce('ca:subject-id-key', []), /Missing required option "for"/)
    const shown = await runAce('ca:subject-id-key', ['--for', '示例交易平台'])
    assert.equal(shown.exitCode, 0, shown.err)
    const keyHex = shown.out.trim()
    assert.match(keyHex, /^[0-9a-f]{64}$/)
    assert.include(shown.err, 'openssl dgst -sha256 -mac HMAC')
    const entry = await lastAudit('issuance.ca.subject_id_key')
    assert.equal(entry!.data.recipient, '示例交易平台')
    assert.notInclude(JSON.stringify(entry), keyHex)

    // the relying party's computation, exactly as README documents it
    const mac = await openssl(
      ['dgst', '-sha256', '-mac', 'HMAC', '-macopt', `hexkey:${keyHex}`],
      idNumber
    )
    const hex = mac.stdout.trim().split('= ').pop()!
    assert.equal(await serialNumberOf(cert.pem), `H1-${hex.slice(0, 40).toUpperCase()}`)
  })
})

test.group('Issuance · item 15: a policy OID every library reads', () => {
  test('the default is the RFC 7229 test policy arc; arcs GnuTLS or NSS cannot read are refused', async ({
    assert,
  }) => {
    assert.equal(checkPolicyArc(issuanceConfig.policyArc), '1.3.6.1.5.5.7.13')
    assert.equal(checkPolicyArc('1.3.6.1.4.1.61234.1'), '1.3.6.1.4.1.61234.1')
    for (const arc of [
      '2.25.296455176709607570326034329237710889046',
      '1.3.6.1.4.1.2147483648',
      '2.999.1',
      '1.40.1',
      '3.1',
      '1',
      '1.3.6.01',
      '',
    ]) {
      assert.throws(() => checkPolicyArc(arc), /证书策略 OID/, arc)
    }
    await ensureCa()
    const saved = issuanceConfig.policyArc
    try {
      ;(issuanceConfig as any).policyArc = '2.25.296455176709607570326034329237710889046'
      const error = await issue().catch((e) => e)
      assert.equal(error.code, 'policy_oid_invalid')
    } finally {
      ;(issuanceConfig as any).policyArc = saved
    }
  })
})
