import { test } from '@japa/runner'
import env from '#start/env'
import { chainFiles, ensureCa, openssl, opensslCsr, tempFile } from '#tests/unit/issuance/support'
import { buildOcspRequest } from '#tests/unit/issuance/ocsp_support'
import { issueFromCsr } from '#issuance/actions/issue_certificate'
import { revoke, suspend } from '#issuance/actions/certificate_status'
import { residentId } from '#tests/helpers/factories'
import { randomUUID } from 'node:crypto'

const base = () => `http://${env.get('HOST', '127.0.0.1')}:${env.get('PORT', 3334)}`

async function issue(name = '钱一') {
  const { csrPem } = await opensslCsr()
  return issueFromCsr({ csrPem, profile: 'personal', subject: { name, idNumber: residentId() } })
}

/**
 * `openssl ocsp` against the running test server (POST, with a nonce).
 */
async function ocspCheck(args: string[]) {
  const files = await chainFiles()
  return openssl([
    'ocsp',
    '-issuer',
    files.issuing,
    '-CAfile',
    files.root,
    '-url',
    `${base()}/pki/ocsp`,
    '-timeout',
    '10',
    ...args,
  ])
}

test.group('Public PKI endpoints (/pki)', (group) => {
  group.setup(async () => {
    await ensureCa()
  })

  test('the /pki page lists both CAs with fingerprints and download links', async ({
    client,
    assert,
  }) => {
    const { root, issuing } = await ensureCa()
    const page = await client.get('/pki')
    page.assertStatus(200)
    const html = page.text()
    assert.include(html, '根 CA')
    assert.include(html, '签发 CA')
    assert.include(html, `/pki/ca/${root.id}.crt`)
    assert.include(html, `/pki/crl/${issuing.id}.crl`)
    assert.include(html, 'SHA-256 指纹')
    assert.include(html, '/pki/ocsp')
  })

  test('CA certificates download as DER by id and by alias', async ({ assert }) => {
    const { root, issuing } = await ensureCa()
    for (const [path, ca] of [
      ['/pki/ca/root.crt', root],
      [`/pki/ca/${issuing.id}.crt`, issuing],
      ['/pki/ca/issuing.crt', issuing],
    ] as const) {
      const response = await fetch(`${base()}${path}`)
      assert.equal(response.status, 200)
      assert.equal(response.headers.get('content-type'), 'application/pkix-cert')
      const der = await response.arrayBuffer()
      assert.isTrue(Buffer.from(der).equals(ca.der))
      const parsed = await openssl(
        ['x509', '-inform', 'DER', '-noout', '-subject', '-nameopt', 'utf8'],
        Buffer.from(der)
      )
      assert.equal(parsed.code, 0)
      assert.include(parsed.stdout, ca.commonName)
    }
  })

  test('an unknown CA id is a Chinese 404, for certificates and CRLs', async ({
    client,
    assert,
  }) => {
    for (const path of [
      `/pki/ca/${randomUUID()}.crt`,
      `/pki/crl/${randomUUID()}.crl`,
      '/pki/ca/nonsense.crt',
      '/pki/ca/root.pem',
      '/pki/crl/../x.crl',
    ]) {
      const response = await client.get(path)
      response.assertStatus(404)
      assert.include(response.text(), '页面不存在')
    }
  })

  test('the CRL parses with openssl and lists a revoked serial at once', async ({ assert }) => {
    const cert = await issue()
    await revoke(cert.serial, 'keyCompromise', { note: '测试' })
    const der = Buffer.from(await (await fetch(`${base()}/pki/crl/issuing.crl`)).arrayBuffer())
    const text = await openssl(['crl', '-inform', 'DER', '-noout', '-text'], der)
    assert.equal(text.code, 0, text.stderr)
    assert.include(text.stdout, `Serial Number: ${cert.serial.toUpperCase()}`)
    assert.include(text.stdout, 'Key Compromise')
    const files = await chainFiles()
    const verified = await openssl([
      'crl',
      '-inform',
      'DER',
      '-noout',
      '-CAfile',
      files.chain,
      '-in',
      tempFile('i.crl', der),
    ])
    assert.include(verified.stderr + verified.stdout, 'verify OK')
  })

  test('openssl ocsp reports good, then revoked, and unknown for a serial we never issued', async ({
    assert,
  }) => {
    const cert = await issue()
    const certFile = tempFile('ocsp.pem', cert.pem)
    const good = await ocspCheck(['-cert', certFile])
    assert.equal(good.code, 0, good.stderr)
    assert.include(good.stdout, `${certFile}: good`)
    assert.include(good.stderr, 'Response verify OK')
    assert.notInclude(good.stderr, 'nonce')

    await revoke(cert.serial, 'affiliationChanged')
    const revoked = await ocspCheck(['-cert', certFile])
    assert.include(revoked.stdout, `${certFile}: revoked`)
    assert.include(revoked.stdout, 'Reason: affiliationChanged')

    const unknown = await ocspCheck(['-serial', '0x4ABCDEF0123456789ABCDEF012345678'])
    assert.include(unknown.stdout, ': unknown')
    assert.include(unknown.stderr, 'Response verify OK')
  })

  test('a suspended certificate is revoked with reason certificateHold in OCSP', async ({
    assert,
  }) => {
    const cert = await issue()
    await suspend(cert.serial, { note: '冻结' })
    const result = await ocspCheck(['-cert', tempFile('hold.pem', cert.pem)])
    assert.include(result.stdout, 'revoked')
    assert.include(result.stdout, 'Reason: certificateHold')
  })

  test('garbage, an empty body or the wrong content type get malformedRequest; bytes survive the transport', async ({
    assert,
  }) => {
    const malformed = '30030a0101'
    for (const [body, type] of [
      [Buffer.from('this is not DER'), 'application/ocsp-request'],
      [Buffer.alloc(0), 'application/ocsp-request'],
      [Buffer.from([0x30, 0x82, 0xff, 0xff, 0x00]), 'application/ocsp-request'],
    ] as const) {
      const response = await fetch(`${base()}/pki/ocsp`, {
        method: 'POST',
        headers: { 'content-type': type },
        body,
      })
      assert.equal(response.status, 200)
      assert.equal(response.headers.get('content-type'), 'application/ocsp-response')
      assert.equal(Buffer.from(await response.arrayBuffer()).toString('hex'), malformed)
    }
    const { issuing } = await ensureCa()
    const cert = await issue()
    const request = buildOcspRequest(issuing, cert.serial, false)
    // every byte value above 0x7f in the request must arrive unchanged
    assert.isTrue(request.some((b) => b >= 0x80))
    const wrongType = await fetch(`${base()}/pki/ocsp`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: request,
    })
    assert.equal(Buffer.from(await wrongType.arrayBuffer()).toString('hex'), malformed)
    const right = await fetch(`${base()}/pki/ocsp`, {
      method: 'POST',
      headers: { 'content-type': 'application/ocsp-request' },
      body: request,
    })
    const der = Buffer.from(await right.arrayBuffer())
    const text = await openssl([
      'ocsp',
      '-respin',
      tempFile('r.der', der),
      '-resp_text',
      '-noverify',
    ])
    assert.include(text.stdout, 'OCSP Response Status: successful')
    assert.include(text.stdout, 'Cert Status: good')
    assert.include(text.stdout, `Serial Number: ${cert.serial.toUpperCase()}`)
  })

  test('GET /pki/ocsp/<base64> answers the same request (RFC 6960 appendix A)', async ({
    assert,
  }) => {
    const { issuing } = await ensureCa()
    const cert = await issue()
    const request = buildOcspRequest(issuing, cert.serial, true)
    const response = await fetch(
      `${base()}/pki/ocsp/${encodeURIComponent(request.toString('base64'))}`
    )
    assert.equal(response.status, 200)
    const der = Buffer.from(await response.arrayBuffer())
    const files = await chainFiles()
    const text = await openssl([
      'ocsp',
      '-respin',
      tempFile('g.der', der),
      '-resp_text',
      '-CAfile',
      files.root,
      '-issuer',
      files.issuing,
    ])
    assert.include(text.stdout, 'Cert Status: good')
    assert.include(text.stdout, 'OCSP Nonce')
    assert.include(text.stderr, 'Response verify OK')

    const bad = await fetch(`${base()}/pki/ocsp/not%20base64!!`)
    assert.equal(Buffer.from(await bad.arrayBuffer()).toString('hex'), '30030a0101')
  })

  test('a certificate of another CA is answered unauthorized', async ({ assert }) => {
    const { issuing } = await ensureCa()
    const foreign = {
      ...issuing,
      subjectName: Buffer.from('300f310d300b06035504030c046f746865', 'hex').subarray(0, 17),
      keyHash: { sha1: Buffer.alloc(20, 7) },
    } as any
    const request = buildOcspRequest(foreign, '01', false)
    const response = await fetch(`${base()}/pki/ocsp`, {
      method: 'POST',
      headers: { 'content-type': 'application/ocsp-request' },
      body: request,
    })
    assert.equal(Buffer.from(await response.arrayBuffer()).toString('hex'), '30030a0106')
  })
})
