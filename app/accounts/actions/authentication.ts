import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import hash from '@adonisjs/core/services/hash'
import limiter from '@adonisjs/limiter/services/main'
import audit from '#core/audit/audit_service'
import verificationCodes from '#core/sms/verification_codes'
import { describeWait, penalize, peekRate, resetRate, type RateRule } from '#core/rate_limit'
import User from '#accounts/models/user'
import deviceSessions from '#accounts/actions/device_sessions'
import { insertAccount } from '#accounts/actions/registration'
import { ACCOUNT_TEXTS, lockedMessage, networkLockedMessage } from '#accounts/messages'
import { isUniqueViolation } from '#core/db_errors'
import { AccountError } from '#accounts/errors'

/**
 * Lock-out: 5 failed logins of one account within 15 minutes lock it for
 * 15 minutes; 20 failures from one IP block that IP for 15 minutes.
 */
export const LOGIN_ACCOUNT_RULE: RateRule = {
  requests: 5,
  duration: '15 min',
  blockDuration: '15 min',
}
export const LOGIN_IP_RULE: RateRule = { requests: 20, duration: '15 min', blockDuration: '15 min' }

export interface ClientInfo {
  ip: string | null
  userAgent: string | null
}

function accountKey(user: User | null, identifier: string) {
  return `login:account:${user ? user.id : identifier.toLowerCase()}`
}

function ipKey(ip: string | null) {
  return `login:ip:${ip ?? 'unknown'}`
}

/**
 * Forget an account's failed logins (after 忘记密码: the owner proved the
 * phone, so the lock no longer protects anything).
 */
export async function clearLoginFailures(user: User) {
  await resetRate(accountKey(user, ''), LOGIN_ACCOUNT_RULE)
}

/**
 * The account a login name designates: a phone number or an email.
 */
export async function findByLoginName(identifier: string) {
  const value = identifier.trim()
  if (!value) return null
  if (value.includes('@'))
    return User.query().whereRaw('lower(email) = ?', [value.toLowerCase()]).first()
  return User.findBy('phone', value)
}

/**
 * Refuse while the account or the client's network is locked out (each
 * said as it is: an office behind one IP is not told its account is locked).
 */
async function assertNotLocked(keys: string[]) {
  const account = await peekRate(keys[0], LOGIN_ACCOUNT_RULE)
  if (!account.ok) throw new AccountError(lockedMessage(describeWait(account.retryAfter)))
  const network = await peekRate(keys[1], LOGIN_IP_RULE)
  if (!network.ok) throw new AccountError(networkLockedMessage(describeWait(network.retryAfter)))
}

/**
 * Count a failure; the message says how many tries are left, or how long
 * the account is now locked.
 */
async function fail(
  user: User | null,
  identifier: string,
  info: ClientInfo,
  reason: string,
  method: 'password' | 'sms'
) {
  const aKey = accountKey(user, identifier)
  await penalize(aKey, LOGIN_ACCOUNT_RULE)
  await penalize(ipKey(info.ip), LOGIN_IP_RULE)
  await audit.record({
    action: 'accounts.session.login_failed',
    actor: { type: 'system' },
    subjectType: user ? 'user' : null,
    subjectId: user?.id ?? null,
    data: { identifier: user ? undefined : identifier.slice(0, 60), method, reason },
    ip: info.ip,
    userAgent: info.userAgent,
  })
  const state = await limiter.use(LOGIN_ACCOUNT_RULE).get(aKey)
  const left = state ? state.remaining : LOGIN_ACCOUNT_RULE.requests
  if (left <= 0) {
    const wait = await limiter.use(LOGIN_ACCOUNT_RULE).availableIn(aKey)
    return lockedMessage(describeWait(Math.max(1, wait)))
  }
  return `${reason}，还可尝试 ${left} 次`
}

function assertUsable(user: User, field?: string) {
  if (user.status === 'deregistered') throw new AccountError(ACCOUNT_TEXTS.phoneDeregistered, field)
  if (user.status === 'frozen') throw new AccountError(ACCOUNT_TEXTS.accountFrozen, field)
}

/**
 * 密码登录 by phone or email.
 */
export async function attemptPasswordLogin(
  identifier: string,
  password: string,
  info: ClientInfo
): Promise<User> {
  const user = await findByLoginName(identifier)
  await assertNotLocked([accountKey(user, identifier), ipKey(info.ip)])

  let valid = false
  if (user && user.password) {
    valid = await user.verifyPassword(password)
  } else {
    /* same work whether or not the account exists */
    await hash.use('scrypt').make(password)
  }
  if (!user || !valid) {
    throw new AccountError(
      await fail(user, identifier, info, ACCOUNT_TEXTS.wrongCredentials, 'password')
    )
  }
  assertUsable(user)
  await resetRate(accountKey(user, identifier), LOGIN_ACCOUNT_RULE)
  return user
}

/**
 * 短信登录 (免密码登录): an unknown phone gets a new 自然人 account
 * without a password. The account's state is told only after the code
 * (which a frozen or deregistered account's phone never gets).
 */
export async function attemptSmsLogin(
  phone: string,
  code: string,
  info: ClientInfo
): Promise<{ user: User; created: boolean }> {
  let user = await User.findBy('phone', phone)
  await assertNotLocked([accountKey(user, phone), ipKey(info.ip)])

  const result = await verificationCodes.verify(phone, 'login', code)
  if (!result.ok) {
    await penalize(ipKey(info.ip), LOGIN_IP_RULE)
    throw new AccountError(result.message, 'sms_code')
  }
  if (user) assertUsable(user, 'phone')
  if (user) {
    await resetRate(accountKey(user, phone), LOGIN_ACCOUNT_RULE)
    return { user, created: false }
  }

  try {
    user = await db.transaction((trx) =>
      insertAccount(
        trx,
        { accountType: 'person', phone, passwordSet: false },
        {
          action: 'accounts.user.register_by_sms',
          data: { accountType: 'person', phone },
          ip: info.ip,
          userAgent: info.userAgent,
        }
      )
    )
  } catch (error) {
    if (isUniqueViolation(error)) {
      const existing = await User.findByOrFail('phone', phone)
      assertUsable(existing, 'phone')
      return { user: existing, created: false }
    }
    throw error
  }
  return { user, created: true }
}

/**
 * After the guard's login: a login device, last_login_at, one audit entry.
 * Returns the device id to keep in the session (DEVICE_SESSION_KEY).
 */
export async function recordLogin(user: User, info: ClientInfo, method: 'password' | 'sms') {
  const device = await deviceSessions.open(user.id, {
    userAgent: info.userAgent,
    ip: info.ip,
    method,
  })
  user.lastLoginAt = DateTime.utc()
  await audit.save(user, null, {
    action: 'accounts.session.login',
    actor: { type: 'user', id: user.id, name: user.displayName },
    subjectType: 'user',
    data: { method, device: device.label },
    ip: info.ip,
    userAgent: info.userAgent,
  })
  return device
}

/**
 * 退出: the device of this session is signed out too.
 */
export async function recordLogout(user: User, deviceId: string | null | undefined) {
  if (deviceId) await deviceSessions.revoke(user.id, deviceId)
  await audit.record({
    action: 'accounts.session.logout',
    actor: { type: 'user', id: user.id, name: user.displayName },
    subjectType: 'user',
    subjectId: user.id,
  })
}
