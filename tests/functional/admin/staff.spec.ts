import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import Staff from '#admin/models/staff'
import { createStaff, DEFAULT_PASSWORD } from '#tests/helpers/factories'
import { asStaff } from '#tests/helpers/auth'

function inputErrors(response: any): Record<string, string[]> {
  return (response.flashMessages()?.inputErrorsBag ?? {}) as Record<string, string[]>
}

async function lastAudit(action: string, subjectId?: string) {
  const query = db.from('audit_logs').where('action', action).orderBy('seq', 'desc')
  if (subjectId) query.where('subject_id', subjectId)
  const row = await query.first()
  return row ? { ...row, data: row.data ? JSON.parse(row.data) : null } : null
}

const validForm = (overrides: Record<string, unknown> = {}) => ({
  'username': 'zhang.wei',
  'name': '张伟',
  'phone': '13912345678',
  'roles[]': ['reviewer', 'operator'],
  'password_mode': 'generate',
  'must_change_password': '1',
  ...overrides,
})

test.group('Staff management: list', () => {
  test('a super admin lists staff and narrows the list by keyword, role and status', async ({
    client,
    assert,
  }) => {
    const admin = await createStaff(['super_admin'], { name: '管理员甲' })
    await createStaff(['reviewer'], { name: '审核员李娜', username: 'lina01' })
    await createStaff(['finance'], { name: '财务王芳', username: 'wangfang', isActive: false })

    const all = await asStaff(client.get('/admin/staff'), admin)
    all.assertStatus(200)
    assert.include(all.text(), '审核员李娜')
    assert.include(all.text(), '财务王芳')
    assert.include(all.text(), '已停用')

    const byKeyword = await asStaff(client.get('/admin/staff').qs({ q: '李娜' }), admin)
    assert.include(byKeyword.text(), 'lina01')
    assert.notInclude(byKeyword.text(), 'wangfang')

    const byRole = await asStaff(client.get('/admin/staff').qs({ role: 'finance' }), admin)
    assert.include(byRole.text(), 'wangfang')
    assert.notInclude(byRole.text(), 'lina01')

    const active = await asStaff(client.get('/admin/staff').qs({ status: 'active' }), admin)
    assert.include(active.text(), 'lina01')
    assert.notInclude(active.text(), 'wangfang')

    const none = await asStaff(client.get('/admin/staff').qs({ q: '不存在的人' }), admin)
    assert.include(none.text(), '没有符合条件的工作人员')
  })
})

