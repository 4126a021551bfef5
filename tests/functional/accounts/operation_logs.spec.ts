import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import audit from '#core/audit/audit_service'
import { createUser } from '#tests/helpers/factories'
import { asApplicant } from '#tests/helpers/auth'

async function record(user: any, action: string, data: Record<string, unknown> = {}) {
  return audit.record({
    action,
    actor: { type: 'user', id: user.id, name: user.displayName },
    subjectType: 'user',
    subjectId: user.id,
    data,
    ip: '10.0.0.8',
    userAgent: 'Mozilla/5.0 (Windows NT 10.0) Chrome/120.0',
  })
}

test.group('操作日志', () => {
  test("lists the applicant's own entries in Chinese, never another's", async ({
    client,
    assert,
  }) => {
    const user = await createUser()
    const other = await createUser()
    await record(user, 'accounts.password.change')
    await record(user, 'accounts.session.login', { method: 'sms' })
    await record(other, 'accounts.profile.update', { fields: ['email'] })
    const page = await asApplicant(client.get('/account/logs'), user)
    page.assertStatus(200)
    const rows = page.text().split('<tbody>')[1].split('</tbody>')[0]
    assert.include(rows, '修改密码')
    assert.include(rows, '登录')
    assert.include(rows, '本人')
    assert.notInclude(rows, '修改个人信息')
    assert.notInclude(rows, 'accounts.')
  })

  test('filters by type, with the types offered in Chinese', async ({ client, assert }) => {
    const user = await createUser()
    await record(user, 'accounts.password.change')
    await record(user, 'accounts.profile.update', { fields: ['email'] })
    const page = await asApplicant(
      client.get('/account/logs?action=accounts.password.change'),
      user
    )
    assert.include(page.text(), '<option value="accounts.profile.update" >修改个人信息</option>')
    const rows = page.text().split('<tbody>')[1].split('</tbody>')[0]
    assert.include(rows, '修改密码')
    assert.notInclude(rows, '修改个人信息')
  })

  test('filters by date range in Asia/Shanghai days', async ({ client, assert }) => {
    const user = await createUser()
    const entry = await record(user, 'accounts.password.change')
    /* 2024-01-01 17:30 UTC is 2024-01-02 01:30 in Shanghai */
    await db
      .from('audit_logs')
      .where('id', entry.id)
      .update({ created_at: '2024-01-01T17:30:00.000Z' })
    const sameDay = await asApplicant(
      client.get('/account/logs?from=2024-01-02&to=2024-01-02'),
      user
    )
    assert.include(sameDay.text(), '2024-01-02 01:30')
    const dayBefore = await asApplicant(
      client.get('/account/logs?from=2024-01-01&to=2024-01-01'),
      user
    )
    assert.include(dayBefore.text(), '没有符合条件的操作记录')
  })

  test('paginates 20 entries a page', async ({ client, assert }) => {
    const user = await createUser()
    for (let i = 0; i < 23; i++)
      await record(user, 'accounts.session.login', { method: 'password' })
    const first = await asApplicant(client.get('/account/logs'), user)
    assert.include(first.text(), '共 23 条记录')
    assert.include(first.text(), '下一页')
    const second = await asApplicant(client.get('/account/logs?page=2'), user)
    assert.equal(second.text().split('<tbody>')[1].split('</tbody>')[0].split('<tr>').length - 1, 3)
  })

  test("an entry's detail shows the time, IP, device and labelled data with the phone masked", async ({
    client,
    assert,
  }) => {
    const user = await createUser()
    const entry = await record(user, 'accounts.phone.change', {
      oldPhone: '13800138000',
      newPhone: '13900139000',
    })
    const page = await asApplicant(client.get(`/account/logs/${entry.hash}`), user)
    page.assertStatus(200)
    for (const text of [
      '更换手机号',
      '10.0.0.8',
      'Chrome · Windows',
      '原手机号',
      '138****8000',
      '139****9000',
    ])
      assert.include(page.text(), text)
    assert.notInclude(page.text(), '13800138000')
  })

  test("another applicant's entry, or a made-up reference, is 404", async ({ client }) => {
    const user = await createUser()
    const other = await createUser()
    const entry = await record(other, 'accounts.password.change')
    const response = await asApplicant(client.get(`/account/logs/${entry.hash}`), user)
    response.assertStatus(404)
    const bad = await asApplicant(client.get(`/account/logs/${entry.id}`), other)
    bad.assertStatus(404)
  })

  test("staff decisions on the applicant's requests appear, signed 工作人员", async ({
    client,
    assert,
  }) => {
    const user = await createUser()
    await audit.record({
      action: 'accounts.user.freeze',
      actor: { type: 'staff', id: 'x', name: '审核员甲' },
      subjectType: 'user',
      subjectId: user.id,
      data: { reason: '测试' },
    })
    const page = await asApplicant(client.get('/account/logs'), user)
    assert.include(page.text(), '冻结账号')
    assert.include(page.text(), '工作人员')
    assert.notInclude(page.text(), '审核员甲')
  })
})
