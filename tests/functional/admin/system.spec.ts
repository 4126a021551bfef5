import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import { DateTime } from 'luxon'
import audit from '#core/audit/audit_service'
import SmsMessage from '#core/sms/sms_message'
import verificationCodes from '#core/sms/verification_codes'
import { createStaff, uniquePhone } from '#tests/helpers/factories'
import { asStaff } from '#tests/helpers/auth'

async function sentCode(phone: string) {
  const message = await SmsMessage.query()
    .where('phone', phone)
    .orderBy('created_at', 'desc')
    .firstOrFail()
  return message.content.match(/验证码为 (\d{6})/)![1]
}

test.group('SMS outbox (短信发件箱)', () => {
  test('staff see every SMS with phone, purpose, content with the code, channel, status and time, labelled 沙箱', async ({
    client,
    assert,
  }) => {
    const operator = await createStaff(['operator'])
    const phone = uniquePhone()
    const sent = await verificationCodes.send(phone, 'register', '203.0.113.9')
    assert.isTrue(sent.ok)
    const code = await sentCode(phone)

    const response = await asStaff(client.get('/admin/sms'), operator)
    response.assertStatus(200)
    const html = response.text()
    assert.include(html, '短信发件箱')
    assert.include(html, '沙箱模式')
    assert.include(html, phone)
    assert.include(html, '验证码 · 注册账号')
    assert.include(html, `您的验证码为 ${code}`)
    assert.include(html, '已发送')
    const message = await SmsMessage.findByOrFail('phone', phone)
    assert.include(
      html,
      DateTime.fromJSDate(message.createdAt.toJSDate())
        .setZone('Asia/Shanghai')
        .toFormat('yyyy-MM-dd HH:mm')
    )
  })

  test('the outbox is searched by phone, status and date', async ({ client, assert }) => {
    const admin = await createStaff(['super_admin'])
    const a = uniquePhone()
    const b = uniquePhone()
    await verificationCodes.send(a, 'login', null)
    await verificationCodes.send(b, 'reset_password', null)

    const byPhone = await asStaff(client.get('/admin/sms').qs({ phone: a }), admin)
    assert.include(byPhone.text(), a)
    assert.notInclude(byPhone.text(), b)

    const partial = await asStaff(client.get('/admin/sms').qs({ phone: b.slice(-6) }), admin)
    assert.include(partial.text(), b)
    assert.notInclude(partial.text(), a)

    const today = DateTime.now().setZone('Asia/Shanghai').toISODate()!
    const tomorrow = DateTime.now().setZone('Asia/Shanghai').plus({ days: 1 }).toISODate()!
    const byToday = await asStaff(client.get('/admin/sms').qs({ from: today, to: today }), admin)
    assert.include(byToday.text(), a)
    assert.include(byToday.text(), b)
    const fromTomorrow = await asStaff(client.get('/admin/sms').qs({ from: tomorrow }), admin)
    assert.notInclude(fromTomorrow.text(), a)
    assert.include(fromTomorrow.text(), '没有符合条件的短信')

    const failed = await asStaff(client.get('/admin/sms').qs({ status: 'failed' }), admin)
    assert.notInclude(failed.text(), a)

    /* nonsense filters are ignored, never an error */
    const junk = await asStaff(
      client.get('/admin/sms').qs({ phone: "1' or 1=1", from: 'yesterday', page: '-3' }),
      admin
    )
    junk.assertStatus(200)
  })

  test('an SMS delivered to a real phone shows its masked content and failures show the reason', async ({
    client,
    assert,
  }) => {
    const admin = await createStaff(['super_admin'])
    const phone = uniquePhone()
    await SmsMessage.create({
      phone,
      purpose: 'code:login',
      driver: 'http',
      status: 'sent',
      content: '【示例CA】您的验证码为 ******，用于登录，5 分钟内有效。',
      providerMessageId: 'm-1',
      error: null,
    })
    await SmsMessage.create({
      phone,
      purpose: 'code:login',
      driver: 'http',
      status: 'failed',
      content: '【示例CA】您的验证码为 ******，用于登录，5 分钟内有效。',
      providerMessageId: null,
      error: '短信发送失败：余额不足',
    })
    const html = (await asStaff(client.get('/admin/sms').qs({ phone }), admin)).text()
    assert.include(html, '您的验证码为 ******')
    assert.include(html, '短信网关')
    assert.include(html, '发送失败')
    assert.include(html, '余额不足')
  })

  test('reviewers and finance staff cannot open the outbox', async ({ client }) => {
    for (const role of ['reviewer', 'finance'] as const) {
      const member = await createStaff([role])
      const response = await asStaff(client.get('/admin/sms'), member)
      response.assertStatus(403)
    }
  })
})