test.group('Staff management: create', () => {
  test('a super admin creates a staff member with a generated password shown once', async ({
    client,
    assert,
  }) => {
    const admin = await createStaff(['super_admin'])
    const form = await asStaff(client.get('/admin/staff/create'), admin)
    form.assertStatus(200)
    for (const label of ['超级管理员', '审核员', '制证/发货员', '财务'])
      assert.include(form.text(), label)

    const response = await asStaff(client.post('/admin/staff').form(validForm()), admin)
      .withCsrfToken()
      .redirects(0)
    response.assertStatus(302)
    const created = await Staff.findByOrFail('username', 'zhang.wei')
    response.assertHeader('location', `/admin/staff/${created.id}`)
    assert.deepEqual(created.roles, ['reviewer', 'operator'])
    assert.equal(created.phone, '13912345678')
    assert.isTrue(created.isActive)
    assert.isTrue(created.mustChangePassword)

    const password = response.flashMessages().generatedPassword as string
    assert.match(password, /^[A-Za-z0-9]{12}$/)
    assert.notEqual(created.password, password, 'only the hash is stored')

    /* the page after saving shows it, once */
    const page = await asStaff(client.get(`/admin/staff/${created.id}`), admin).withFlashMessages({
      generatedPassword: password,
    })
    assert.include(page.text(), '仅显示这一次')
    assert.include(page.text(), password)
    const again = await asStaff(client.get(`/admin/staff/${created.id}`), admin)
    assert.notInclude(again.text(), password)

    const entry = await lastAudit('admin.staff.create', created.id)
    assert.equal(entry!.actor_id, admin.id)
    assert.deepEqual(entry!.data.roles, ['reviewer', 'operator'])
    assert.equal(entry!.data.password, 'generated')
    assert.notInclude(JSON.stringify(entry), password)

    /* the new staff member signs in with it and must change it first */
    const login = await client
      .post('/admin/login')
      .form({ username: 'zhang.wei', password })
      .withCsrfToken()
      .redirects(0)
    login.assertHeader('location', '/admin/profile/password')
  })

  test('a super admin may set the initial password; usernames are stored in lower case', async ({
    client,
    assert,
  }) => {
    const admin = await createStaff(['super_admin'])
    const response = await asStaff(
      client.post('/admin/staff').form(
        validForm({
          'username': 'Cai.Wu',
          'roles[]': ['finance'],
          'password_mode': 'manual',
          'password': 'Finance2024x',
          'password_confirmation': 'Finance2024x',
          'must_change_password': undefined,
        })
      ),
      admin
    )
      .withCsrfToken()
      .redirects(0)
    response.assertStatus(302)
    assert.isUndefined(response.flashMessages().generatedPassword)
    const created = await Staff.findByOrFail('username', 'cai.wu')
    assert.deepEqual(created.roles, ['finance'])
    assert.isFalse(created.mustChangePassword)
    const verified = await Staff.verifyCredentials('cai.wu', 'Finance2024x')
    assert.equal(verified.id, created.id)
  })

  test('a duplicate username is refused at the field, case-insensitively, and nothing is created', async ({
    client,
    assert,
  }) => {
    const admin = await createStaff(['super_admin'])
    await createStaff(['reviewer'], { username: 'zhang.wei' })
    const response = await asStaff(
      client.post('/admin/staff').form(validForm({ username: 'Zhang.Wei' })),
      admin
    )
      .withCsrfToken()
      .redirects(0)
    response.assertStatus(302)
    response.assertHeader('location', '/admin/staff/create')
    assert.deepEqual(inputErrors(response).username, ['该用户名已被使用，请换一个'])
    assert.equal(response.flashMessages().name, '张伟', 'what the admin typed is kept')
    const count = await db
      .from('staff')
      .whereRaw('LOWER(username) = ?', ['zhang.wei'])
      .count('* as total')
    assert.equal(Number(count[0].total), 1)
  })

  test('a bad phone number is refused with the manual message', async ({ client, assert }) => {
    const admin = await createStaff(['super_admin'])
    for (const phone of ['12440', '1111111111', '13912345678901234567']) {
      const response = await asStaff(client.post('/admin/staff').form(validForm({ phone })), admin)
        .withCsrfToken()
        .redirects(0)
      assert.deepEqual(inputErrors(response).phone, ['请输入合法手机号/电话号'], phone)
    }
    assert.isNull(await Staff.findBy('username', 'zhang.wei'))
  })

  test('a weak or mismatched password is refused', async ({ client, assert }) => {
    const admin = await createStaff(['super_admin'])
    for (const weak of ['123', '123456789', 'a12345678', 'A12345678', 'Aa123']) {
      const response = await asStaff(
        client
          .post('/admin/staff')
          .form(
            validForm({ password_mode: 'manual', password: weak, password_confirmation: weak })
          ),
        admin
      )
        .withCsrfToken()
        .redirects(0)
      assert.deepEqual(
        inputErrors(response).password,
        ['密码为数字、小写字母、大写字母，且长度大于 8 位'],
        weak
      )
      assert.isUndefined(response.flashMessages().password, 'passwords are not sent back')
    }
    const mismatch = await asStaff(
      client.post('/admin/staff').form(
        validForm({
          password_mode: 'manual',
          password: 'Abcdefg123',
          password_confirmation: 'Abcdefg124',
        })
      ),
      admin
    )
      .withCsrfToken()
      .redirects(0)
    assert.deepEqual(inputErrors(mismatch).password_confirmation, ['两次输入的密码不一致'])
    const missing = await asStaff(
      client.post('/admin/staff').form(validForm({ password_mode: 'manual' })),
      admin
    )
      .withCsrfToken()
      .redirects(0)
    assert.deepEqual(inputErrors(missing).password, ['请填写初始密码'])
    assert.isNull(await Staff.findBy('username', 'zhang.wei'))
  })

  test('a staff member without a role is refused', async ({ client, assert }) => {
    const admin = await createStaff(['super_admin'])
    const response = await asStaff(
      client.post('/admin/staff').form(validForm({ 'roles[]': undefined })),
      admin
    )
      .withCsrfToken()
      .redirects(0)
    assert.deepEqual(inputErrors(response).roles, ['请至少选择一个角色'])
    const bogus = await asStaff(
      client.post('/admin/staff').form(validForm({ 'roles[]': ['root'] })),
      admin
    )
      .withCsrfToken()
      .redirects(0)
    assert.deepEqual(inputErrors(bogus)['roles.0'], ['请选择有效的角色'])
    assert.isNull(await Staff.findBy('username', 'zhang.wei'))
  })

  test('a bad username is refused', async ({ client, assert }) => {
    const admin = await createStaff(['super_admin'])
    for (const username of ['ab', '1abc', '张三', 'a b c']) {
      const response = await asStaff(
        client.post('/admin/staff').form(validForm({ username })),
        admin
      )
        .withCsrfToken()
        .redirects(0)
      assert.deepEqual(
        inputErrors(response).username,
        ['用户名为 3-30 位字母、数字、下划线、点或短横线，以字母开头'],
        username
      )
    }
  })

  test('the form shows each error at its field and keeps what was typed', async ({
    client,
    assert,
  }) => {
    const admin = await createStaff(['super_admin'])
    const page = await asStaff(client.get('/admin/staff/create'), admin).withFlashMessages({
      username: 'dup.user',
      name: '赵六',
      phone: '12440',
      roles: ['finance'],
      password_mode: 'generate',
      inputErrorsBag: {
        username: ['该用户名已被使用，请换一个'],
        phone: ['请输入合法手机号/电话号'],
      },
      errorsBag: { E_VALIDATION_ERROR: '提交的信息有误，请按提示修改' },
    })
    const html = page.text()
    assert.include(html, '该用户名已被使用，请换一个')
    assert.include(html, '请输入合法手机号/电话号')
    assert.include(html, 'value="dup.user"')
    assert.include(html, 'value="赵六"')
    assert.match(html, /value="finance"\s+checked/)
    assert.notMatch(html, /value="reviewer"\s+checked/)
  })
})

