import { createHash } from 'node:crypto'
import { signedInAtKey } from '#middleware/session_lifetime_middleware'
import { DateTime } from 'luxon'
import Staff from '#admin/models/staff'
import audit from '#core/audit/audit_service'
import { describeWait, penalize, peekRate, resetRate, type RateRule } from '#core/rate_limit'

export const STAFF_LOGIN_ACCOUNT_RULE: RateRule = {
  requests: 5,
  duration: '15 min',
  blockDuration: '15 min',
}
export const STAFF_LOGIN_IP_RULE: RateRule = {
  requests: 30,
  duration: '15 min',
  blockDuration: '15 min',
}

/**
 * Session key holding a fingerprint of the staff member's password hash:
 * when the password changes (reset by a super admin, changed elsewhere),
 * every other session of that staff member ends at its next request.
 */
export const STAFF_PASSWORD_STAMP_KEY = 'admin_password_stamp'

/**
 * Session key holding when the staff member signed in (epoch ms): the
 * session lifetime middleware ends a back-office session 12 hours after
 * it (config/session.ts sessionLifetimes.staff), however busy it was.
 */
export const STAFF_SIGNED_IN_AT_KEY = signedInAtKey('admin')

export function passwordStamp(staff: Pick<Staff, 'password'>): string {
  return createHash('sha256').update(String(staff.password)).digest('hex').slice(0, 16)
}

export function staffLoginAccountKey(username: string) {
  return `staff-login:${username.trim().toLowerCase()}`
}

export type StaffLoginResult = { ok: true; staff: Staff } | { ok: false; message: string }

/**
 * Staff sign-in with lock-out after repeated failures (5 per username and
 * 30 per IP in 15 minutes, then 15 minutes blocked). Every success and
 * failure is audited.
 */
export class StaffAuth {
  async attempt(username: string, password: string, ip: string): Promise<StaffLoginResult> {
    const login = username.trim().toLowerCase()
    const accountKey = staffLoginAccountKey(login)
    const ipKey = `staff-login-ip:${ip}`
    for (const [key, rule] of [
      [accountKey, STAFF_LOGIN_ACCOUNT_RULE],
      [ipKey, STAFF_LOGIN_IP_RULE],
    ] as const) {
      const state = await peekRate(key, rule)
      if (!state.ok) {
        return {
          ok: false,
          message: `登录失败次数过多，请 ${describeWait(state.retryAfter)}后再试`,
        }
      }
    }
    let staff: Staff | null = null
    try {
      staff = await Staff.verifyCredentials(login, password)
    } catch {
      staff = null
    }
    if (!staff || !staff.isActive) {
      await penalize(accountKey, STAFF_LOGIN_ACCOUNT_RULE)
      await penalize(ipKey, STAFF_LOGIN_IP_RULE)
      const peek = await peekRate(accountKey, STAFF_LOGIN_ACCOUNT_RULE)
      const locked = !peek.ok
      await audit.record({
        action: 'admin.staff.login_failed',
        actor: { type: 'system' },
        subjectType: 'staff',
        subjectId: staff?.id ?? null,
        data: { username: login, reason: staff ? 'inactive' : 'bad_credentials', locked },
      })
      if (staff && !staff.isActive) return { ok: false, message: '该账号已停用，请联系超级管理员' }
      if (locked) return { ok: false, message: '密码错误次数过多，账号已锁定，请 15 分钟后再试' }
      return { ok: false, message: '用户名或密码错误' }
    }
    await resetRate(accountKey, STAFF_LOGIN_ACCOUNT_RULE)
    staff.lastLoginAt = DateTime.utc()
    await audit.save(staff, null, {
      action: 'admin.staff.login',
      actor: { type: 'staff', id: staff.id, name: staff.displayName },
      subjectType: 'staff',
    })
    return { ok: true, staff }
  }

  /**
   * Lift a lock-out (the password reset command does this).
   */
  async unlock(username: string) {
    await resetRate(staffLoginAccountKey(username), STAFF_LOGIN_ACCOUNT_RULE)
  }

  async recordLogout(staff: Staff) {
    await audit.record({
      action: 'admin.staff.logout',
      actor: { type: 'staff', id: staff.id, name: staff.displayName },
      subjectType: 'staff',
      subjectId: staff.id,
    })
  }
}

const staffAuth = new StaffAuth()
export default staffAuth
