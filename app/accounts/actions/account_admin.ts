import db from '@adonisjs/lucid/services/db'
import audit from '#core/audit/audit_service'
import messages from '#core/messages/message_service'
import User from '#accounts/models/user'
import deviceSessions from '#accounts/actions/device_sessions'
import { AccountStateError, assertUserTransition } from '#accounts/account_status'

/**
 * Staff freeze an account (e.g. suspected misuse): it can no longer sign
 * in and its devices are signed out; unfreezing restores it.
 */
export async function freezeAccount(userId: string, reason: string) {
  const user = await db.transaction(async (trx) => {
    const found = await User.query({ client: trx }).where('id', userId).firstOrFail()
    assertUserTransition(found.status, 'frozen')
    found.status = 'frozen'
    await found.save()
    await audit.record(
      {
        action: 'accounts.user.freeze',
        subjectType: 'user',
        subjectId: found.id,
        data: { reason },
      },
      trx
    )
    return found
  })
  await deviceSessions.revokeAllExcept(user.id, null)
  return user
}

export async function unfreezeAccount(userId: string, reason: string) {
  return db.transaction(async (trx) => {
    const found = await User.query({ client: trx }).where('id', userId).firstOrFail()
    if (found.status !== 'frozen') throw new AccountStateError('该账号未被冻结')
    assertUserTransition(found.status, 'active')
    found.status = 'active'
    await found.save()
    await audit.record(
      {
        action: 'accounts.user.unfreeze',
        subjectType: 'user',
        subjectId: found.id,
        data: { reason },
      },
      trx
    )
    await messages.send(
      found.id,
      {
        category: 'account',
        title: '您的账号已解冻',
        body: `您的账号已恢复正常使用。说明：${reason}`,
        link: '/account',
      },
      trx
    )
    return found
  })
}
