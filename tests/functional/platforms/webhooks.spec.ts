import { test } from '@japa/runner'
import { createHmac, randomInt } from 'node:crypto'
import nock from 'nock'
import db from '@adonisjs/lucid/services/db'
import { runQueuedJobs } from '#core/queue/jobs'
import Integration from '#platforms/models/integration'
import PlatformWebhook from '#platforms/models/webhook'
import { WEBHOOK_MAX_RETRIES } from '#platforms/jobs/deliver_webhook_job'
import { createStaff } from '#tests/helpers/factories'
import { asStaff } from '#tests/helpers/auth'
import { asApplicant } from '#tests/helpers/auth'
import { ensureCa } from '#tests/unit/issuance/support'
import { residentId } from '#tests/helpers/factories'
import { armFault, disarmFaults } from '#core/fault_points'
import {
  issueCloudCertificateForOrder,
  type OrderForIssue,
} from '#certificates/actions/issue_for_order'
import { notifyIssued } from '#platforms/actions/issued'
import { call, holder, platform, receiver, verifyWebhook } from './support.js'

/**
 * Callbacks to the platform: signed like its own calls, delivered by the
 * job queue, retried with backoff, visible on 回调记录; 测试连接.
 */
async function makeDue() {
  await db.from('queue_jobs').update({ execute_at: 0 })
}

