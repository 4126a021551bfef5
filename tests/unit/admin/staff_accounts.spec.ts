import { test } from '@japa/runner'
import { Bouncer } from '@adonisjs/bouncer'
import db from '@adonisjs/lucid/services/db'
import Staff from '#admin/models/staff'
import staffAccounts, {
  StaffAccountError,
  generateStaffPassword,
  normalizeRoles,
} from '#admin/actions/staff_accounts'
import StaffPolicy from '#admin/policies/staff_policy'
import SystemPolicy from '#admin/policies/system_policy'
import * as abilities from '#core/abilities'
import { isStrongPassword } from '#core/validation/identity'
import { createStaff, createUser, DEFAULT_PASSWORD } from '#tests/helpers/factories'

async function refusal(promise: Promise<unknown>) {
  try {
    await promise
  } catch (error) {
    if (error instanceof StaffAccountError)
      return { message: error.message, field: error.field ?? null }
    throw error
  }
  throw new Error('expected a StaffAccountError')
}

test.group('Staff accounts (rules without HTTP)', () => {
  test('generated passwords meet the password rule and differ every time', ({ assert }) => {
    const seen = new Set<string>()
    for (let i = 0; i < 200; i++) {
      const password = generateStaffPassword()
      assert.isTrue(isStrongPassword(password), password)
      assert.notMatch(password, /[0O1lI]/)
      seen.add(password)
    }
    assert.equal(seen.size, 200)
  })

  test('roles are kept in a fixed order without duplicates or unknown names', ({ assert }) => {
    assert.deepEqual(normalizeRoles(['finance', 'reviewer', 'finance', 'root']), [
      'reviewer',
      'finance',
    ])
  })

  test('create: lower-cases the username, refuses duplicates and a missing role', async ({
    assert,
  }) => {
    const { staff, generatedPassword } = await staffAccounts.create({
      username: 'Wang.Li',
      name: ' 王丽 ',
      roles: ['finance'],
      mustChangePassword: true,
    })
    assert.equal(staff.username, 'wang.li')
    assert.equal(staff.name, '王丽')
    assert.isString(generatedPassword)
    assert.deepEqual(
      await refusal(
        staffAccounts.create({
          username: 'WANG.LI',
          name: '重复',
          roles: ['finance'],
          mustChangePassword: true,
        })
      ),
      {
        message: '该用户名已被使用，请换一个',
        field: 'username',
      }
    )
    assert.deepEqual(
      await refusal(
        staffAccounts.create({
          username: 'nobody',
          name: '无角色',
          roles: [],
          mustChangePassword: true,
        })
      ),
      {
        message: '请至少选择一个角色',
        field: 'roles',
      }
    )
    assert.deepEqual(
      await refusal(
        staffAccounts.create({
          username: 'weak',
          name: '弱密码',
          roles: ['finance'],
          password: 'a12345678',
          mustChangePassword: false,
        })
      ),
      { message: '密码为数字、小写字母、大写字母，且长度大于 8 位', field: 'password' }
    )
    const audits = await db.from('audit_logs').where('action', 'admin.staff.create')
    assert.lengthOf(audits, 1)
  })

  test('the last active super admin can be neither deactivated nor demoted, from anywhere', async ({
    assert,
  }) => {
    const only = await createStaff(['super_admin'])
    await createStaff(['super_admin'], { isActive: false })
    assert.deepEqual(await refusal(staffAccounts.setActive(only, false, null)), {
      message: '这是最后一名在用的超级管理员，不能停用',
      field: null,
    })
    assert.deepEqual(
      await refusal(staffAccounts.update(only, { name: only.name, roles: ['reviewer'] })),
      {
        message: '至少需要保留一名在用的超级管理员，不能取消最后一名超级管理员的角色',
        field: null,
      }
    )
    await only.refresh()
    assert.isTrue(only.isActive)
    assert.deepEqual(only.roles, ['super_admin'])

    const second = await createStaff(['super_admin', 'reviewer'])
    assert.isTrue(await staffAccounts.setActive(only, false, second.id))
    assert.deepEqual(await refusal(staffAccounts.setActive(second, false, null)), {
      message: '这是最后一名在用的超级管理员，不能停用',
      field: null,
    })
  })

  test('nobody deactivates themselves; repeating a state change is a no-op without an audit entry', async ({
    assert,
  }) => {
    const admin = await createStaff(['super_admin'])
    const member = await createStaff(['reviewer'])
    assert.deepEqual(await refusal(staffAccounts.setActive(member, false, member.id)), {
      message: '不能停用自己的账号',
      field: null,
    })
    assert.isTrue(await staffAccounts.setActive(member, false, admin.id))
    assert.isFalse(await staffAccounts.setActive(member, false, admin.id))
    const entries = await db
      .from('audit_logs')
      .where('action', 'admin.staff.deactivate')
      .where('subject_id', member.id)
    assert.lengthOf(entries, 1)
  })

  test("changing one's own password checks the current one and clears the must-change flag", async ({
    assert,
  }) => {
    const member = await createStaff(['operator'], { mustChangePassword: true })
    assert.deepEqual(
      await refusal(staffAccounts.changeOwnPassword(member, 'Wrong12345', 'Another123x')),
      {
        message: '当前密码不正确',
        field: 'current_password',
      }
    )
    const updated = await staffAccounts.changeOwnPassword(member, DEFAULT_PASSWORD, 'Another123x')
    assert.isFalse(updated.mustChangePassword)
    await Staff.verifyCredentials(member.username, 'Another123x')
  })
})

