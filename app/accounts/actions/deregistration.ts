import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import logger from '@adonisjs/core/services/logger'
import sms from '#core/sms/sms_service'
import verificationCodes from '#core/sms/verification_codes'
import type User from '#accounts/models/user'
import deviceSessions from '#accounts/actions/device_sessions'
import { accountLifecycle } from '#accounts/account_lifecycle'
import { deregistrationBlockers } from '#accounts/deregistration_checks'
import { AccountError } from '#accounts/errors'

export {
  registerDeregistrationCheck,
  deregistrationBlockers,
} from '#accounts/deregistration_checks'

/**
 * 注销账号: refused while another module reports something unfinished
 * (active certificates, open orders); confirmed with a code sent to the
 * account's phone. The account becomes 已注销 and every device is signed
 * out. The phone stays with the account, for 账号申诉.
 */
export async function deregisterAccount(user: User, code: string) {
  const blockers = await deregistrationBlockers(user.id)
  if (blockers.length) throw new AccountError(`暂不能注销：${blockers.join('；')}`)
  const verified = await verificationCodes.verify(user.phone, 'deregister', code)
  if (!verified.ok) throw new AccountError(verified.message, 'sms_code')

  await db.transaction(async (trx) => {
    user.deregisteredAt = DateTime.utc()
    await accountLifecycle.apply(user, 'deregister', trx, { data: { phone: user.phone } })
  })
  await deviceSessions.revokeAllExcept(user.id, null)
  try {
    await sms.send(
      user.phone,
      '您的账号已注销，所有设备已退出登录。如需恢复账号，可在登录页通过“账号申诉”提交申请。',
      'notice:deregistered'
    )
  } catch (error) {
    logger.warn({ err: error }, 'deregistration sms failed')
  }
}
