import { randomInt } from 'node:crypto'
import db from '@adonisjs/lucid/services/db'
import hash from '@adonisjs/core/services/hash'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import Staff, { type StaffRole } from '#admin/models/staff'
import { staffRoleKeys, staffRoleLabel } from '#core/staff'
import audit, { registerAuditActions } from '#core/audit/audit_service'
import { RuleError } from '#core/rule_error'
import { isStrongPassword } from '#core/validation/identity'
import { endSessions } from '#core/sessions/sessions'

registerAuditActions({
  'admin.staff.create': '新增工作人员',
  'admin.staff.update': '修改工作人员信息',
  'admin.staff.activate': '启用工作人员账号',
  'admin.staff.deactivate': '停用工作人员账号',
  'admin.staff.password_reset': '重置工作人员密码',
  'admin.staff.password_reset_cli': '命令行重置工作人员密码',
  'admin.staff.password_change': '工作人员修改密码',
  'admin.staff.login': '工作人员登录',
  'admin.staff.login_failed': '工作人员登录失败',
  'admin.staff.logout': '工作人员退出登录',
})

function assertStrongPassword(password: string) {
  if (!isStrongPassword(password)) {
    throw new StaffAccountError('密码为数字、小写字母、大写字母，且长度大于 8 位', 'password')
  }
}

/**
 * A rule of staff management was broken; `field` names the form field the
 * message belongs to (none: a message for the whole page).
 */
export class StaffAccountError extends RuleError {
  constructor(message: string, field: string | null = null) {
    super(message, { field: field ?? undefined })
  }
}

const UPPER = 'ABCDEFGHJKLMNPQRSTUVWXYZ'
const LOWER = 'abcdefghijkmnpqrstuvwxyz'
const DIGITS = '23456789'

/**
 * A random initial password that meets the password rule and is easy to
 * read out (no 0/O, 1/l/I): 12 characters.
 */
export function generateStaffPassword(length = 12): string {
  const all = UPPER + LOWER + DIGITS
  const pick = (set: string) => set[randomInt(0, set.length)]
  const chars = [pick(UPPER), pick(LOWER), pick(DIGITS)]
  while (chars.length < length) chars.push(pick(all))
  for (let i = chars.length - 1; i > 0; i--) {
    const j = randomInt(0, i + 1)
    ;[chars[i], chars[j]] = [chars[j], chars[i]]
  }
  return chars.join('')
}

export function normalizeRoles(roles: readonly string[]): StaffRole[] {
  const wanted = new Set(roles)
  return staffRoleKeys().filter((r) => wanted.has(r))
}

export function roleLabels(roles: readonly string[]): string {
  return roles.map((r) => staffRoleLabel(r)).join('、') || '无'
}

export interface CreateStaffInput {
  username: string
  name: string
  phone?: string | null
  roles: readonly string[]
  /** null/undefined: generate one and return it (shown once) */
  password?: string | null
  mustChangePassword: boolean
}

export interface UpdateStaffInput {
  name: string
  phone?: string | null
  roles: readonly string[]
}

export interface PasswordInput {
  /** null/undefined: generate one and return it (shown once) */
  password?: string | null
  mustChangePassword: boolean
}

/**
 * Staff management (工作人员管理): create, change, activate/deactivate,
 * reset passwords, and a staff member's own password change. Every change
 * writes one audit entry; the last active super admin can never be
 * demoted or deactivated.
 */
export class StaffAccounts {
  async create(
    input: CreateStaffInput
  ): Promise<{ staff: Staff; generatedPassword: string | null }> {
    const username = input.username.trim().toLowerCase()
    const roles = normalizeRoles(input.roles)
    if (!roles.length) throw new StaffAccountError('请至少选择一个角色', 'roles')
    const generatedPassword = input.password ? null : generateStaffPassword()
    const password = input.password || generatedPassword!
    assertStrongPassword(password)

    return db.transaction(async (trx) => {
      const taken = await Staff.query({ client: trx })
        .whereRaw('LOWER(username) = ?', [username])
        .first()
      if (taken) throw new StaffAccountError('该用户名已被使用，请换一个', 'username')
      const staff = new Staff()
      staff.merge({
        username,
        name: input.name.trim(),
        phone: input.phone || null,
        password,
        roles,
        isActive: true,
        mustChangePassword: input.mustChangePassword,
        lastLoginAt: null,
      })
      await audit.save(staff, trx, {
        action: 'admin.staff.create',
        subjectType: 'staff',
        data: {
          username,
          name: staff.name,
          phone: staff.phone,
          roles,
          roleLabels: roleLabels(roles),
          password: generatedPassword ? 'generated' : 'set_by_admin',
          mustChangePassword: input.mustChangePassword,
        },
      })
      return { staff, generatedPassword }
    })
  }

