import { test } from '@japa/runner'
import { createHash } from 'node:crypto'
import db from '@adonisjs/lucid/services/db'
import { runQueuedJobs } from '#core/queue/jobs'
import { makeSealFromTemplate } from '#seals/actions/seals'
import Integration from '#platforms/models/integration'
import PlatformAccount from '#platforms/models/account'
import PlatformTask from '#platforms/models/task'
import CertificateUnbinding from '#certificates/models/certificate_unbinding'
import AuditLog from '#core/audit/audit_log'
import { asApplicant } from '#tests/helpers/auth'
import { ensureCa } from '#tests/unit/issuance/support'
import { PIN, call, cmsVerified, holder, platform, receiver, tradingPlatform } from './support.js'

/**
 * The holder's side beyond one scan: the procurement site's first login
 * (主体注册 / binding) and 证书解绑, 我的交易平台 and 开通新交易平台,
 * 扫码报告 with search, 待办 pushed by a platform (batch sign, refuse).
 */
async function login(client: any, p: any, user: any, certificateId: string) {
  const created = await call(p, 'POST', '/api/platform/sessions', { type: 'login' })
  await asApplicant(client.get(`/platform-scan/${created.body.tid}`), user)
  const confirm = await asApplicant(client.post(`/platform-scan/${created.body.tid}`), user)
    .withCsrfToken()
    .form({ certificate_id: certificateId, pin: PIN })
    .redirects(0)
  const result = await call(p, 'GET', `/api/platform/sessions/${created.body.sessionId}/result`)
  return { created, confirm, result }
}

