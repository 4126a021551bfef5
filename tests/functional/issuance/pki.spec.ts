import { test } from '@japa/runner'
import env from '#start/env'
import { readFileSync } from 'node:fs'
import {
  chainFiles,
  ensureCa,
  openssl,
  opensslCsr,
  tempFile,
  tempPath,
  tool,
} from '#tests/unit/issuance/support'
import { buildOcspRequest } from '#tests/unit/issuance/ocsp_support'
import { issueFromCsr } from '#issuance/actions/issue_certificate'
import { revoke, suspend } from '#issuance/actions/certificate_status'
import { answerBadOcspUrl } from '#issuance/controllers/ocsp_http'
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

  test('a GET without a nonce may be cached (RFC 5019): max-age, public, no-transform, must-revalidate, Expires, Last-Modified, ETag; a nonce or a POST is no-store', async ({
    assert,
  }) => {
    const files = await chainFiles()
    const cert = await issue()
    const reqFile = tempPath('get.req')
    const made = await openssl([
      'ocsp',
      '-issuer',
      files.issuing,
      '-cert',
      tempFile('get.pem', cert.pem),
      '-no_nonce',
      '-reqout',
      reqFile,
    ])
    assert.equal(made.code, 0, made.stderr)
    const request = readFileSync(reqFile)
    const url = `${base()}/pki/ocsp/${encodeURIComponent(request.toString('base64'))}`

    const bodyFile = tempPath('get.der')
    const curl = await tool('curl', ['-sS', '-D', '-', '-o', bodyFile, url])
    assert.equal(curl.code, 0, curl.stderr)
    const headers = Object.fromEntries(
      curl.stdout
        .split(/\r?\n/)
        .filter((line) => line.includes(':'))
        .map((line) => [
          line.slice(0, line.indexOf(':')).toLowerCase(),
          line.slice(line.indexOf(':') + 1).trim(),
        ])
    )
    assert.match(curl.stdout, /^HTTP\/1\.1 200/)
    assert.equal(headers['content-type'], 'application/ocsp-response')
    const maxAge = Number(
      headers['cache-control'].match(/^max-age=(\d+), public, no-transform, must-revalidate$/)?.[1]
    )
    assert.isAbove(maxAge, 0)
    assert.isAtMost(maxAge, 600)
    const text = await openssl(['ocsp', '-respin', bodyFile, '-resp_text', '-noverify'])
    assert.include(text.stdout, 'Cert Status: good')
    const thisUpdate = new Date(text.stdout.match(/This Update: (.+)/)![1])
    const nextUpdate = new Date(text.stdout.match(/Next Update: (.+)/)![1])
    assert.equal(headers['last-modified'], thisUpdate.toUTCString())
    assert.equal(headers['expires'], nextUpdate.toUTCString())
    assert.match(headers['etag'], /^"[0-9a-f]{40}"$/)

    const again = await fetch(url, { headers: { 'if-none-match': headers['etag'] } })
    assert.equal(again.status, 304)
    assert.equal((await again.arrayBuffer()).byteLength, 0)

    const post = await fetch(`${base()}/pki/ocsp`, {
      method: 'POST',
      headers: { 'content-type': 'application/ocsp-request' },
      body: request,
    })
    assert.equal(post.headers.get('cache-control'), 'no-store')
    const { issuing } = await ensureCa()
    const withNonce = await fetch(
      `${base()}/pki/ocsp/${encodeURIComponent(buildOcspRequest(issuing, cert.serial, true).toString('base64'))}`
    )
    assert.equal(withNonce.headers.get('cache-control'), 'no-store')
    assert.isNull(withNonce.headers.get('etag'))
  })

  test('a nonce of 0 or more than 128 octets is malformedRequest (RFC 9654); 1 and 128 octets are echoed', async ({
    assert,
  }) => {
    const { issuing } = await ensureCa()
    const cert = await issue()
    const ask = async (nonce: Buffer) => {
      const response = await fetch(`${base()}/pki/ocsp`, {
        method: 'POST',
        headers: { 'content-type': 'application/ocsp-request' },
        body: buildOcspRequest(issuing, cert.serial, nonce),
      })
      return Buffer.from(await response.arrayBuffer())
    }
    for (const size of [0, 129, 1000]) {
      assert.equal((await ask(Buffer.alloc(size, 7))).toString('hex'), '30030a0101', `${size}`)
    }
    for (const size of [1, 128]) {
      const nonce = Buffer.alloc(size, 0x5a)
      const text = await openssl([
        'ocsp',
        '-respin',
        tempFile('n.der', await ask(nonce)),
        '-resp_text',
        '-noverify',
      ])
      assert.include(text.stdout, 'OCSP Response Status: successful', `${size}`)
      assert.include(text.stdout, 'OCSP Nonce')
      const der = readFileSync(tempFile('n2.der', await ask(nonce)))
      const header = size < 128 ? [0x04, size] : [0x04, 0x81, size]
      assert.isTrue(der.includes(Buffer.concat([Buffer.from(header), nonce])))
    }
  })

  test('revoked without a stated reason: OCSP leaves revocationReason out, as the CRL does', async ({
    assert,
  }) => {
    const cert = await issue()
    await revoke(cert.serial, 'unspecified')
    const files = await chainFiles()
    const certFile = tempFile('unspec.pem', cert.pem)
    const answer = await ocspCheck(['-cert', certFile, '-resp_text'])
    assert.include(answer.stdout, `${certFile}: revoked`)
    assert.include(answer.stderr, 'Response verify OK')
    assert.notInclude(answer.stdout, 'Reason')
    const crl = Buffer.from(await (await fetch(`${base()}/pki/crl/issuing.crl`)).arrayBuffer())
    const crlText = await openssl(['crl', '-inform', 'DER', '-noout', '-text'], crl)
    const entry = crlText.stdout.slice(crlText.stdout.indexOf(cert.serial.toUpperCase()))
    assert.notMatch(entry.split('Serial Number')[0], /Reason/)
    void files
  })

  test('GET /pki/ocsp/<anything that is not a base64 request> answers an OCSP malformedRequest', async ({
    assert,
  }) => {
    for (const path of ['not%20base64!!', 'MEow/Zm9v', '%2F%2F%2F', 'A', '%E4%B8%AD']) {
      const response = await fetch(`${base()}/pki/ocsp/${path}`)
      assert.equal(response.status, 200, path)
      assert.equal(response.headers.get('content-type'), 'application/ocsp-response', path)
      assert.equal(Buffer.from(await response.arrayBuffer()).toString('hex'), '30030a0101', path)
    }
    // a path that is not even valid percent-encoding stops in the HTTP server before any
    // middleware: its onBadUrl hook hands /pki/ocsp/ URLs to answerBadOcspUrl
    const written: { status?: number; headers?: any; body?: Buffer } = {}
    const res = {
      writeHead: (status: number, headers: any) => Object.assign(written, { status, headers }),
      end: (body: Buffer) => Object.assign(written, { body }),
    } as any
    assert.isTrue(answerBadOcspUrl({ method: 'GET', url: '/pki/ocsp/%ZZ' } as any, res))
    assert.equal(written.status, 200)
    assert.equal(written.headers['Content-Type'], 'application/ocsp-response')
    assert.equal(written.body!.toString('hex'), '30030a0101')
    assert.isFalse(answerBadOcspUrl({ method: 'GET', url: '/orders/%ZZ' } as any, res))
  })

  test('over HTTP, a GET /pki/ocsp/%ZZ gets malformedRequest (http.onBadUrl); another bad URL the plain 400', async ({
    assert,
  }) => {
    const response = await fetch(`${base()}/pki/ocsp/%ZZ`)
    assert.equal(response.status, 200)
    assert.equal(response.headers.get('content-type'), 'application/ocsp-response')
    assert.equal(response.headers.get('cache-control'), 'no-store')
    assert.equal(Buffer.from(await response.arrayBuffer()).toString('hex'), '30030a0101')
    for (const path of ['/orders/%ZZ', '/pki/ca/%ZZ.crt']) {
      const other = await fetch(`${base()}${path}`)
      assert.equal(other.status, 400, path)
      assert.equal(await other.text(), 'Bad Request', path)
    }
    const post = await fetch(`${base()}/pki/ocsp/%ZZ`, { method: 'POST', body: 'x' })
    assert.equal(post.status, 400)
  })

  test('CA certificates and CRLs are public files: cacheable, never sniffed, and without a session cookie', async ({
    assert,
  }) => {
    const { root, issuing } = await ensureCa()
    for (const [path, type, name, cache] of [
      ['/pki/ca/root.crt', 'application/pkix-cert', `${root.id}.crt`, 'public, max-age=86400'],
      ['/pki/crl/issuing.crl', 'application/pkix-crl', `${issuing.id}.crl`, 'public, no-cache'],
    ]) {
      const response = await fetch(`${base()}${path}`)
      assert.equal(response.status, 200, path)
      assert.equal(response.headers.get('content-type'), type, path)
      assert.equal(response.headers.get('x-content-type-options'), 'nosniff', path)
      assert.include(response.headers.get('content-disposition')!, `attachment; filename="${name}"`)
      assert.equal(response.headers.get('cache-control'), cache, path)
      // a shared cache must never hand one visitor's session cookie to another
      assert.isNull(response.headers.get('set-cookie'), path)
      await response.arrayBuffer()
    }
    assert.isNotNull((await fetch(`${base()}/pki/crl/issuing.crl`)).headers.get('last-modified'))
    // a file that is not there still gets the site's Chinese 404 page
    const missing = await fetch(`${base()}/pki/ca/${randomUUID()}.crt`)
    assert.equal(missing.status, 404)
    assert.include(await missing.text(), '未找到该 CA 证书')
  })
})
