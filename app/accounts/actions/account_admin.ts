import db from '@adonisjs/lucid/services/db'
import messages from '#core/messages/message_service'
import { urlFor } from '@adonisjs/core/services/url_builder'
import User from '#accounts/models/user'
import deviceSessions from '#accounts/actions/device_sessions'
import { accountLifecycle } from '#accounts/account_lifecycle'

/**
 * Staff freeze an account (e.g. suspected misuse): it can no longer sign
 * in and its devices are signed out; unfreezing restores it. Both are
 * transitions of accountLifecycle (one audit entry each, with the reason).
 */
export async function freezeAccount(userId: string, reason: string) {
  return db.transaction(async (trx) => {
    const user = await User.query({ client: trx }).where('id', userId).firstOrFail()
    await accountLifecycle.apply(user, 'freeze', trx, { data: { reason } })
    await deviceSessions.revokeAllExcept(user.id, null, trx)
    return user
  })
}

export async function unfreezeAccount(userId: string, reason: string) {
  return db.transaction(async (trx) => {
    const user = await User.query({ client: trx }).where('id', userId).firstOrFail()
    await accountLifecycle.apply(user, 'unfreeze', trx, { data: { reason } })
    await messages.send(
      user.id,
      {
        category: 'account',
        title: '您的账号已解冻',
        body: `您的账号已恢复正常使用。说明：${reason}`,
        link: urlFor('accounts.account.show'),
      },
      trx
    )
    return user
  })
}
