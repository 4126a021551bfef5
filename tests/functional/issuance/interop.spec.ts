import { test } from '@japa/runner'
import { createPrivateKey } from 'node:crypto'
import env from '#start/env'
import {
  chainFiles,
  cmsVerify,
  ensureCa,
  nssDb,
  openssl,
  opensslCsr,
  tempFile,
  tool,
} from '#tests/unit/issuance/support'
import { buildOcspRequest } from '#tests/unit/issuance/ocsp_support'
import { issueCloudPair, issueFromCsr } from '#issuance/actions/issue_certificate'
import { revoke } from '#issuance/actions/certificate_status'
import { signData } from '#issuance/actions/signing'
import { latestCrl } from '#issuance/services/crl'
import { respond } from '#issuance/services/ocsp'
import { buildPkcs12 } from '#issuance/services/pkcs12'
import { toPem } from '#issuance/services/x509'
import { residentId, usccCode } from '#tests/helpers/factories'

/**
 * A second and a third implementation judge every artefact next to
 * OpenSSL (issue 9, item 15): GnuTLS (certtool, ocsptool) and NSS
 * (certutil, vfychain, crlutil, pk12util, cmsutil). GnuTLS reports some
 * parse errors on stdout with exit code 0, so its output is read too.
 */

const base = () => `http://${env.get('HOST', '127.0.0.1')}:${env.get('PORT', 3334)}`

function gnutlsClean(output: string) {
  return !/error|ASN1 parser/i.test(output)
}

async function ukey(name = '钱一') {
  const { csrPem } = await opensslCsr()
  return issueFromCsr({ csrPem, profile: 'personal', subject: { name, idNumber: residentId() } })
}