test.group('Back-office policies', () => {
  function bouncerFor(actor: unknown) {
    return new Bouncer(actor as any, abilities, {})
  }

  test('only an active super admin manages staff', async ({ assert }) => {
    const admin = await createStaff(['super_admin'])
    const target = await createStaff(['reviewer'])
    const reviewer = await createStaff(['reviewer'])
    const retired = await createStaff(['super_admin'], { isActive: false })
    const applicant = await createUser()

    assert.isTrue(await bouncerFor(admin).with(StaffPolicy).allows('create'))
    assert.isTrue(await bouncerFor(admin).with(StaffPolicy).allows('update', target))
    assert.isTrue(await bouncerFor(admin).with(StaffPolicy).allows('deactivate', target))
    assert.isFalse(await bouncerFor(admin).with(StaffPolicy).allows('deactivate', admin))
    assert.isFalse(await bouncerFor(admin).with(StaffPolicy).allows('resetPassword', admin))
    for (const actor of [reviewer, retired, applicant, null]) {
      assert.isFalse(await bouncerFor(actor).with(StaffPolicy).allows('viewList'))
      assert.isFalse(await bouncerFor(actor).with(StaffPolicy).allows('create'))
      assert.isFalse(await bouncerFor(actor).with(StaffPolicy).allows('update', target))
    }
  })

  test('the SMS outbox is for super admins and operators, the audit log for super admins', async ({
    assert,
  }) => {
    const cases: Array<[string[], boolean, boolean]> = [
      [['super_admin'], true, true],
      [['operator'], true, false],
      [['reviewer'], false, false],
      [['finance'], false, false],
    ]
    for (const [roles, sms, auditLog] of cases) {
      const staff = await createStaff(roles as any)
      assert.equal(
        await bouncerFor(staff).with(SystemPolicy).allows('viewSmsOutbox'),
        sms,
        roles.join()
      )
      assert.equal(
        await bouncerFor(staff).with(SystemPolicy).allows('viewAuditLog'),
        auditLog,
        roles.join()
      )
    }
    assert.isFalse(
      await bouncerFor(await createUser())
        .with(SystemPolicy)
        .allows('viewSmsOutbox')
    )
  })

  test('the back office is open to active staff only', async ({ assert }) => {
    assert.isTrue(await bouncerFor(await createStaff(['finance'])).allows('accessBackOffice'))
    assert.isFalse(
      await bouncerFor(await createStaff(['finance'], { isActive: false })).allows(
        'accessBackOffice'
      )
    )
    assert.isFalse(await bouncerFor(await createUser()).allows('accessBackOffice'))
  })
})
