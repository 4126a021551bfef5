import { test } from '@japa/runner'
import { createHash, randomBytes } from 'node:crypto'
import { DateTime } from 'luxon'
import { runQueuedJobs } from '#core/queue/jobs'
import { chainPem, certificatePem } from '#issuance/queries/certificates'
import { suspend, revoke } from '#issuance/actions/certificate_status'
import PlatformSession from '#platforms/models/session'
import PlatformWebhook from '#platforms/models/webhook'
import Certificate from '#certificates/models/certificate'
import { asApplicant } from '#tests/helpers/auth'
import { chainFiles, ensureCa, openssl, tempFile } from '#tests/unit/issuance/support'
import {
  PIN,
  call,
  cmsVerified,
  holder,
  platform,
  receiver,
  scanAndConfirm,
  verifyWebhook,
} from './support.js'

/** the chain (issuing + root) as the trust file OpenSSL verifies against */
async function caFile() {
  return (await chainFiles()).chain
}

/**
 * The platform's side, played against the running server: signed API
 * calls, a QR session, the holder's scan and PIN, the result checked with
 * OpenSSL, the webhooks received and their signatures verified.
 */
test.group('platforms · the integrator API end to end', (group) => {
  group.setup(async () => {
    await ensureCa()
  })

  test('login: QR session, scan + PIN, result verified by openssl cms -verify, webhooks 01/02 signed', async ({
    client,
    assert,
  }) => {
    const hook = await receiver()
    try {
      const p = await platform({ callbackUrl: hook.url })
      const { user, certificate, pair } = await holder()
      const created = await call(p, 'POST', '/api/platform/sessions', { type: 'login' })
      assert.equal(created.status, 201, created.text)
      assert.equal(created.body.state, 'created')
      assert.isTrue(created.body.tid.startsWith(p.platformCode))
      assert.equal(created.body.tid.length, 11 + 24)
      /* 全国CA互认 QR: a URL whose base64 payload names the TId */
      const qr = new URL(created.body.qrContent)
      const payload = Buffer.from(qr.searchParams.get('c')!, 'base64').toString('utf8')
      assert.include(payload, 'QRCodeType=1;')
      assert.include(payload, `TId=${created.body.tid};`)
      const opened = await asApplicant(client.get(`${qr.pathname}${qr.search}`), user).redirects(0)
      opened.assertStatus(302)
      assert.include(opened.header('location'), `/platform-scan/${created.body.tid}`)

      const { page, confirm } = await scanAndConfirm(client, user, created.body.tid, certificate.id)
      page.assertStatus(200)
      assert.include(page.text(), '系统标识码')
      assert.include(page.text(), p.platformCode)
      assert.include(page.text(), '交易系统名称')
      assert.include(page.text(), '确认授权登录')
      confirm.assertStatus(302)
      const polled = await call(p, 'GET', `/api/platform/sessions/by-tid/${created.body.tid}`)
      assert.equal(polled.body.state, 'done')
      const result = await call(p, 'GET', `/api/platform/sessions/${created.body.sessionId}/result`)
      assert.equal(result.status, 200)
      assert.equal(result.body.result.loginUserType, '01')
      assert.equal(result.body.result.certSn, pair.signing.serial)
      const verified = await cmsVerified(result.body.result.signature, result.body.result.challenge)
      assert.equal(verified.code, 0, verified.stderr)
      assert.include(verified.stderr, 'Verification successful')

      assert.equal(await runQueuedJobs(), 2)
      assert.lengthOf(hook.received, 2)
      const [scan, login] = hook.received.map((r) => ({ ...r, json: JSON.parse(r.body) }))
      assert.equal(scan.json.type, '01')
      assert.equal(scan.json.TId, created.body.tid)
      assert.equal(login.json.type, '02')
      assert.equal(login.json.userInfo.certSn, pair.signing.serial)
      for (const r of hook.received)
        assert.isTrue(verifyWebhook(p.secret, p.appId, r), 'webhook signature')
      const deliveries = await PlatformWebhook.query().where('integration_id', p.integrationId)
      assert.deepEqual(
        deliveries.map((d) => d.state),
        ['delivered', 'delivered']
      )
    } finally {
      await hook.close()
    }
  })

  test('sign: a hash signed after the PIN; openssl cms -verify with the chain over the document', async ({
    client,
    assert,
  }) => {
    const p = await platform()
    const { user, certificate } = await holder()
    const doc = Buffer.from('投标文件：第一包，报价 1,000,000 元')
    const hash = createHash('sha256').update(doc).digest('hex')
    const created = await call(p, 'POST', '/api/platform/sessions', { type: 'sign', hash })
    assert.equal(created.status, 201, created.text)
    const { confirm } = await scanAndConfirm(client, user, created.body.tid, certificate.id)
    confirm.assertStatus(302)
    const done = await asApplicant(client.get(`/platform-scan/${created.body.tid}/done`), user)
    assert.include(done.text(), '验签成功')
    const result = await call(p, 'GET', `/api/platform/sessions/${created.body.sessionId}/result`)
    const verified = await cmsVerified(result.body.result.signature, doc)
    assert.equal(verified.code, 0, verified.stderr)
    /* the signer's certificate chains to our CA (openssl verify with the chain) */
    const chain = await chainPem(certificate.serial)
    const leaf = tempFile('leaf.pem', (await certificatePem(certificate.serial))!)
    const chained = await openssl(['verify', '-CAfile', await caFile(), leaf])
    assert.equal(chained.code, 0, chained.stderr + chain)
  })

  test('消息签名: the message is shown to the holder, signed after the PIN; openssl cms -verify over the message with the chain; an empty message is refused', async ({
    client,
    assert,
  }) => {
    const p = await platform()
    const { user, certificate } = await holder()
    const empty = await call(p, 'POST', '/api/platform/sessions', { type: 'message_sign' })
    assert.equal(empty.status, 422)
    assert.equal(empty.body.field, 'message')
    const message = '同意《投标保证金退还申请》：项目编号 GC-2026-118，金额 20,000.00 元'
    const created = await call(p, 'POST', '/api/platform/sessions', {
      type: 'message_sign',
      message,
    })
    assert.equal(created.status, 201, created.text)
    const { page, confirm } = await scanAndConfirm(client, user, created.body.tid, certificate.id)
    assert.include(page.text(), '确认授权消息签名')
    assert.include(page.text(), '项目编号 GC-2026-118')
    confirm.assertStatus(302)
    const done = await asApplicant(client.get(`/platform-scan/${created.body.tid}/done`), user)
    assert.include(done.text(), '消息签名成功，验签成功')
    const result = await call(p, 'GET', `/api/platform/sessions/${created.body.sessionId}/result`)
    assert.equal(result.body.result.message, message)
    assert.equal(result.body.result.certSn, certificate.serial)
    const verified = await cmsVerified(result.body.result.signature, Buffer.from(message, 'utf8'))
    assert.equal(verified.code, 0, verified.stderr)
    const tampered = await cmsVerified(result.body.result.signature, message + '。')
    assert.notEqual(tampered.code, 0)
  })

  test('encrypt gives the encryption certificate; an openssl cms -encrypt envelope opens through qrDecrypt after the opening time', async ({
    client,
    assert,
  }) => {
    const p = await platform()
    const { user, certificate, pair } = await holder()
    const enc = await call(p, 'POST', '/api/platform/sessions', { type: 'encrypt' })
    const { confirm } = await scanAndConfirm(client, user, enc.body.tid, certificate.id)
    confirm.assertStatus(302)
    const encResult = await call(p, 'GET', `/api/platform/sessions/${enc.body.sessionId}/result`)
    assert.equal(encResult.body.result.encCertSn, pair.encryption.serial)
    assert.equal(encResult.body.result.alg, 'RSA')
    assert.equal(encResult.body.result.loginUserType, '01')
    const encPem = `-----BEGIN CERTIFICATE-----\n${encResult.body.result.encPubCert.match(/.{1,64}/g).join('\n')}\n-----END CERTIFICATE-----\n`
    const bidKey = randomBytes(32)
    const made = await openssl([
      'cms',
      '-encrypt',
      '-binary',
      '-aes256',
      '-outform',
      'DER',
      '-in',
      tempFile('key.bin', bidKey),
      '-recip',
      tempFile('enc.pem', encPem),
    ])
    assert.equal(made.code, 0, made.stderr)
    const envelope = made.out.toString('base64')

    /* before the opening time: refused */
    const early = await call(p, 'POST', '/api/platform/sessions', {
      type: 'decrypt',
      envelope,
      openAt: DateTime.utc().plus({ hours: 1 }).toISO(),
    })
    const page = await asApplicant(client.get(`/platform-scan/${early.body.tid}`), user)
    assert.include(page.text(), '未到开标时间')
    const refused = await asApplicant(client.post(`/platform-scan/${early.body.tid}`), user)
      .withCsrfToken()
      .header('accept', 'application/json')
      .form({ certificate_id: certificate.id, pin: PIN })
    refused.assertStatus(409)
    assert.include(refused.text(), '未到开标时间')

    const open = await call(p, 'POST', '/api/platform/sessions', {
      type: 'decrypt',
      envelope,
      openAt: DateTime.utc().minus({ minutes: 1 }).toISO(),
    })
    const { confirm: ok } = await scanAndConfirm(client, user, open.body.tid, certificate.id)
    ok.assertStatus(302)
    const result = await call(p, 'GET', `/api/platform/sessions/${open.body.sessionId}/result`)
    assert.equal(
      Buffer.from(result.body.result.symmetricKey, 'base64').toString('hex'),
      bidKey.toString('hex')
    )
  })

  test('refused calls: bad signature, replayed nonce, stale timestamp, unknown app; another platform’s session is a 404', async ({
    assert,
  }) => {
    const p = await platform()
    const other = await platform()
    const bad = await call(p, 'GET', '/api/platform/ping', undefined, { tamper: true })
    assert.equal(bad.status, 401)
    assert.equal(bad.body.code, 'signature_invalid')
    const first = await call(p, 'GET', '/api/platform/ping', undefined, { nonce: 'nonce-once-123' })
    assert.equal(first.status, 200)
    const replay = await call(p, 'GET', '/api/platform/ping', undefined, {
      nonce: 'nonce-once-123',
    })
    assert.equal(replay.status, 401)
    assert.equal(replay.body.code, 'nonce_replayed')
    const stale = await call(p, 'GET', '/api/platform/ping', undefined, {
      now: Date.now() - 10 * 60_000,
    })
    assert.equal(stale.body.code, 'timestamp_stale')
    const unknown = await call({ ...p, appId: 'pk_nobody' }, 'GET', '/api/platform/ping')
    assert.equal(unknown.body.code, 'app_unknown')
    const mine = await call(p, 'POST', '/api/platform/sessions', { type: 'login' })
    const theirs = await call(other, 'GET', `/api/platform/sessions/${mine.body.sessionId}`)
    assert.equal(theirs.status, 404)
    const theirsByTid = await call(other, 'GET', `/api/platform/sessions/by-tid/${mine.body.tid}`)
    assert.equal(theirsByTid.status, 404)
    const badHash = await call(p, 'POST', '/api/platform/sessions', { type: 'sign', hash: 'abc' })
    assert.equal(badHash.status, 422)
    assert.equal(badHash.body.code, 'hash_invalid')
  })

  test('a wrong PIN is refused at the field, and five lock the certificate', async ({
    client,
    assert,
  }) => {
    const p = await platform()
    const { user, certificate } = await holder()
    const created = await call(p, 'POST', '/api/platform/sessions', { type: 'login' })
    await asApplicant(client.get(`/platform-scan/${created.body.tid}`), user)
    let last: any
    for (let i = 0; i < 5; i++) {
      last = await asApplicant(client.post(`/platform-scan/${created.body.tid}`), user)
        .withCsrfToken()
        .header('referer', `/platform-scan/${created.body.tid}`)
        .form({ certificate_id: certificate.id, pin: '000000' })
        .redirects(0)
      last.assertStatus(302)
    }
    last.assertFlashMessage('inputErrorsBag', { pin: [last.flashMessages().inputErrorsBag.pin[0]] })
    const locked = await asApplicant(client.post(`/platform-scan/${created.body.tid}`), user)
      .withCsrfToken()
      .header('accept', 'application/json')
      .form({ certificate_id: certificate.id, pin: PIN })
    locked.assertStatus(423)
    const session = await PlatformSession.findOrFail(created.body.sessionId)
    assert.equal(session.state, 'scanned')
  })

  test('a suspended, revoked or expired certificate cannot be used', async ({ client, assert }) => {
    const p = await platform()
    for (const make of ['suspend', 'revoke', 'expire'] as const) {
      const { user, certificate } = await holder()
      if (make === 'suspend') await suspend(certificate.serial)
      if (make === 'revoke') await revoke(certificate.serial, 'keyCompromise')
      if (make === 'expire')
        await Certificate.query()
          .where('id', certificate.id)
          .update({ not_after: DateTime.utc().minus({ days: 1 }).toSQL() })
      const created = await call(p, 'POST', '/api/platform/sessions', { type: 'login' })
      const page = await asApplicant(client.get(`/platform-scan/${created.body.tid}`), user)
      assert.include(page.text(), '没有可用的证书', make)
      const refused = await asApplicant(client.post(`/platform-scan/${created.body.tid}`), user)
        .withCsrfToken()
        .header('accept', 'application/json')
        .form({ certificate_id: certificate.id, pin: PIN })
      refused.assertStatus(422)
      assert.include(refused.text(), '请选择一张有效的证书', make)
    }
  })

  test('取消 aborts; the session is then closed, and another holder cannot open a scanned session', async ({
    client,
    assert,
  }) => {
    const p = await platform()
    const { user, certificate } = await holder()
    const { user: stranger } = await holder({ name: '钱七' })
    const created = await call(p, 'POST', '/api/platform/sessions', { type: 'login' })
    await asApplicant(client.get(`/platform-scan/${created.body.tid}`), user)
    const foreign = await asApplicant(client.get(`/platform-scan/${created.body.tid}`), stranger)
    foreign.assertStatus(404)
    const aborted = await asApplicant(client.post(`/platform-scan/${created.body.tid}/abort`), user)
      .withCsrfToken()
      .redirects(0)
    aborted.assertStatus(302)
    const state = await call(p, 'GET', `/api/platform/sessions/${created.body.sessionId}`)
    assert.equal(state.body.state, 'aborted')
    const late = await asApplicant(client.post(`/platform-scan/${created.body.tid}`), user)
      .withCsrfToken()
      .header('accept', 'application/json')
      .form({ certificate_id: certificate.id, pin: PIN })
    late.assertStatus(409)
  })
})