test.group('Interop · every artefact read by OpenSSL, GnuTLS and NSS', (group) => {
  group.setup(async () => {
    await ensureCa()
  })

  test('CA and end-entity certificates (uKey, cloud signing and encryption, expert, enterprise) verify in all three; the policy OID parses everywhere', async ({
    assert,
  }) => {
    const { root, issuing } = await ensureCa()
    const files = await chainFiles()
    const db = await nssDb()

    for (const ca of [root, issuing]) {
      const info = await tool('certtool', ['--certificate-info'], toPem(ca.der))
      assert.equal(info.code, 0, info.stderr)
      assert.isTrue(gnutlsClean(info.stdout + info.stderr), info.stdout)
      const nss = await tool('vfychain', [
        '-d',
        db,
        '-pp',
        '-u',
        '11',
        '-a',
        tempFile('ca.pem', toPem(ca.der)),
      ])
      assert.equal(nss.code, 0, nss.stdout + nss.stderr)
    }
    const issuingText = await openssl(['x509', '-noout', '-text'], toPem(issuing.der))
    assert.include(issuingText.stdout, 'Public-Key: (3072 bit)')

    const pair = await issueCloudPair({
      profile: 'personal',
      subject: { name: '孙二', idNumber: residentId() },
      pin: '802615',
    })
    const { csrPem } = await opensslCsr()
    const expert = await issueFromCsr({
      csrPem,
      profile: 'expert',
      subject: { name: '评审专家', idNumber: residentId(), organization: '示例大学' },
    })
    const enterprise = await issueFromCsr({
      csrPem: (await opensslCsr()).csrPem,
      profile: 'enterprise',
      subject: { name: '示例科技有限公司', idNumber: usccCode() },
    })
    const certs = [
      { pem: (await ukey()).pem, policy: '1.3.6.1.5.5.7.13.1', nssUsage: '4' },
      { pem: pair.signing.pem, policy: '1.3.6.1.5.5.7.13.1', nssUsage: '4' },
      { pem: pair.encryption.pem, policy: '1.3.6.1.5.5.7.13.1', nssUsage: '5' },
      { pem: expert.pem, policy: '1.3.6.1.5.5.7.13.2', nssUsage: '0' },
      { pem: enterprise.pem, policy: '1.3.6.1.5.5.7.13.3', nssUsage: '0' },
    ]
    for (const cert of certs) {
      const file = tempFile('ee.pem', cert.pem)
      const verify = await openssl([
        'verify',
        '-CAfile',
        files.root,
        '-untrusted',
        files.issuing,
        file,
      ])
      assert.equal(verify.code, 0, verify.stderr)
      const text = await openssl(['x509', '-noout', '-text', '-in', file])
      assert.include(text.stdout, `Policy: ${cert.policy}`)

      const info = await tool('certtool', ['--certificate-info', '--infile', file])
      assert.equal(info.code, 0, info.stderr)
      assert.isTrue(gnutlsClean(info.stdout + info.stderr), info.stdout)
      assert.include(info.stdout, cert.policy)
      const chain = tempFile('chain.pem', cert.pem + toPem(issuing.der))
      const gnutlsVerify = await tool('certtool', [
        '--verify',
        '--load-ca-certificate',
        files.root,
        '--infile',
        chain,
      ])
      assert.include(
        gnutlsVerify.stdout,
        'Chain verification output: Verified.',
        gnutlsVerify.stdout
      )

      const nss = await tool('vfychain', ['-d', db, '-pp', '-u', cert.nssUsage, '-a', file])
      assert.equal(nss.code, 0, nss.stdout + nss.stderr)
      assert.include(nss.stdout + nss.stderr, 'Chain is good!')
      const nssPolicy = await tool('vfychain', [
        '-d',
        db,
        '-pp',
        '-o',
        `OID.${cert.policy}`,
        '-u',
        cert.nssUsage,
        '-a',
        file,
      ])
      assert.equal(nssPolicy.code, 0, nssPolicy.stdout + nssPolicy.stderr)
    }
  })

  test('the CRLs of both CAs verify in all three, and each lists a revoked certificate', async ({
    assert,
  }) => {
    const { root, issuing } = await ensureCa()
    const files = await chainFiles()
    const good = await ukey('周三')
    const revoked = await ukey('吴四')
    await revoke(revoked.serial, 'keyCompromise')
    const db = await nssDb()

    for (const [ca, caFile] of [
      [root, files.root],
      [issuing, files.issuing],
    ] as const) {
      const crl = (await latestCrl(ca.id))!
      const pem = toPem(crl.der, 'X509 CRL')
      const der = tempFile('ca.crl', crl.der)
      const text = await openssl(['crl', '-inform', 'DER', '-in', der, '-noout', '-CAfile', caFile])
      assert.include(text.stdout + text.stderr, 'verify OK')
      const gnutls = await tool('certtool', [
        '--verify-crl',
        '--load-ca-certificate',
        caFile,
        '--infile',
        tempFile('ca.crl.pem', pem),
      ])
      assert.include(gnutls.stdout, 'Verification output: Verified.', gnutls.stdout + gnutls.stderr)
      assert.isTrue(gnutlsClean(gnutls.stdout), gnutls.stdout)
      // NSS checks the CRL's signature when it imports it
      const nss = await tool('crlutil', ['-I', '-i', der, '-d', db])
      assert.equal(nss.code, 0, nss.stdout + nss.stderr)
    }

    const crlOnly = ['-g', 'leaf', '-m', 'crl', '-s', 'requireInfo', '-s', 'forbidFetching']
    const bad = await tool('vfychain', [
      '-d',
      db,
      '-pp',
      ...crlOnly,
      '-u',
      '4',
      '-a',
      tempFile('r.pem', revoked.pem),
    ])
    assert.notEqual(bad.code, 0)
    assert.include(bad.stdout + bad.stderr, 'has been revoked')
    const ok = await tool('vfychain', [
      '-d',
      db,
      '-pp',
      ...crlOnly,
      '-u',
      '4',
      '-a',
      tempFile('g.pem', good.pem),
    ])
    assert.equal(ok.code, 0, ok.stdout + ok.stderr)
  })

  test('OCSP: openssl, GnuTLS (ocsptool --ask) and NSS (vfychain, OCSP required) ask the running responder', async ({
    assert,
  }) => {
    const { root, issuing } = await ensureCa()
    const files = await chainFiles()
    const good = await ukey('郑五')
    const revoked = await ukey('王六')
    await revoke(revoked.serial, 'affiliationChanged')
    const goodFile = tempFile('good.pem', good.pem)
    const revokedFile = tempFile('revoked.pem', revoked.pem)

    const ossl = await openssl([
      'ocsp',
      '-issuer',
      files.issuing,
      '-CAfile',
      files.root,
      '-cert',
      goodFile,
      '-url',
      `${base()}/pki/ocsp`,
    ])
    assert.include(ossl.stdout, `${goodFile}: good`)

    for (const [file, status] of [
      [goodFile, 'Certificate Status: good'],
      [revokedFile, 'Certificate Status: revoked'],
    ] as const) {
      const asked = await tool('ocsptool', [
        `--ask=${base()}/pki/ocsp`,
        '--load-issuer',
        files.issuing,
        '--load-cert',
        file,
        '--load-signer',
        files.issuing,
      ])
      assert.include(asked.stdout, status, asked.stdout + asked.stderr)
      assert.include(asked.stdout, 'Verifying OCSP Response: Success.', asked.stdout)
      assert.isTrue(gnutlsClean(asked.stdout), asked.stdout)
    }

    // the responses as files: GnuTLS verifies them offline (issuing CA and root level)
    for (const [ca, serial, signer] of [
      [issuing, good.serial, files.issuing],
      [root, issuing.cert.serialHex, files.root],
    ] as const) {
      const response = await respond(buildOcspRequest(ca, serial, false))
      const verified = await tool('ocsptool', [
        '--verify-response',
        '--inder',
        '--load-signer',
        signer,
        '--load-response',
        tempFile('resp.der', response.der),
      ])
      assert.include(verified.stdout, 'Verifying OCSP Response: Success.', verified.stdout)
      assert.include(verified.stdout, 'Certificate Status: good')
    }

    const db = await nssDb()
    const ocspOnly = ['-g', 'leaf', '-m', 'ocsp', '-s', 'requireInfo', '-s', 'failIfNoInfo']
    const nssGood = await tool('vfychain', [
      '-d',
      db,
      '-pp',
      ...ocspOnly,
      '-u',
      '4',
      '-a',
      goodFile,
    ])
    assert.equal(nssGood.code, 0, nssGood.stdout + nssGood.stderr)
    assert.include(nssGood.stdout + nssGood.stderr, 'Chain is good!')
    const nssRevoked = await tool('vfychain', [
      '-d',
      db,
      '-pp',
      ...ocspOnly,
      '-u',
      '4',
      '-a',
      revokedFile,
    ])
    assert.notEqual(nssRevoked.code, 0)
    assert.include(nssRevoked.stdout + nssRevoked.stderr, 'has been revoked')
  })

  test('a PKCS#12 file (SHA-256 MAC, PBES2 AES-256-CBC, 600,000 iterations) opens in all three', async ({
    assert,
  }) => {
    const { root, issuing } = await ensureCa()
    const pair = await issueCloudPair({
      profile: 'personal',
      subject: { name: '冯七', idNumber: residentId() },
      pin: '802615',
    })
    const { generateRsaKey } = await import('#issuance/services/ca_setup')
    // the certificate and a key (the real export goes through the PIN: cloud.spec.ts, certificates/pkcs12.spec.ts)
    const key = await generateRsaKey(2048)
    const password = 'Strong-Export-Pw'
    const p12 = await buildPkcs12({
      key,
      certificate: Buffer.from(pair.signing.pem.replace(/-----[A-Z ]+-----|\s/g, ''), 'base64'),
      chain: [issuing.der, root.der],
      password,
      friendlyName: '冯七（签名证书）',
      iterations: 600_000,
    })
    const file = tempFile('strong.p12', p12)

    const info = await openssl([
      'pkcs12',
      '-info',
      '-noout',
      '-in',
      file,
      '-passin',
      `pass:${password}`,
    ])
    assert.equal(info.code, 0, info.stderr)
    assert.include(info.stderr, 'MAC: sha256, Iteration 600000')
    assert.include(
      info.stderr,
      'PKCS7 Encrypted data: PBES2, PBKDF2, AES-256-CBC, Iteration 600000, PRF hmacWithSHA256'
    )
    assert.include(
      info.stderr,
      'Shrouded Keybag: PBES2, PBKDF2, AES-256-CBC, Iteration 600000, PRF hmacWithSHA256'
    )
    const keys = await openssl([
      'pkcs12',
      '-in',
      file,
      '-passin',
      `pass:${password}`,
      '-nocerts',
      '-nodes',
    ])
    const extracted = createPrivateKey(keys.stdout.slice(keys.stdout.indexOf('-----BEGIN')))
    assert.isTrue(
      extracted
        .export({ type: 'pkcs8', format: 'der' })
        .equals(key.export({ type: 'pkcs8', format: 'der' }) as Buffer)
    )

    const gnutls = await tool('certtool', [
      '--p12-info',
      '--inder',
      '--password',
      password,
      '--infile',
      file,
    ])
    assert.equal(gnutls.code, 0, gnutls.stderr)
    assert.include(gnutls.stdout, 'MAC: SHA256')
    assert.include(gnutls.stdout, 'Schema: PBES2-AES256-CBC')
    assert.include(gnutls.stdout, 'Iteration count: 600000')
    assert.include(gnutls.stdout, 'Type: PKCS #8 Encrypted key')
    assert.include(gnutls.stdout, 'Friendly name: 冯七（签名证书）')
    assert.isTrue(gnutlsClean(gnutls.stdout), gnutls.stdout)
    const gnutlsWrong = await tool('certtool', [
      '--p12-info',
      '--inder',
      '--password',
      'wrong-password',
      '--infile',
      file,
    ])
    assert.notEqual(gnutlsWrong.code, 0)

    const nss = await tool('pk12util', ['-l', file, '-W', password])
    assert.equal(nss.code, 0, nss.stdout + nss.stderr)
    assert.include(nss.stdout, 'Certificate(has private key)')
    const nssWrong = await tool('pk12util', ['-l', file, '-W', 'wrong-password'])
    assert.notEqual(nssWrong.code, 0)
    assert.include(nssWrong.stderr, 'SEC_ERROR_BAD_PASSWORD')
  })

  test('a CMS signature carries ESS signingCertificateV2 and verifies in all three', async ({
    assert,
  }) => {
    const files = await chainFiles()
    const pair = await issueCloudPair({
      profile: 'personal',
      subject: { name: '陈八', idNumber: residentId() },
      pin: '802615',
    })
    const data = Buffer.from('投标文件：第 2 标段，报价 2,000,000.00 元')
    const signed = await signData({
      credentialId: pair.credentialId,
      pin: '802615',
      data,
      format: 'cms',
    })
    const sig = tempFile('sig.der', signed.signature)
    const dataFile = tempFile('data.bin', data)

    const printed = await openssl([
      'cms',
      '-verify',
      '-binary',
      '-inform',
      'DER',
      '-in',
      sig,
      '-content',
      dataFile,
      '-CAfile',
      files.root,
      '-purpose',
      'any',
      '-cmsout',
      '-print',
      '-noout',
    ])
    assert.equal(printed.code, 0, printed.stderr)
    assert.include(printed.stdout, 'id-smime-aa-signingCertificateV2 (1.2.840.113549.1.9.16.2.47)')
    const verified = await cmsVerify(sig, dataFile)
    assert.include(verified.stderr, 'Verification successful')

    const gnutls = await tool('certtool', [
      '--p7-verify',
      '--inder',
      '--infile',
      sig,
      '--load-data',
      dataFile,
      '--load-ca-certificate',
      files.root,
    ])
    assert.equal(gnutls.code, 0, gnutls.stdout + gnutls.stderr)
    assert.include(gnutls.stdout + gnutls.stderr, 'Signature status: ok')
    const gnutlsInfo = await tool('certtool', ['--p7-info', '--inder', '--infile', sig])
    assert.include(gnutlsInfo.stdout, 'aa-signingCertificateV2')

    const db = await nssDb()
    const nss = await tool('cmsutil', [
      '-D',
      '-i',
      sig,
      '-c',
      dataFile,
      '-d',
      db,
      '-u',
      '4',
      '-v',
      '-o',
      '/dev/null',
    ])
    assert.equal(nss.code, 0, nss.stdout + nss.stderr)
    assert.notInclude(nss.stdout + nss.stderr, 'BadSignature')
    const tampered = tempFile('other.bin', Buffer.concat([data, Buffer.from('!')]))
    const nssBad = await tool('cmsutil', [
      '-D',
      '-i',
      sig,
      '-c',
      tampered,
      '-d',
      db,
      '-u',
      '4',
      '-v',
      '-o',
      '/dev/null',
    ])
    assert.notEqual(nssBad.code, 0)
    assert.include(nssBad.stdout + nssBad.stderr, 'DigestMismatch')
  })
})
