import { test } from '@japa/runner'
import type { ApiClient } from '@japa/api-client'
import db from '@adonisjs/lucid/services/db'
import nock from 'nock'
import { DateTime } from 'luxon'
import type User from '#accounts/models/user'
import RealNameRequest from '#accounts/realname/real_name_request'
import realNames from '#accounts/realname/real_name_service'
import { SandboxFaceProvider } from '#accounts/realname/providers/sandbox_face'
import { HttpFaceProvider } from '#accounts/realname/providers/http_face'
import { faceCallbackBody } from '#accounts/realname/providers/face_callback'
import { signedJsonHeaders } from '#core/signed_json'
import AuditLog from '#core/audit/audit_log'
import Message from '#core/messages/message'
import { createUser, residentId } from '#tests/helpers/factories'
import { asApplicant } from '#tests/helpers/auth'
import { makeImage } from '#tests/helpers/files'
import { fieldErrors, flash } from '#tests/functional/accounts/helpers'

/**
 * 人脸识别 through HTTP: the form starts a session, the waiting page shows
 * the provider's page as a QR code and a link and refreshes itself, the
 * phone opens the sandbox's H5 page (no login) and presses a button that
 * posts the provider's signed callback. Refusals: a bad signature, a
 * repeated callback, an expired session, too many tries, another
 * applicant's session (404). And a real provider's driver end to end
 * against nock.
 */

async function start(client: ApiClient, user: User, fields: Record<string, string> = {}) {
  const response = await asApplicant(client.post('/account/real-name/face?tab=face'), user)
    .withCsrfToken()
    .form({ real_name: '王小明', id_number: residentId('19900101', '211302', '285'), ...fields })
    .redirects(0)
  const location = response.header('location') ?? ''
  const id = /\/account\/real-name\/face\/([0-9a-f-]{36})$/.exec(location)?.[1]
  return { response, check: id ? await RealNameRequest.findOrFail(id) : null }
}

function sandbox() {
  const provider = realNames.providers.face
  if (!(provider instanceof SandboxFaceProvider)) throw new Error('the face sandbox is not on')
  return provider
}

/** what the provider posts: its headers and the exact body bytes */
async function postCallback(
  client: ApiClient,
  callback: { headers: Record<string, string | undefined>; body: string }
) {
  const headers = Object.fromEntries(
    Object.entries(callback.headers).filter((entry): entry is [string, string] => !!entry[1])
  )
  return client.post('/realname/callback/face').headers(headers).unsafeJson(callback.body)
}

async function auditOf(requestId: string) {
  const entries = await AuditLog.query()
    .where('subject_type', 'real_name_request')
    .where('subject_id', requestId)
    .orderBy('seq', 'asc')
  return entries.map((entry) => entry.action)
}