test.group('platforms · the holder: binding, 我的交易平台, 扫码报告, 待办', (group) => {
  group.setup(async () => {
    await ensureCa()
  })

  test('procurement site: the first login leads to 主体注册; bind and 证书解绑 reach the site', async ({
    client,
    assert,
  }) => {
    const hook = await receiver()
    try {
      const p = await platform({ adapter: 'procurement', callbackUrl: hook.url })
      const { user, certificate } = await holder()
      const { confirm } = await login(client, p, user, certificate.id)
      confirm.assertStatus(302)
      assert.include(confirm.header('location'), '/register')
      const account = await PlatformAccount.findByOrFail('user_id', user.id)
      const form = await asApplicant(
        client.get(`/my-platforms/accounts/${account.id}/register`),
        user
      )
      assert.include(form.text(), '主体注册')
      const bound = await asApplicant(
        client.post(`/my-platforms/accounts/${account.id}/bind`),
        user
      )
        .withCsrfToken()
        .form({ account_name: 'zhaoliu-bidder', certificate_id: certificate.id })
        .redirects(0)
      bound.assertStatus(302)
      const page = await asApplicant(client.get('/my-platforms'), user)
      assert.include(page.text(), 'zhaoliu-bidder')
      assert.include(page.text(), '证书解绑')
      /* a second login goes straight to the result */
      const again = await login(client, p, user, certificate.id)
      assert.include(again.confirm.header('location'), '/done')
      const unbound = await asApplicant(
        client.post(`/my-platforms/accounts/${account.id}/unbind`),
        user
      )
        .withCsrfToken()
        .redirects(0)
      unbound.assertStatus(302)
      await account.refresh()
      assert.isNull(account.certificateId)
      await runQueuedJobs()
      const events = hook.received.map((r) => JSON.parse(r.body).event)
      assert.includeMembers(events, ['bind', 'unbind'])
      const unbind = hook.received.map((r) => JSON.parse(r.body)).find((b) => b.event === 'unbind')
      assert.equal(unbind.certSn, certificate.serial)
      assert.equal(unbind.accountName, 'zhaoliu-bidder')
      /* one 证书解绑 record, the certificates module's, shown on 我的证书 */
      const records = await CertificateUnbinding.query().where('certificate_id', certificate.id)
      assert.deepEqual(
        records.map((r) => `${r.status} ${r.platformAccount}`),
        ['done zhaoliu-bidder']
      )
      const page2 = await asApplicant(client.get(`/certificates/${certificate.id}/unbind`), user)
      assert.include(page2.text(), '已解绑')
      assert.lengthOf(
        await AuditLog.query()
          .where('action', 'certificates.certificate.unbind')
          .where('subject_id', certificate.serial),
        1
      )
    } finally {
      await hook.close()
    }
  })

  test('证书解绑 on 我的证书 for an account the procurement site bound: the binding is undone, the site hears it, one record 已解绑', async ({
    client,
    assert,
  }) => {
    const hook = await receiver()
    try {
      const p = await platform({ adapter: 'procurement', callbackUrl: hook.url })
      const { user, certificate } = await holder()
      await login(client, p, user, certificate.id)
      const account = await PlatformAccount.findByOrFail('user_id', user.id)
      await asApplicant(client.post(`/my-platforms/accounts/${account.id}/bind`), user)
        .withCsrfToken()
        .form({ account_name: 'zhaoliu-bidder', certificate_id: certificate.id })
      await asApplicant(client.post(`/certificates/${certificate.id}/unbind`), user)
        .withCsrfToken()
        .form({ platform_account: 'zhaoliu-bidder', reason: '更换投标账号' })
      await account.refresh()
      assert.isNull(account.certificateId)
      await runQueuedJobs()
      assert.include(
        hook.received.map((r) => JSON.parse(r.body).event),
        'unbind'
      )
      const records = await CertificateUnbinding.query().where('certificate_id', certificate.id)
      assert.deepEqual(
        records.map((r) => `${r.status} ${r.platformAccount}`),
        ['done zhaoliu-bidder']
      )
      /* an account the platforms module does not know stays 已登记 */
      await asApplicant(client.post(`/certificates/${certificate.id}/unbind`), user)
        .withCsrfToken()
        .form({ platform_account: 'elsewhere-01' })
      const page = await asApplicant(client.get(`/certificates/${certificate.id}/unbind`), user)
      assert.include(page.text(), '已登记，待平台解绑')
      assert.include(page.text(), '已解绑')
    } finally {
      await hook.close()
    }
  })

  test('another holder’s platform account is a 404', async ({ client }) => {
    const p = await platform({ adapter: 'procurement' })
    const { user, certificate } = await holder()
    const { user: other } = await holder({ name: '孙八' })
    await login(client, p, user, certificate.id)
    const account = await PlatformAccount.findByOrFail('user_id', user.id)
    const response = await asApplicant(
      client.post(`/my-platforms/accounts/${account.id}/unbind`),
      other
    ).withCsrfToken()
    response.assertStatus(404)
    const form = await asApplicant(
      client.get(`/my-platforms/accounts/${account.id}/register`),
      other
    )
    form.assertStatus(404)
  })

  test('我的交易平台 lists opened platforms and opens a new one; 扫码报告 lists and searches scans', async ({
    client,
    assert,
  }) => {
    const p = await platform()
    const q = await platform()
    const { user, certificate } = await holder()
    await login(client, p, user, certificate.id)
    const page = await asApplicant(client.get('/my-platforms'), user)
    page.assertStatus(200)
    assert.include(page.text(), p.platformCode)
    assert.include(page.text(), '开通新交易平台')
    const second = await Integration.findOrFail(q.integrationId)
    await asApplicant(client.post('/my-platforms'), user)
      .withCsrfToken()
      .form({ integration_id: second.id })
    const after = await asApplicant(client.get('/my-platforms'), user)
    assert.include(after.text(), q.platformCode)
    const reports = await asApplicant(client.get('/platform-scans'), user)
    assert.include(reports.text(), '扫码登录')
    assert.include(reports.text(), '成功')
    assert.include(reports.text(), certificate.serial.slice(0, 16))
    const none = await asApplicant(
      client.get('/platform-scans').qs({ q: 'no-such-platform' }),
      user
    )
    assert.include(none.text(), '没有扫码记录')
    const found = await asApplicant(
      client.get('/platform-scans').qs({ q: certificate.serial.slice(0, 10) }),
      user
    )
    assert.include(found.text(), '扫码登录')
  })

  test('待办: a platform pushes tasks; batch signing with one PIN, refusing with a reason; the platform reads the outcome', async ({
    client,
    assert,
  }) => {
    const p = await platform()
    const other = await platform()
    const { user, certificate } = await holder()
    const { result } = await login(client, p, user, certificate.id)
    const openId = result.body.result.openId
    const docs = ['合同一', '合同二', '合同三'].map((t) => ({
      title: t,
      doc: Buffer.from(`${t}正文`),
    }))
    const ids: string[] = []
    for (const d of docs) {
      const pushed = await call(p, 'POST', '/api/platform/tasks', {
        openId,
        title: d.title,
        hash: createHash('sha256').update(d.doc).digest('hex'),
      })
      assert.equal(pushed.status, 201, pushed.text)
      ids.push(pushed.body.taskId)
    }
    const unknown = await call(other, 'POST', '/api/platform/tasks', {
      openId,
      title: 'x',
      hash: 'a'.repeat(64),
    })
    assert.equal(unknown.status, 404)
    const page = await asApplicant(client.get('/platform-tasks'), user)
    assert.include(page.text(), '合同二')
    const signed = await asApplicant(client.post('/platform-tasks/sign'), user)
      .withCsrfToken()
      .form({ 'task_ids[]': [ids[0], ids[1]], 'certificate_id': certificate.id, 'pin': PIN })
      .redirects(0)
    signed.assertStatus(302)
    const refused = await asApplicant(client.post(`/platform-tasks/${ids[2]}/refuse`), user)
      .withCsrfToken()
      .form({ reason: '金额有误' })
      .redirects(0)
    refused.assertStatus(302)
    const states = await PlatformTask.query().whereIn('id', ids).orderBy('title')
    assert.sameMembers(
      states.map((t) => t.state),
      ['signed', 'signed', 'refused']
    )
    const first = await call(p, 'GET', `/api/platform/tasks/${ids[0]}`)
    assert.equal(first.body.state, 'signed')
    const verified = await cmsVerified(first.body.result.signature, docs[0].doc)
    assert.equal(verified.code, 0, verified.stderr)
    const third = await call(p, 'GET', `/api/platform/tasks/${ids[2]}`)
    assert.equal(third.body.reason, '金额有误')
    assert.equal((await call(other, 'GET', `/api/platform/tasks/${ids[0]}`)).status, 404)
    const done = await asApplicant(client.get('/platform-tasks').qs({ tab: 'done' }), user)
    assert.include(done.text(), '已拒签')
  })

  test('演示交易平台（沙箱）: made by the demo seeder (once), not by a visit; login, signature, seal, message and decryption complete and are verified there', async ({
    client,
    assert,
  }) => {
    const { user, certificate } = await holder()
    await tradingPlatform('演示交易平台')
    const sandboxes = () => Integration.query().where('sandbox', true)
    if (!(await sandboxes()).length) {
      ;(await client.get('/demo-platform')).assertStatus(404)
      assert.lengthOf(await sandboxes(), 0)
    }
    const { default: PlatformsSeeder } = await import('#database/seeders/05_platforms_seeder')
    const log = console.log
    console.log = () => {}
    try {
      await new PlatformsSeeder(db.connection()).run()
      await new PlatformsSeeder(db.connection()).run()
    } finally {
      console.log = log
    }
    assert.lengthOf(await sandboxes(), 1)
    const start = await client
      .post('/demo-platform/sessions')
      .withCsrfToken()
      .form({ type: 'login' })
      .redirects(0)
    start.assertStatus(302)
    const demoPath = start.header('location')!
    const shown = await client.get(demoPath)
    assert.include(shown.text(), '沙箱')
    assert.include(shown.text(), '<svg class="qr"')
    const { default: PlatformSession } = await import('#platforms/models/session')
    const session = await PlatformSession.findOrFail(demoPath.split('/').pop()!)
    await asApplicant(client.get(`/platform-scan/${session.tid}`), user)
    await asApplicant(client.post(`/platform-scan/${session.tid}`), user)
      .withCsrfToken()
      .form({ certificate_id: certificate.id, pin: PIN })
    const after = await client.get(demoPath)
    assert.include(after.text(), '验签成功')

    const walk = async (form: Record<string, string>, extra: Record<string, string> = {}) => {
      const started = await client
        .post('/demo-platform/sessions')
        .withCsrfToken()
        .form(form)
        .redirects(0)
      const path = started.header('location')!
      const s = await PlatformSession.findOrFail(path.split('/').pop()!)
      await asApplicant(client.get(`/platform-scan/${s.tid}`), user)
      const r = await asApplicant(client.post(`/platform-scan/${s.tid}`), user)
        .withCsrfToken()
        .header('accept', 'application/json')
        .form({ certificate_id: certificate.id, pin: PIN, ...extra })
      assert.notEqual(r.status(), 422, r.text())
      assert.notEqual(r.status(), 500, r.text())
      return { session: s, page: await client.get(path) }
    }
    const signed = await walk({ type: 'sign' })
    assert.include(signed.page.text(), '验签成功')
    const { seal } = await makeSealFromTemplate(
      { type: 'person', userId: user.id, name: '赵六', idNumber: certificate.subjectIdNumber },
      { kind: 'personal', text: '赵六' }
    )
    const sealed = await walk({ type: 'seal_sign' }, { seal_id: seal.id })
    assert.include(sealed.page.text(), '验签成功')
    assert.include(sealed.page.text(), '平台收到的印章：赵六')
    assert.include(sealed.page.text(), 'src="data:image/png;base64,')
    const message = await walk({ type: 'message_sign' })
    assert.include(message.page.text(), '验签成功')
    assert.include(message.page.text(), '本人确认参加演示招标项目')
    const encrypted = await walk({ type: 'encrypt' })
    assert.include(encrypted.page.text(), 'encCertSn')
    const index = await client.get('/demo-platform')
    assert.include(index.text(), '④ 开标解密')
    const decrypted = await walk({ type: 'decrypt', from: encrypted.session.id })
    const fingerprint = decrypted.session.request!.title.match(/指纹 ([0-9a-f]{16})/)[1]
    await decrypted.session.refresh()
    assert.equal(decrypted.session.state, 'done', decrypted.session.error ?? '')
    assert.include(
      decrypted.page.text(),
      `解出的投标密钥指纹 <span class="mono">${fingerprint}</span>`
    )
  })
})
