import { test } from '@japa/runner'
import audit from '#core/audit/audit_service'
import { createStaff, createUser, residentId, usccCode } from '#tests/helpers/factories'
import { asApplicant, asStaff } from '#tests/helpers/auth'

test.group('Back office · 申请人', () => {
  test('every staff role may search applicants by name, phone, ID number, credit code or organisation', async ({
    client,
    assert,
  }) => {
    const id = residentId('19660606', '510104', '321')
    const person = await createUser({ name: '郑十', idNumber: id })
    const uscc = usccCode('9151010472348563')
    const org = await createUser({
      accountType: 'org',
      name: null,
      idType: null,
      idNumber: null,
      orgName: '蜀光贸易有限公司',
      uscc,
      legalRepName: '冯一',
    } as any)
    for (const roles of [['reviewer'], ['operator'], ['finance'], ['super_admin']] as const) {
      const staff = await createStaff([...roles])
      const page = await asStaff(client.get('/admin/applicants?q=郑十'), staff)
      page.assertStatus(200)
      assert.include(page.text(), person.phone)
    }
    const staff = await createStaff(['finance'])
    for (const [q, expected] of [
      [person.phone, person.phone],
      [id.toLowerCase(), person.phone],
      [uscc, org.phone],
      ['蜀光', org.phone],
    ]) {
      const page = await asStaff(client.get(`/admin/applicants?q=${encodeURIComponent(q)}`), staff)
      assert.include(page.text(), expected, `search ${q}`)
    }
    const orgsOnly = await asStaff(client.get('/admin/applicants?type=org'), staff)
    assert.include(orgsOnly.text(), org.phone)
    assert.notInclude(orgsOnly.text(), person.phone)
  })

  test('a search ignores upper and lower case on SQLite and PostgreSQL alike', async ({
    client,
    assert,
  }) => {
    const org = await createUser({
      accountType: 'org',
      name: null,
      idType: null,
      idNumber: null,
      orgName: 'ABC 数字科技有限公司',
      uscc: usccCode('9151010472348564'),
      legalRepName: '冯二',
    } as any)
    const staff = await createStaff(['reviewer'])
    for (const q of ['abc', 'Abc 数字']) {
      const page = await asStaff(client.get(`/admin/applicants?q=${encodeURIComponent(q)}`), staff)
      assert.include(page.text(), org.phone, `search ${q}`)
    }
  })

  test('filters by status and paginates', async ({ client, assert }) => {
    const gone = await createUser({ status: 'deregistered' })
    const active = await createUser()
    const staff = await createStaff(['reviewer'])
    const page = await asStaff(client.get('/admin/applicants?status=deregistered'), staff)
    assert.include(page.text(), gone.phone)
    assert.notInclude(page.text(), active.phone)
    for (let i = 0; i < 21; i++) await createUser()
    const first = await asStaff(client.get('/admin/applicants'), staff)
    assert.include(first.text(), '下一页')
  })

  test('the detail shows the account, its devices and its recent audit entries', async ({
    client,
    assert,
  }) => {
    const user = await createUser({ name: '卫十一' })
    await asApplicant(client.get('/'), user, '9d2e1f00-0000-4000-8000-000000000001')
    await audit.record({
      action: 'accounts.password.change',
      actor: { type: 'user', id: user.id, name: '卫十一' },
      subjectType: 'user',
      subjectId: user.id,
      ip: '10.1.2.3',
    })
    const staff = await createStaff(['operator'])
    const page = await asStaff(client.get(`/admin/applicants/${user.id}`), staff)
    page.assertStatus(200)
    for (const text of [
      '卫十一',
      user.phone,
      user.idNumber!,
      '登录设备',
      'Japa · 测试',
      '最近操作记录',
      '修改密码',
      '10.1.2.3',
    ])
      assert.include(page.text(), text)
    assert.notInclude(page.text(), '冻结账号')
    const missing = await asStaff(client.get('/admin/applicants/not-a-uuid'), staff)
    missing.assertStatus(404)
  })

  test('a super admin freezes an account (it cannot log in) and unfreezes it; others cannot', async ({
    client,
    assert,
  }) => {
    const user = await createUser()
    const reviewer = await createStaff(['reviewer'])
    const refused = await asStaff(client.post(`/admin/applicants/${user.id}/freeze`), reviewer)
      .withCsrfToken()
      .form({ reason: '疑似被盗用' })
      .redirects(0)
    refused.assertStatus(403)
    const admin = await createStaff(['super_admin'])
    const page = await asStaff(client.get(`/admin/applicants/${user.id}`), admin)
    assert.include(page.text(), '冻结账号')
    await asStaff(client.post(`/admin/applicants/${user.id}/freeze`), admin)
      .withCsrfToken()
      .form({ reason: '疑似被盗用' })
      .redirects(0)
    await user.refresh()
    assert.equal(user.status, 'frozen')
    const login = await client
      .post('/login')
      .withCsrfToken()
      .form({ account: user.phone, password: 'Passw0rd123' })
      .redirects(0)
    assert.include(login.flashMessages().error, '冻结')
    await asStaff(client.post(`/admin/applicants/${user.id}/unfreeze`), admin)
      .withCsrfToken()
      .form({ reason: '已核实为本人' })
      .redirects(0)
    await user.refresh()
    assert.equal(user.status, 'active')
  })

  test('the dashboard shows the applicant and pending-review figures', async ({
    client,
    assert,
  }) => {
    await createUser()
    const reviewer = await createStaff(['reviewer'])
    const page = await asStaff(client.get('/admin'), reviewer)
    for (const text of ['申请人总数', '待审核手机号变更', '待审核账号申诉'])
      assert.include(page.text(), text)
    const finance = await createStaff(['finance'])
    const financePage = await asStaff(client.get('/admin'), finance)
    assert.include(financePage.text(), '申请人总数')
    assert.notInclude(financePage.text(), '待审核账号申诉')
  })
})