test.group('Staff management: roles and status', () => {
  test('a super admin changes name, phone and roles; the audit log says from what to what', async ({
    client,
    assert,
  }) => {
    const admin = await createStaff(['super_admin'])
    const member = await createStaff(['reviewer'], { name: '旧名字' })
    const edit = await asStaff(client.get(`/admin/staff/${member.id}/edit`), admin)
    edit.assertStatus(200)
    assert.match(edit.text(), /value="reviewer"\s+checked/)

    const response = await asStaff(
      client
        .put(`/admin/staff/${member.id}`)
        .form({ 'name': '新名字', 'phone': '13800138000', 'roles[]': ['operator', 'finance'] }),
      admin
    )
      .withCsrfToken()
      .redirects(0)
    response.assertHeader('location', `/admin/staff/${member.id}`)
    await member.refresh()
    assert.equal(member.name, '新名字')
    assert.deepEqual(member.roles, ['operator', 'finance'])
    const entry = await lastAudit('admin.staff.update', member.id)
    assert.equal(entry!.actor_id, admin.id)
    assert.deepEqual(entry!.data.changes.roles, { from: ['reviewer'], to: ['operator', 'finance'] })
    assert.deepEqual(entry!.data.changes.name, { from: '旧名字', to: '新名字' })
    assert.equal(entry!.data.rolesFrom, '审核员')
    assert.equal(entry!.data.rolesTo, '制证/发货员、财务')

    const show = await asStaff(client.get(`/admin/staff/${member.id}`), admin)
    assert.include(show.text(), '角色：审核员 → 制证/发货员、财务')
  })

  test('saving without changes writes no audit entry', async ({ client, assert }) => {
    const admin = await createStaff(['super_admin'])
    const member = await createStaff(['reviewer'], { name: '不变' })
    const response = await asStaff(
      client.put(`/admin/staff/${member.id}`).form({ 'name': '不变', 'roles[]': ['reviewer'] }),
      admin
    )
      .withCsrfToken()
      .redirects(0)
    response.assertFlashMessage('info', '没有需要保存的修改')
    assert.isNull(await lastAudit('admin.staff.update', member.id))
  })

  test('a super admin deactivates and reactivates a staff member', async ({ client, assert }) => {
    const admin = await createStaff(['super_admin'])
    const member = await createStaff(['operator'])
    const off = await asStaff(client.post(`/admin/staff/${member.id}/deactivate`), admin)
      .withCsrfToken()
      .redirects(0)
    off.assertFlashMessage('success', `已停用 ${member.username}，其将无法登录后台`)
    await member.refresh()
    assert.isFalse(member.isActive)
    assert.equal((await lastAudit('admin.staff.deactivate', member.id))!.actor_id, admin.id)

    /* a deactivated staff member's open session ends at the next page */
    const locked = await asStaff(client.get('/admin'), member).redirects(0)
    locked.assertHeader('location', '/admin/login')

    const on = await asStaff(client.post(`/admin/staff/${member.id}/activate`), admin)
      .withCsrfToken()
      .redirects(0)
    on.assertFlashMessage('success', `已启用 ${member.username}`)
    await member.refresh()
    assert.isTrue(member.isActive)
    assert.isNotNull(await lastAudit('admin.staff.activate', member.id))
  })

  test('nobody deactivates their own account', async ({ client, assert }) => {
    const admin = await createStaff(['super_admin'])
    const other = await createStaff(['super_admin'])
    const own = await asStaff(client.get(`/admin/staff/${admin.id}`), admin)
    assert.notInclude(own.text(), '停用账号')
    assert.include(own.text(), '修改我的密码')
    const theirs = await asStaff(client.get(`/admin/staff/${other.id}`), admin)
    assert.include(theirs.text(), '停用账号')
    assert.include(theirs.text(), '重置密码')

    const response = await asStaff(client.post(`/admin/staff/${admin.id}/deactivate`), admin)
      .withCsrfToken()
      .redirects(0)
    response.assertStatus(403)
    assert.include(response.text(), '不能停用自己的账号')
    await admin.refresh()
    assert.isTrue(admin.isActive)
  })

  test('the last active super admin cannot give up the role', async ({ client, assert }) => {
    const admin = await createStaff(['super_admin'])
    await createStaff(['super_admin'], { isActive: false })
    const response = await asStaff(
      client.put(`/admin/staff/${admin.id}`).form({ 'name': admin.name, 'roles[]': ['reviewer'] }),
      admin
    )
      .withCsrfToken()
      .redirects(0)
    response.assertFlashMessage(
      'error',
      '至少需要保留一名在用的超级管理员，不能取消最后一名超级管理员的角色'
    )
    await admin.refresh()
    assert.deepEqual(admin.roles, ['super_admin'])
    assert.isNull(await lastAudit('admin.staff.update', admin.id))
  })

  test('a super admin who gives up the role (another remains) is sent back to the dashboard', async ({
    client,
    assert,
  }) => {
    const admin = await createStaff(['super_admin', 'reviewer'])
    await createStaff(['super_admin'])
    const response = await asStaff(
      client.put(`/admin/staff/${admin.id}`).form({ 'name': admin.name, 'roles[]': ['reviewer'] }),
      admin
    )
      .withCsrfToken()
      .redirects(0)
    response.assertHeader('location', '/admin')
    await admin.refresh()
    assert.deepEqual(admin.roles, ['reviewer'])
    const entry = await lastAudit('admin.staff.update', admin.id)
    assert.deepEqual(entry!.data.changes.roles, {
      from: ['super_admin', 'reviewer'],
      to: ['reviewer'],
    })
  })

  test('with a second super admin, one may demote the other', async ({ client, assert }) => {
    const admin = await createStaff(['super_admin'])
    const other = await createStaff(['super_admin', 'finance'])
    await asStaff(
      client.put(`/admin/staff/${other.id}`).form({ 'name': other.name, 'roles[]': ['finance'] }),
      admin
    )
      .withCsrfToken()
      .redirects(0)
    await other.refresh()
    assert.deepEqual(other.roles, ['finance'])
  })

  test("a super admin resets another staff member's password; their old sessions end", async ({
    client,
    assert,
  }) => {
    const admin = await createStaff(['super_admin'])
    const member = await createStaff(['reviewer'])
    const oldHash = member.password
    const form = await asStaff(client.get(`/admin/staff/${member.id}/password`), admin)
    form.assertStatus(200)
    const response = await asStaff(
      client
        .post(`/admin/staff/${member.id}/password`)
        .form({ password_mode: 'generate', must_change_password: '1' }),
      admin
    )
      .withCsrfToken()
      .redirects(0)
    const password = response.flashMessages().generatedPassword as string
    assert.match(password, /^[A-Za-z0-9]{12}$/)
    await member.refresh()
    assert.notEqual(member.password, oldHash)
    assert.isTrue(member.mustChangePassword)
    await Staff.verifyCredentials(member.username, password)
    assert.equal(
      (await lastAudit('admin.staff.password_reset', member.id))!.data.password,
      'generated'
    )

    /* a session opened with the old password is signed out */
    const { passwordStamp } = await import('#admin/actions/staff_auth')
    const stale = await asStaff(client.get('/admin'), member)
      .withSession({ admin_password_stamp: passwordStamp({ password: oldHash }) })
      .redirects(0)
    stale.assertHeader('location', '/admin/login')
    stale.assertFlashMessage('error', '您的密码已被修改，请重新登录')
  })

  test('an unknown or malformed staff id is a 404', async ({ client }) => {
    const admin = await createStaff(['super_admin'])
    const r1 = await asStaff(client.get('/admin/staff/00000000-0000-4000-8000-000000000000'), admin)
    r1.assertStatus(404)
    const r2 = await asStaff(client.get('/admin/staff/1'), admin)
    r2.assertStatus(404)
  })
})

