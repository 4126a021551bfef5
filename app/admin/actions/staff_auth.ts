import { DateTime } from 'luxon'
import Staff from '#admin/models/staff'
import audit from '#core/audit/audit_service'
import { describeWait, penalize, peekRate, resetRate } from '#core/rate_limit'

const ACCOUNT_RULE = { requests: 5, duration: '15 min', blockDuration: '15 min' }
const IP_RULE = { requests: 30, duration: '15 min', blockDuration: '15 min' }

export type StaffLoginResult = { ok: true; staff: Staff } | { ok: false; message: string }

/**
 * Staff sign-in with lock-out after repeated failures (per username and
 * per IP). Every success and failure is audited.
 */
export class StaffAuth {
  async attempt(username: string, password: string, ip: string): Promise<StaffLoginResult> {
    const accountKey = `staff-login:${username.toLowerCase()}`
    const ipKey = `staff-login-ip:${ip}`
    for (const [key, rule] of [[accountKey, ACCOUNT_RULE], [ipKey, IP_RULE]] as const) {
      const state = await peekRate(key, rule)
      if (!state.ok) {
        return { ok: false, message: `登录失败次数过多，请 ${describeWait(state.retryAfter)}后再试` }
      }
    }
    let staff: Staff | null = null
    try {
      staff = await Staff.verifyCredentials(username, password)
    } catch {
      staff = null
    }
    if (!staff || !staff.isActive) {
      await penalize(accountKey, ACCOUNT_RULE)
      await penalize(ipKey, IP_RULE)
      await audit.record({
        action: 'admin.staff.login_failed',
        actor: { type: 'system' },
        subjectType: 'staff',
        subjectId: staff?.id ?? null,
        data: { username },
      })
      return { ok: false, message: staff && !staff.isActive ? '该账号已停用' : '用户名或密码错误' }
    }
    await resetRate(accountKey, ACCOUNT_RULE)
    staff.lastLoginAt = DateTime.utc()
    await staff.save()
    await audit.record({
      action: 'admin.staff.login',
      actor: { type: 'staff', id: staff.id, name: staff.displayName },
      subjectType: 'staff',
      subjectId: staff.id,
    })
    return { ok: true, staff }
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