  /**
   * Change name, phone and roles. Returns false when nothing changed (and
   * writes no audit entry then).
   */
  async update(target: Staff, input: UpdateStaffInput): Promise<boolean> {
    const roles = normalizeRoles(input.roles)
    if (!roles.length) throw new StaffAccountError('请至少选择一个角色', 'roles')
    const name = input.name.trim()
    const phone = input.phone || null
    const changed = await this.#change(target.id, async (staff, trx) => {
      const changes: Record<string, { from: unknown; to: unknown }> = {}
      if (staff.name !== name) changes.name = { from: staff.name, to: name }
      if ((staff.phone || null) !== phone) changes.phone = { from: staff.phone || null, to: phone }
      const before = normalizeRoles(staff.roles)
      if (before.join(',') !== roles.join(',')) {
        if (before.includes('super_admin') && !roles.includes('super_admin') && staff.isActive) {
          await this.#ensureAnotherSuperAdmin(
            trx,
            staff.id,
            '至少需要保留一名在用的超级管理员，不能取消最后一名超级管理员的角色'
          )
        }
        changes.roles = { from: before, to: roles }
      }
      if (!Object.keys(changes).length) return null
      staff.merge({ name, phone, roles })
      return {
        action: 'admin.staff.update',
        data: {
          changes,
          ...(changes.roles
            ? { rolesFrom: roleLabels(changes.roles.from as string[]), rolesTo: roleLabels(roles) }
            : {}),
        },
      }
    })
    if (changed) target.merge({ name, phone, roles })
    return Boolean(changed)
  }

  /**
   * 启用/停用. `actorId` is the staff member doing it: nobody deactivates
   * their own account.
   */
  async setActive(target: Staff, active: boolean, actorId: string | null): Promise<boolean> {
    if (!active && actorId && actorId === target.id) {
      throw new StaffAccountError('不能停用自己的账号')
    }
    const changed = await this.#change(target.id, async (staff, trx) => {
      if (staff.isActive === active) return null
      if (!active && staff.isSuperAdmin) {
        await this.#ensureAnotherSuperAdmin(trx, staff.id, '这是最后一名在用的超级管理员，不能停用')
      }
      staff.isActive = active
      return {
        action: active ? 'admin.staff.activate' : 'admin.staff.deactivate',
        data: { roles: normalizeRoles(staff.roles) },
      }
    })
    if (!changed) return false
    target.isActive = active
    // a deactivated account is signed out everywhere at once
    if (!active) await endSessions({ staffId: target.id })
    return true
  }

  /**
   * A super admin sets a new password for someone else (generated unless
   * given). Returns the generated password, to be shown once.
   */
  async resetPassword(
    target: Staff,
    input: PasswordInput
  ): Promise<{ generatedPassword: string | null }> {
    const generatedPassword = input.password ? null : generateStaffPassword()
    const password = input.password || generatedPassword!
    assertStrongPassword(password)
    await this.#change(target.id, async (staff) => {
      staff.password = password
      staff.mustChangePassword = input.mustChangePassword
      return {
        action: 'admin.staff.password_reset',
        data: {
          password: generatedPassword ? 'generated' : 'set_by_admin',
          mustChangePassword: input.mustChangePassword,
        },
      }
    })
    // whoever was signed in with the old password is signed out everywhere
    await endSessions({ staffId: target.id })
    return { generatedPassword }
  }

  /**
   * A staff member changes their own password (current + new). Clears the
   * must-change flag.
   */
  async changeOwnPassword(
    self: Staff,
    current: string,
    next: string,
    keepSessionId: string | null = null
  ): Promise<Staff> {
    if (!(await hash.use('scrypt').verify(self.password, current))) {
      throw new StaffAccountError('当前密码不正确', 'current_password')
    }
    assertStrongPassword(next)
    if (current === next) {
      throw new StaffAccountError('新密码不能与当前密码相同', 'password')
    }
    const changed = await this.#change(self.id, async (staff) => {
      staff.password = next
      const wasForced = staff.mustChangePassword
      staff.mustChangePassword = false
      return { action: 'admin.staff.password_change', data: { forced: wasForced } }
    })
    // the staff member's other sessions (other browsers, a copied cookie) end now
    await endSessions({ staffId: self.id, exceptSessionId: keepSessionId })
    return changed!
  }

  /**
   * One change of a staff account, in one transaction: the row locked,
   * `change` applied to it (returning the audit entry's action and data,
   * or null when there is nothing to change), saved, and the entry
   * recorded with the account's username. The changed row, or null.
   */
  async #change(
    id: string,
    change: (
      staff: Staff,
      trx: TransactionClientContract
    ) => Promise<{ action: string; data: Record<string, unknown> } | null>
  ): Promise<Staff | null> {
    return db.transaction(async (trx) => {
      const staff = await this.#lock(trx, id)
      const entry = await change(staff, trx)
      if (!entry) return null
      await audit.save(staff, trx, {
        action: entry.action,
        subjectType: 'staff',
        data: { username: staff.username, ...entry.data },
      })
      return staff
    })
  }

  async #lock(trx: TransactionClientContract, id: string) {
    const query = Staff.query({ client: trx }).where('id', id)
    if (trx.dialect.name === 'postgres') query.forUpdate()
    return query.firstOrFail()
  }

  /**
   * Another active super admin must remain. On PostgreSQL the super
   * admins' rows are locked so that two concurrent demotions cannot both
   * pass.
   */
  async #ensureAnotherSuperAdmin(
    trx: TransactionClientContract,
    exceptId: string,
    message: string
  ) {
    const query = Staff.query({ client: trx })
      .where('is_active', true)
      .whereNot('id', exceptId)
      .where((q) => {
        q.where('roles', 'super_admin')
          .orWhere('roles', 'like', 'super_admin,%')
          .orWhere('roles', 'like', '%,super_admin')
          .orWhere('roles', 'like', '%,super_admin,%')
      })
    if (trx.dialect.name === 'postgres') query.forUpdate()
    const others = await query
    if (!others.length) throw new StaffAccountError(message)
  }
}

const staffAccounts = new StaffAccounts()
export default staffAccounts
