import db from '@adonisjs/lucid/services/db'
import audit, { type AuditInput } from '#core/audit/audit_service'
import verificationCodes from '#core/sms/verification_codes'
import type User from '#accounts/models/user'
import deviceSessions from '#accounts/actions/device_sessions'
import { clearLoginFailures, findByLoginName } from '#accounts/actions/authentication'
import { ACCOUNT_TEXTS } from '#accounts/messages'
import { AccountError } from '#accounts/errors'

/**
 * The new password (hashed by the model) and its audit entry, in one
 * transaction.
 */
async function storePassword(user: User, password: string, entry: AuditInput) {
  await db.transaction(async (trx) => {
    user.useTransaction(trx)
    user.password = password
    user.passwordSet = true
    await user.save()
    await audit.record({ ...entry, subjectType: 'user', subjectId: user.id }, trx)
  })
}

/**
 * 忘记密码: the account (phone or email), the phone bound to it, the SMS
 * code sent to that phone, and the new password. Every device of the
 * account is signed out, and a login lock-out is lifted.
 *
 * The code comes first (it is only sent to an active account's phone), so
 * that nobody learns without one whether a phone or account exists.
 */
export async function resetPassword(input: {
  account: string
  phone: string
  smsCode: string
  password: string
}) {
  const code = await verificationCodes.verify(input.phone, 'reset_password', input.smsCode)
  if (!code.ok) throw new AccountError(code.message, 'sms_code')
  const user = await findByLoginName(input.account)
  if (!user || user.status !== 'active' || user.phone !== input.phone) {
    /* the same answer whether the account is unknown or the phone is not its own */
    throw new AccountError(ACCOUNT_TEXTS.accountPhoneMismatch, 'phone')
  }

  await storePassword(user, input.password, {
    action: 'accounts.password.reset',
    actor: { type: 'user', id: user.id, name: user.displayName },
  })
  await deviceSessions.revokeAllExcept(user.id, null)
  await clearLoginFailures(user)
  return user
}

/**
 * 修改密码 (current + new + confirm); an account made by SMS login sets
 * its first password without a current one. Other devices are signed out.
 */
export async function changePassword(
  user: User,
  input: { currentPassword?: string | null; password: string },
  currentDeviceId: string | null
): Promise<'changed' | 'set'> {
  const first = !user.hasPassword
  if (!first) {
    if (!input.currentPassword) throw new AccountError('请填写当前密码', 'current_password')
    if (!(await user.verifyPassword(input.currentPassword))) {
      throw new AccountError(ACCOUNT_TEXTS.currentPasswordWrong, 'current_password')
    }
    if (input.currentPassword === input.password)
      throw new AccountError(ACCOUNT_TEXTS.samePassword, 'password')
  }
  await storePassword(user, input.password, {
    action: first ? 'accounts.password.set' : 'accounts.password.change',
  })
  if (!first) await deviceSessions.revokeAllExcept(user.id, currentDeviceId)
  return first ? 'set' : 'changed'
}