test.group('Real-name verification · 人脸识别 (sandbox)', () => {
  test('开始认证 → QR code and link → the phone simulates success → verified, the waiting page says so', async ({
    client,
    assert,
  }) => {
    const user = await createUser()
    const { response, check } = await start(client, user)
    response.assertStatus(302)
    assert.isNotNull(check)
    assert.equal(check!.method, 'face')
    assert.equal(check!.status, 'pending')
    assert.equal(check!.provider, 'sandbox')
    const pagePath = `/realname/sandbox/face/${check!.providerRef}`
    assert.equal(check!.h5Url, pagePath)

    const waiting = await asApplicant(client.get(`/account/real-name/face/${check!.id}`), user)
    waiting.assertStatus(200)
    const html = waiting.text()
    assert.include(html, '<svg class="qr" role="img" aria-label="人脸识别二维码"')
    assert.include(html, `href="http://127.0.0.1:${process.env.PORT ?? 3334}${pagePath}"`)
    assert.match(html, /<noscript><meta http-equiv="refresh" content="5" \/><\/noscript>/)
    assert.include(html, 'data-poll-url="/account/real-name/face/')
    assert.include(html, '沙箱')
    assert.include(html, '王**')
    assert.notInclude(html, '王小明')
    assert.notMatch(html, /\sstyle="/)

    const status = await asApplicant(
      client.get(`/account/real-name/face/${check!.id}/status`),
      user
    )
    assert.deepEqual(status.body(), { status: 'pending', label: '核验中', finished: false })

    /* the phone: no login */
    const phonePage = await client.get(pagePath)
    phonePage.assertStatus(200)
    assert.include(phonePage.text(), '模拟识别成功')
    assert.include(phonePage.text(), '模拟识别失败')
    assert.include(phonePage.text(), '沙箱')
    const pressed = await client
      .post(pagePath)
      .withCsrfToken()
      .form({ outcome: 'pass' })
      .redirects(0)
    pressed.assertHeader('location', pagePath)
    assert.equal(flash(pressed, 'success'), '已模拟识别成功，请返回电脑端查看结果')

    await user.refresh()
    assert.equal(user.realNameStatus, 'verified')
    assert.equal(user.realNameMethod, 'face')
    await check!.refresh()
    assert.equal(check!.status, 'passed')
    assert.deepEqual(await auditOf(check!.id), [
      'accounts.real_name_check.start',
      'accounts.real_name_check.pass',
    ])
    const pass = await AuditLog.query()
      .where('action', 'accounts.real_name_check.pass')
      .where('subject_id', check!.id)
      .firstOrFail()
    assert.equal(pass.actorName, '人脸识别（沙箱）')

    const done = await asApplicant(client.get(`/account/real-name/face/${check!.id}`), user)
    assert.include(done.text(), '实名认证成功')
    assert.notInclude(done.text(), 'http-equiv="refresh"')
    const after = await asApplicant(client.get(`/account/real-name/face/${check!.id}/status`), user)
    assert.deepEqual(after.body(), { status: 'passed', label: '核验通过', finished: true })
    const again = await client.get(pagePath)
    assert.include(again.text(), '识别已结束')
    assert.notInclude(again.text(), '模拟识别成功</button>')
  })

  test('模拟识别失败: not verified, the reason and 重新认证 on the waiting page', async ({
    client,
    assert,
  }) => {
    const user = await createUser()
    const { check } = await start(client, user)
    const pagePath = `/realname/sandbox/face/${check!.providerRef}`
    await client.get(pagePath)
    await client.post(pagePath).withCsrfToken().form({ outcome: 'fail' })
    await check!.refresh()
    assert.equal(check!.status, 'failed')
    await user.refresh()
    assert.equal(user.realNameStatus, 'none')
    const page = await asApplicant(client.get(`/account/real-name/face/${check!.id}`), user)
    assert.include(page.text(), '认证未通过')
    assert.include(page.text(), '人脸识别未通过（沙箱模拟）')
    assert.include(page.text(), '重新认证')
  })

  test('a callback with a bad signature is refused, changes nothing, and is audited', async ({
    client,
    assert,
  }) => {
    const user = await createUser()
    const { check } = await start(client, user)
    const good = sandbox().buildCallback(
      { requestId: check!.id, providerRef: check!.providerRef! },
      true
    )
    const forged = { ...good.headers, 'x-signature': 'f'.repeat(64) }
    const response = await postCallback(client, { headers: forged, body: good.body })
    response.assertStatus(401)
    assert.deepEqual(response.body(), { code: 401, message: '回调签名验证失败' })
    const unsigned = await postCallback(client, {
      headers: { 'content-type': 'application/json' },
      body: good.body,
    })
    unsigned.assertStatus(401)

    await check!.refresh()
    assert.equal(check!.status, 'pending')
    await user.refresh()
    assert.equal(user.realNameStatus, 'none')
    const refused = await AuditLog.query().where(
      'action',
      'accounts.real_name_check.callback_refused'
    )
    assert.lengthOf(refused, 2)
    assert.deepInclude(
      refused.map((e) => JSON.parse(e.data!).reason),
      '回调签名验证失败'
    )
  })

  test('a repeated callback is applied once: one verification, one message, the repeat audited', async ({
    client,
    assert,
  }) => {
    const user = await createUser()
    const { check } = await start(client, user)
    const session = { requestId: check!.id, providerRef: check!.providerRef! }
    const first = await postCallback(client, sandbox().buildCallback(session, true))
    first.assertStatus(200)
    assert.deepEqual(first.body(), { code: 0, message: '成功' })
    const repeat = await postCallback(client, sandbox().buildCallback(session, true))
    repeat.assertStatus(200)
    const contrary = await postCallback(client, sandbox().buildCallback(session, false))
    contrary.assertStatus(200)

    await check!.refresh()
    assert.equal(check!.status, 'passed')
    assert.lengthOf(
      await AuditLog.query()
        .where('action', 'accounts.real_name_check.pass')
        .where('subject_id', check!.id),
      1
    )
    assert.lengthOf(
      await AuditLog.query()
        .where('action', 'accounts.real_name_check.callback_repeated')
        .where('subject_id', check!.id),
      2
    )
    assert.lengthOf(
      await Message.query().where('user_id', user.id).where('title', '实名认证成功'),
      1
    )
  })

  test('开始认证 twice with the same details keeps one session; other details start a new one', async ({
    client,
    assert,
  }) => {
    const user = await createUser()
    const first = await start(client, user)
    const second = await start(client, user)
    assert.equal(second.check!.id, first.check!.id)
    assert.lengthOf(await RealNameRequest.query().where('user_id', user.id), 1)
    const other = await start(client, user, { real_name: '王大明' })
    assert.notEqual(other.check!.id, first.check!.id)
    await first.check!.refresh()
    assert.equal(first.check!.status, 'expired')
    assert.equal(first.check!.resultMessage, '已重新发起人脸识别')
    const list = await asApplicant(client.get('/account/real-name?tab=face'), user)
    assert.include(list.text(), '继续人脸识别')
  })

  test('an expired session: the page says so, the phone cannot finish it, a late callback is not applied', async ({
    client,
    assert,
  }) => {
    const user = await createUser()
    const { check } = await start(client, user)
    const pagePath = `/realname/sandbox/face/${check!.providerRef}`
    await db
      .from('real_name_requests')
      .where('id', check!.id)
      .update({
        expires_at: DateTime.utc()
          .minus({ minutes: 30 })
          .toFormat(db.connection().dialect.dateTimeFormat),
      })
    const phone = await client.get(pagePath)
    assert.include(phone.text(), '该识别会话已过期')
    assert.notInclude(phone.text(), '模拟识别成功</button>')

    const late = await postCallback(
      client,
      sandbox().buildCallback({ requestId: check!.id, providerRef: check!.providerRef! }, true)
    )
    late.assertStatus(200)
    await check!.refresh()
    assert.equal(check!.status, 'expired')
    await user.refresh()
    assert.equal(user.realNameStatus, 'none')
    const page = await asApplicant(client.get(`/account/real-name/face/${check!.id}`), user)
    assert.include(page.text(), '识别已过期')
    assert.deepEqual(await auditOf(check!.id), [
      'accounts.real_name_check.start',
      'accounts.real_name_check.expire',
      'accounts.real_name_check.callback_repeated',
    ])
  })

  test('too many tries: the sixth session of the day is refused', async ({ client, assert }) => {
    const user = await createUser()
    let last
    for (const name of ['王一', '王二', '王三', '王四', '王五', '王六']) {
      last = await start(client, user, { real_name: name })
    }
    assert.include(flash(last!.response, 'error'), '今日核验次数已用完（人脸识别）')
    assert.lengthOf(await RealNameRequest.query().where('user_id', user.id), 5)
  })

  test('an invalid ID number is refused at the field with the reason', async ({
    client,
    assert,
  }) => {
    const user = await createUser()
    const { response } = await start(client, user, { id_number: '110105198805120318' })
    assert.deepEqual(fieldErrors(response).id_number, [
      '身份证号最后一位（校验码）不正确，请核对后重新输入',
    ])
    response.assertHeader('location', '/account/real-name?tab=face')
  })
})

test.group('Real-name verification · 人脸识别 and one account per document', () => {
  test('another account verified with the same number meanwhile: the passing callback fails the check', async ({
    client,
    assert,
  }) => {
    const user = await createUser()
    const id = residentId('19900101', '211302', '285')
    const { check } = await start(client, user, { id_number: id })
    await createUser({
      realNameStatus: 'verified',
      realName: '王小明',
      realIdType: 'resident_id',
      realIdNumber: id,
    } as any)
    const answer = await postCallback(
      client,
      sandbox().buildCallback({ requestId: check!.id, providerRef: check!.providerRef! }, true)
    )
    answer.assertStatus(200)
    await check!.refresh()
    assert.equal(check!.status, 'failed')
    assert.equal(check!.resultMessage, '该身份证号已在其他账号完成实名认证，如有疑问请联系客服')
    await user.refresh()
    assert.equal(user.realNameStatus, 'none')
  })
})

test.group('Real-name verification · 人脸识别 and 人工审核', () => {
  test('submitting a manual request ends an open face session: its late result changes nothing', async ({
    client,
    assert,
  }) => {
    const user = await createUser()
    const { check } = await start(client, user)
    const manual = await asApplicant(client.post('/account/real-name/manual?tab=manual'), user)
      .withCsrfToken()
      .fields({ id_type: 'passport', real_name: 'John Smith', id_number: 'E12345678' })
      .file('front', await makeImage('jpg', 30 * 1024))
      .file('back', await makeImage('png', 30 * 1024))
      .redirects(0)
    assert.equal(flash(manual, 'success'), '已提交人工审核，审核结果将通过短信和站内消息通知您')
    await check!.refresh()
    assert.equal(check!.status, 'expired')
    assert.equal(check!.resultMessage, '已改为人工审核')
    await postCallback(
      client,
      sandbox().buildCallback({ requestId: check!.id, providerRef: check!.providerRef! }, true)
    )
    await user.refresh()
    assert.equal(user.realNameStatus, 'pending')
  })
})

test.group('Real-name verification · 人脸识别 authorisation', () => {
  test("another applicant's session: 404 on its page, its status and its H5 page; unknown tokens 404", async ({
    client,
    assert,
  }) => {
    const owner = await createUser()
    const other = await createUser()
    const { check } = await start(client, owner)
    const pagePath = `/realname/sandbox/face/${check!.providerRef}`
    for (const url of [
      `/account/real-name/face/${check!.id}`,
      `/account/real-name/face/${check!.id}/status`,
      pagePath,
    ]) {
      const response = await asApplicant(client.get(url), other)
      response.assertStatus(404)
    }
    const pressed = await asApplicant(client.post(pagePath), other)
      .withCsrfToken()
      .form({ outcome: 'pass' })
    pressed.assertStatus(404)
    for (const token of ['not-a-real-token-at-all', 'x'.repeat(32)]) {
      ;(await client.get(`/realname/sandbox/face/${token}`)).assertStatus(404)
    }
    ;(await asApplicant(client.get('/account/real-name/face/not-a-uuid'), owner)).assertStatus(404)
    await check!.refresh()
    assert.equal(check!.status, 'pending')
    await other.refresh()
    assert.equal(other.realNameStatus, 'none')
  })

  test('a callback naming another session than its token is refused', async ({
    client,
    assert,
  }) => {
    const first = await createUser()
    const second = await createUser()
    const a = (await start(client, first)).check!
    const b = (await start(client, second)).check!
    const response = await postCallback(
      client,
      sandbox().buildCallback({ requestId: a.id, providerRef: b.providerRef! }, true)
    )
    response.assertStatus(404)
    await a.refresh()
    await b.refresh()
    assert.equal(a.status, 'pending')
    assert.equal(b.status, 'pending')
  })
})

test.group('Real-name verification · 人脸识别 with a real provider (nock)', (group) => {
  const config = {
    url: 'https://face.example.com/api/sessions',
    appId: 'certdesk',
    secret: 'face-secret',
    timeoutMs: 2000,
    maxClockSkewSeconds: 300,
  }
  let original: typeof realNames.providers.face
  group.each.setup(() => {
    original = realNames.providers.face
    realNames.providers.face = new HttpFaceProvider(config)
    return () => {
      realNames.providers.face = original
      nock.cleanAll()
    }
  })

  test("the provider's H5 page by QR code; its signed callback verifies the account; the sandbox page is gone", async ({
    client,
    assert,
  }) => {
    const user = await createUser()
    let sent: any = null
    nock('https://face.example.com')
      .post('/api/sessions', (body) => {
        sent = body
        return true
      })
      .reply(200, { code: 0, bizToken: 'biz-001', h5Url: 'https://face.example.com/h5/biz-001' })
    const { check } = await start(client, user)
    assert.equal(check!.provider, 'http')
    assert.equal(check!.providerRef, 'biz-001')
    assert.equal(sent.outId, check!.id)
    assert.match(sent.notifyUrl, /\/realname\/callback\/face$/)
    assert.match(sent.returnUrl, /\/realname\/face\/done$/)

    const waiting = await asApplicant(client.get(`/account/real-name/face/${check!.id}`), user)
    assert.include(waiting.text(), 'href="https://face.example.com/h5/biz-001"')
    assert.notInclude(waiting.text(), '沙箱（测试）环境')

    const body = faceCallbackBody({
      requestId: check!.id,
      providerRef: 'biz-001',
      passed: true,
      message: '活体检测通过',
    })
    const wrongSecret = await postCallback(client, {
      headers: signedJsonHeaders({ appId: config.appId, secret: 'other' }, body),
      body,
    })
    wrongSecret.assertStatus(401)
    const ok = await postCallback(client, { headers: signedJsonHeaders(config, body), body })
    ok.assertStatus(200)
    await user.refresh()
    assert.equal(user.realNameStatus, 'verified')
    await check!.refresh()
    assert.equal(check!.resultMessage, '活体检测通过')
    ;(await client.get('/realname/sandbox/face/biz-001-whatever-token')).assertStatus(404)
    ;(await client.get('/realname/face/done')).assertStatus(200)
  })

  test('a provider that cannot start a session: refused, the attempt failed on record', async ({
    client,
    assert,
  }) => {
    const user = await createUser()
    nock('https://face.example.com')
      .post('/api/sessions')
      .reply(200, { code: 5001, message: '余额不足' })
    const { response } = await start(client, user)
    assert.equal(flash(response, 'error'), '实名核验服务暂时不可用，请稍后重试或选择人工审核')
    const check = await RealNameRequest.query().where('user_id', user.id).firstOrFail()
    assert.equal(check.status, 'failed')
    assert.include(check.resultMessage!, '余额不足')
  })
})