test.group('Staff management: who may', () => {
  test('a reviewer cannot open, create or change staff (403) and nothing changes', async ({
    client,
    assert,
  }) => {
    const reviewer = await createStaff(['reviewer'])
    const member = await createStaff(['operator'])
    for (const url of [
      '/admin/staff',
      '/admin/staff/create',
      `/admin/staff/${member.id}`,
      `/admin/staff/${member.id}/edit`,
    ]) {
      const response = await asStaff(client.get(url), reviewer)
      response.assertStatus(403)
      assert.include(response.text(), '无权访问')
      assert.include(
        response.text(),
        '<a class="btn btn-secondary" href="/admin">返回后台工作台</a>'
      )
    }
    const create = await asStaff(client.post('/admin/staff').form(validForm()), reviewer)
      .withCsrfToken()
      .redirects(0)
    create.assertStatus(403)
    assert.isNull(await Staff.findBy('username', 'zhang.wei'))

    const update = await asStaff(
      client.put(`/admin/staff/${member.id}`).form({ 'name': '改名', 'roles[]': ['super_admin'] }),
      reviewer
    )
      .withCsrfToken()
      .redirects(0)
    update.assertStatus(403)
    await member.refresh()
    assert.deepEqual(member.roles, ['operator'])

    const off = await asStaff(client.post(`/admin/staff/${member.id}/deactivate`), reviewer)
      .withCsrfToken()
      .redirects(0)
    off.assertStatus(403)
    const reset = await asStaff(
      client.post(`/admin/staff/${member.id}/password`).form({ password_mode: 'generate' }),
      reviewer
    )
      .withCsrfToken()
      .redirects(0)
    reset.assertStatus(403)
    await member.refresh()
    assert.isTrue(member.isActive)
  })

  test('operators and finance staff do not see the staff menu', async ({ client, assert }) => {
    for (const role of ['operator', 'finance'] as const) {
      const member = await createStaff([role])
      const page = await asStaff(client.get('/admin'), member)
      assert.notInclude(page.text(), 'href="/admin/staff"')
    }
    const admin = await createStaff(['super_admin'])
    const page = await asStaff(client.get('/admin'), admin)
    assert.include(page.text(), 'href="/admin/staff"')
  })

  test('a POST without a CSRF token is refused and creates nothing', async ({ client, assert }) => {
    const admin = await createStaff(['super_admin'])
    const response = await asStaff(client.post('/admin/staff').form(validForm()), admin).redirects(
      0
    )
    response.assertStatus(302)
    response.assertFlashMessage('error', '页面已过期或请求来源无效，请刷新页面后重新提交')
    assert.isNull(await Staff.findBy('username', 'zhang.wei'))
    assert.isNull(await lastAudit('admin.staff.create'))

    const member = await createStaff(['operator'])
    const off = await asStaff(client.post(`/admin/staff/${member.id}/deactivate`), admin).redirects(
      0
    )
    off.assertStatus(302)
    await member.refresh()
    assert.isTrue(member.isActive)
  })
})

export { DEFAULT_PASSWORD }