test.group('platforms · webhooks', (group) => {
  group.setup(async () => {
    await ensureCa()
  })
  group.each.teardown(() => disarmFaults())

  test('with nock: the scan callback is signed over POST, the path and query, timestamp, nonce and body', async ({
    client,
    assert,
  }) => {
    const p = await platform({ callbackUrl: 'https://platform.example.com/cb?site=1' })
    const { user } = await holder()
    let seen: { headers: Record<string, any>; body: string } | null = null
    const headers: Record<string, string> = {}
    const keep = (name: string) => (value: string | null) => {
      headers[name] = value ?? ''
      return true
    }
    const scope = nock('https://platform.example.com')
      .matchHeader('x-signature', keep('x-signature'))
      .matchHeader('x-timestamp', keep('x-timestamp'))
      .matchHeader('x-nonce', keep('x-nonce'))
      .matchHeader('x-app-id', keep('x-app-id'))
      .post('/cb', (body) => {
        seen = { headers, body: JSON.stringify(body) }
        return true
      })
      .query({ site: '1' })
      .reply(200, { code: 0 })
    const created = await call(p, 'POST', '/api/platform/sessions', { type: 'login' })
    await asApplicant(client.get(`/platform-scan/${created.body.tid}`), user)
    assert.equal(await runQueuedJobs(), 1)
    assert.isTrue(scope.isDone())
    const h = seen!.headers
    const expected = createHmac('sha256', p.secret)
      .update(`POST\n/cb?site=1\n${h['x-timestamp']}\n${h['x-nonce']}\n${seen!.body}`)
      .digest('hex')
    assert.equal(h['x-signature'], expected)
    assert.equal(h['x-app-id'], p.appId)
    assert.equal(JSON.parse(seen!.body).status, '01')
  })

  test('a failing callback is retried with backoff, then marked 失败 and shown on 回调记录', async ({
    client,
    assert,
  }) => {
    const p = await platform({ callbackUrl: 'https://platform.example.com/down' })
    const { user } = await holder()
    nock('https://platform.example.com')
      .post('/down')
      .times(WEBHOOK_MAX_RETRIES + 1)
      .reply(503, 'busy')
    const created = await call(p, 'POST', '/api/platform/sessions', { type: 'login' })
    await asApplicant(client.get(`/platform-scan/${created.body.tid}`), user)
    assert.equal(await runQueuedJobs(), 1)
    let webhook = await PlatformWebhook.findByOrFail('integration_id', p.integrationId)
    assert.equal(webhook.state, 'pending')
    assert.equal(webhook.attempts, 1)
    assert.equal(webhook.lastStatus, 503)
    /* the retry waits for its backoff: nothing due now */
    assert.equal(await runQueuedJobs(), 0)
    for (let i = 0; i < WEBHOOK_MAX_RETRIES; i++) {
      await makeDue()
      await runQueuedJobs()
    }
    webhook = await PlatformWebhook.findByOrFail('integration_id', p.integrationId)
    assert.equal(webhook.state, 'failed')
    assert.equal(webhook.attempts, WEBHOOK_MAX_RETRIES + 1)
    const staff = await createStaff(['integrator'] as any)
    const page = await asStaff(client.get(`/admin/platforms/${p.integrationId}/webhooks`), staff)
    page.assertStatus(200)
    assert.include(page.text(), '失败')
    assert.include(page.text(), '状态码 503')
    const calls = await asStaff(client.get(`/admin/platforms/${p.integrationId}/calls`), staff)
    assert.include(calls.text(), '/api/platform/sessions')
  })

  test('测试连接 sends a signed ping to a local receiver and keeps the result', async ({
    client,
    assert,
  }) => {
    const hook = await receiver()
    try {
      const p = await platform({ callbackUrl: hook.url })
      const staff = await createStaff(['integrator'] as any)
      const response = await asStaff(client.post(`/admin/platforms/${p.integrationId}/test`), staff)
        .withCsrfToken()
        .redirects(0)
      response.assertStatus(302)
      assert.lengthOf(hook.received, 1)
      assert.equal(hook.received[0].headers['x-event'], 'ping')
      const integration = await Integration.findOrFail(p.integrationId)
      assert.match(integration.lastTestResult!, /^成功/)
    } finally {
      await hook.close()
    }
    const down = await platform({ callbackUrl: 'https://nowhere.example.com/x' })
    nock('https://nowhere.example.com').post('/x').reply(500)
    const staff = await createStaff(['integrator'] as any)
    await asStaff(client.post(`/admin/platforms/${down.integrationId}/test`), staff)
      .withCsrfToken()
      .redirects(0)
    const failed = await Integration.findOrFail(down.integrationId)
    assert.match(failed.lastTestResult!, /^失败/)
  })

  test('a disabled integration cannot call; a rotated secret replaces the old one at once', async ({
    client,
    assert,
  }) => {
    const p = await platform()
    const staff = await createStaff(['integrator'] as any)
    const rotated = await asStaff(
      client.post(`/admin/platforms/${p.integrationId}/rotate`),
      staff
    ).withCsrfToken()
    rotated.assertStatus(200)
    const secret = rotated.text().match(/id="api-secret">([0-9a-f]{64})</)![1]
    assert.equal((await call(p, 'GET', '/api/platform/ping')).status, 401)
    assert.equal((await call({ ...p, secret }, 'GET', '/api/platform/ping')).status, 200)
    await asStaff(client.post(`/admin/platforms/${p.integrationId}/enable`), staff)
      .withCsrfToken()
      .form({ enabled: '0' })
    const off = await call({ ...p, secret }, 'GET', '/api/platform/ping')
    assert.equal(off.body.code, 'app_unknown')
  })
  test('notifyIssued: a certificate issued for an order of the platform is told once, by the queue, after the issuance commits (a crash before the commit tells nothing; retries tell nothing more)', async ({
    assert,
  }) => {
    const hook = await receiver()
    const p = await platform({ callbackUrl: hook.url })
    const integration = await Integration.findOrFail(p.integrationId)
    const order: OrderForIssue = {
      orderNo: `2026${String(Date.now()).slice(-10)}${randomInt(10_000, 99_999)}`,
      userId: (await holder()).user.id,
      certKind: 'personal',
      medium: 'cloud',
      years: 1,
      platformId: integration.platformId,
      platformName: integration.platformName,
      productName: '个人移动证书',
      subjectType: 'person',
      subjectName: '陈发证',
      subjectIdType: 'resident_id',
      subjectIdNumber: residentId('19900101'),
      subjectOrgName: null,
      subjectUscc: null,
      handlerName: '陈发证',
      handlerPhone: '13800138000',
    }
    const sent = () => PlatformWebhook.query().where('integration_id', p.integrationId)

    armFault('certificates.after_record')
    await assert.rejects(() => issueCloudCertificateForOrder(order), /injected fault/)
    assert.lengthOf(await sent(), 0)

    const certificate = await issueCloudCertificateForOrder(order)
    const again = await issueCloudCertificateForOrder(order)
    assert.equal(again.serial, certificate.serial)
    /* the hook itself run a second time (two processes after one commit) */
    assert.lengthOf(
      await notifyIssued({
        ...certificate.serialize(),
        notAfter: certificate.notAfter,
        previousCount: 0,
      } as any),
      0
    )
    const rows = await sent()
    assert.lengthOf(rows, 1)
    assert.equal(rows[0].event, 'issued')
    assert.equal(rows[0].dedupKey, `issued:${certificate.serial}`)

    assert.equal(await runQueuedJobs(), 1)
    assert.lengthOf(hook.received, 1)
    assert.isTrue(verifyWebhook(p.secret, p.appId, hook.received[0]))
    const body = JSON.parse(hook.received[0].body)
    assert.equal(body.type, '03')
    assert.equal(body.certSn, certificate.serial)
    assert.equal(body.orderNo, order.orderNo)
    assert.equal(body.userType, '01')
    assert.equal(body.platformCode, p.platformCode)
    await hook.close()
  })
})