test.group('Audit log viewer (审计日志)', () => {
  test('a super admin sees entries with Chinese labels and the chain reported intact', async ({
    client,
    assert,
  }) => {
    const admin = await createStaff(['super_admin'], { name: '审计员甲' })
    const member = await createStaff(['reviewer'])
    await asStaff(client.post(`/admin/staff/${member.id}/deactivate`), admin)
      .withCsrfToken()
      .redirects(0)
    const total = Number((await db.from('audit_logs').count('* as total'))[0].total)

    const response = await asStaff(client.get('/admin/audit'), admin)
    response.assertStatus(200)
    const html = response.text()
    assert.include(html, '完整性校验')
    assert.include(html, '完整')
    assert.include(html, `已校验全部 ${total} 条记录`)
    assert.include(html, '停用工作人员账号')
    assert.include(html, '工作人员：审计员甲')
    assert.include(html, member.id)
  })

  test('the list is filtered by action, actor, subject and date', async ({ client, assert }) => {
    const admin = await createStaff(['super_admin'])
    await audit.record({
      action: 'admin.staff.activate',
      actor: { type: 'staff', id: 'a1', name: '张审计' },
      subjectType: 'staff',
      subjectId: 'subject-one',
    })
    await audit.record({
      action: 'admin.staff.deactivate',
      actor: { type: 'system', name: '定时任务' },
      subjectType: 'staff',
      subjectId: 'subject-two',
    })

    const byAction = await asStaff(
      client.get('/admin/audit').qs({ action: 'admin.staff.activate' }),
      admin
    )
    assert.include(byAction.text(), 'subject-one')
    assert.notInclude(byAction.text(), 'subject-two')
    assert.include(
      byAction.text(),
      '<option value="admin.staff.activate" selected>后台 · 启用工作人员账号</option>'
    )

    const byActorType = await asStaff(
      client.get('/admin/audit').qs({ actor_type: 'system' }),
      admin
    )
    assert.include(byActorType.text(), 'subject-two')
    assert.notInclude(byActorType.text(), 'subject-one')

    const byActor = await asStaff(client.get('/admin/audit').qs({ actor: '张审计' }), admin)
    assert.include(byActor.text(), 'subject-one')
    assert.notInclude(byActor.text(), 'subject-two')

    const bySubject = await asStaff(
      client.get('/admin/audit').qs({ subject_type: 'staff', subject_id: 'subject-two' }),
      admin
    )
    assert.include(bySubject.text(), 'subject-two')
    assert.notInclude(bySubject.text(), 'subject-one')

    const tomorrow = DateTime.now().setZone('Asia/Shanghai').plus({ days: 1 }).toISODate()!
    const byDate = await asStaff(client.get('/admin/audit').qs({ from: tomorrow }), admin)
    assert.include(byDate.text(), '没有符合条件的审计记录')
  })

  test('the list is paginated', async ({ client, assert }) => {
    const admin = await createStaff(['super_admin'])
    for (let i = 0; i < 35; i++) {
      await audit.record({
        action: 'admin.staff.activate',
        actor: { type: 'system' },
        subjectType: 'staff',
        subjectId: `page-${i}`,
      })
    }
    const first = await asStaff(
      client.get('/admin/audit').qs({ action: 'admin.staff.activate' }),
      admin
    )
    assert.include(first.text(), 'page-34')
    assert.notInclude(first.text(), 'page-0<')
    assert.include(first.text(), '共 35 条记录')
    const second = await asStaff(
      client.get('/admin/audit').qs({ action: 'admin.staff.activate', page: 2 }),
      admin
    )
    assert.include(second.text(), 'page-0<')
  })

  test("an entry's detail shows its data and hashes", async ({ client, assert }) => {
    const admin = await createStaff(['super_admin'])
    const entry = await audit.record({
      action: 'admin.staff.update',
      actor: { type: 'staff', id: admin.id, name: admin.name },
      subjectType: 'staff',
      subjectId: admin.id,
      data: { changes: { roles: { from: ['reviewer'], to: ['finance'] } } },
    })
    const response = await asStaff(client.get(`/admin/audit/${entry.seq}`), admin)
    response.assertStatus(200)
    const html = response.text()
    assert.include(html, '修改工作人员信息')
    assert.include(html, '&quot;reviewer&quot;')
    assert.include(html, entry.hash)
    assert.include(html, entry.prevHash)
    assert.include(html, '本条校验通过')

    const missing = await asStaff(client.get('/admin/audit/999999'), admin)
    missing.assertStatus(404)
    const junk = await asStaff(client.get('/admin/audit/abc'), admin)
    junk.assertStatus(404)
  })

  test('after a row is changed in the database, 重新校验 shows where the chain breaks and why', async ({
    client,
    assert,
  }) => {
    const admin = await createStaff(['super_admin'])
    await audit.record({
      action: 'admin.staff.activate',
      actor: { type: 'system' },
      subjectType: 'staff',
      subjectId: 's-1',
    })
    const victim = await audit.record({
      action: 'admin.staff.activate',
      actor: { type: 'system' },
      subjectType: 'staff',
      subjectId: 's-2',
    })
    await audit.record({
      action: 'admin.staff.activate',
      actor: { type: 'system' },
      subjectType: 'staff',
      subjectId: 's-3',
    })

    const before = await asStaff(client.get('/admin/audit'), admin)
    assert.include(before.text(), '哈希链完整')

    await db.from('audit_logs').where('seq', victim.seq).update({ subject_id: 's-2-forged' })

    const verify = await asStaff(client.post('/admin/audit/verify'), admin)
      .withCsrfToken()
      .redirects(0)
    verify.assertHeader('location', '/admin/audit')
    verify.assertFlashMessage('error', `校验完成：审计日志在第 ${victim.seq} 条记录处断开`)

    const after = await asStaff(client.get('/admin/audit'), admin)
    const html = after.text()
    assert.include(html, '已断开')
    assert.include(html, `审计日志在第 ${victim.seq} 条记录处断开`)
    assert.include(html, `第 ${victim.seq} 条记录的内容已被改动`)
    assert.include(html, `href="/admin/audit/${victim.seq}"`)

    const detail = await asStaff(client.get(`/admin/audit/${victim.seq}`), admin)
    assert.include(detail.text(), '本条校验未通过')
    assert.include(detail.text(), '记录在写入后被改动过')
  })

  test('after a row is deleted, 重新校验 reports the gap', async ({ client, assert }) => {
    const admin = await createStaff(['super_admin'])
    await audit.record({ action: 'admin.staff.activate', actor: { type: 'system' } })
    const victim = await audit.record({ action: 'admin.staff.activate', actor: { type: 'system' } })
    await audit.record({ action: 'admin.staff.activate', actor: { type: 'system' } })
    await db.from('audit_logs').where('seq', victim.seq).delete()
    await asStaff(client.post('/admin/audit/verify'), admin).withCsrfToken().redirects(0)
    const html = (await asStaff(client.get('/admin/audit'), admin)).text()
    assert.include(html, `缺少第 ${victim.seq} 条记录`)
  })

  test('only super admins open the audit log', async ({ client }) => {
    for (const role of ['reviewer', 'operator', 'finance'] as const) {
      const member = await createStaff([role])
      ;(await asStaff(client.get('/admin/audit'), member)).assertStatus(403)
      ;(
        await asStaff(client.post('/admin/audit/verify'), member).withCsrfToken().redirects(0)
      ).assertStatus(403)
    }
  })
})
