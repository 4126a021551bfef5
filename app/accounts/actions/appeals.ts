import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import logger from '@adonisjs/core/services/logger'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import audit from '#core/audit/audit_service'
import messages from '#core/messages/message_service'
import sms from '#core/sms/sms_service'
import { nextId } from '#core/ids'
import verificationCodes from '#core/sms/verification_codes'
import { maskPhone } from '#core/validation/identity'
import User from '#accounts/models/user'
import AccountAppeal from '#accounts/models/account_appeal'
import { assertReviewTransition } from '#accounts/review_status'
import { assertUserTransition } from '#accounts/account_status'
import type { Reviewer } from '#accounts/actions/phone_changes'
import { ACCOUNT_TEXTS } from '#accounts/messages'
import { AccountError } from '#accounts/errors'

export interface AppealInput {
  id_number: string
  real_name: string
  contact_phone: string
  sms_code: string
  description: string
}

/**
 * The deregistered account an appellant designates: the registered name
 * and ID number of a 自然人 account, or the verified (实名) ones of any
 * account. The most recently deregistered one when several match.
 */
export async function findDeregisteredAccount(idNumber: string, realName: string) {
  const id = idNumber.toUpperCase()
  const name = realName.trim()
  return User.query()
    .where('status', 'deregistered')
    .where((q) => {
      q.where((p) =>
        p.where('account_type', 'person').where('id_number', id).where('name', name)
      ).orWhere((p) => p.where('real_id_number', id).where('real_name', name))
    })
    .orderBy('deregistered_at', 'desc')
    .first()
}

async function notifyBySms(phone: string, text: string) {
  try {
    await sms.send(phone, text, 'notice:appeal')
  } catch (error) {
    logger.warn({ err: error }, 'appeal sms failed')
  }
}

/**
 * 账号申诉 (no login): the contact phone's SMS code first (nobody learns
 * without one whether a name and ID number have an account), then the
 * match against deregistered accounts, then a request that staff review.
 */
export async function submitAppeal(input: AppealInput, ip: string | null) {
  const code = await verificationCodes.verify(input.contact_phone, 'verify_phone', input.sms_code)
  if (!code.ok) throw new AccountError(code.message, 'sms_code')
  const user = await findDeregisteredAccount(input.id_number, input.real_name)
  if (!user) throw new AccountError(ACCOUNT_TEXTS.appealNoMatch, 'id_number')
  const pending = await AccountAppeal.query()
    .where('user_id', user.id)
    .where('status', 'pending')
    .first()
  if (pending) throw new AccountError(ACCOUNT_TEXTS.pendingAppeal)

  return db.transaction(async (trx) => {
    const appeal = new AccountAppeal()
    appeal.useTransaction(trx)
    appeal.fill({
      requestNo: nextId(),
      userId: user.id,
      realName: input.real_name.trim(),
      idNumber: input.id_number.toUpperCase(),
      contactPhone: input.contact_phone,
      description: input.description,
      status: 'pending',
      ip,
    })
    await appeal.save()
    await audit.record(
      {
        action: 'accounts.appeal.submit',
        actor: { type: 'system', id: null, name: '未登录申请人' },
        subjectType: 'account_appeal',
        subjectId: appeal.id,
        data: { requestNo: appeal.requestNo, phone: appeal.contactPhone },
      },
      trx
    )
    return appeal
  })
}

async function lockAppeal(id: string, trx: TransactionClientContract) {
  const query = AccountAppeal.query({ client: trx }).where('id', id)
  if (trx.dialect.name === 'postgres') query.forUpdate()
  return query.firstOrFail()
}

/**
 * Staff approve: the account is restored (已注销 → 正常), optionally with
 * the appeal's contact phone as its new login phone.
 */
export async function approveAppeal(
  reviewer: Reviewer,
  appealId: string,
  options: { note?: string | null; useContactPhone?: boolean }
) {
  const appeal = await db.transaction(async (trx) => {
    const locked = await lockAppeal(appealId, trx)
    assertReviewTransition(locked.status, 'approved')
    const user = await User.query({ client: trx }).where('id', locked.userId).firstOrFail()
    assertUserTransition(user.status, 'active')
    let phone = user.phone
    if (options.useContactPhone && locked.contactPhone !== user.phone) {
      const other = await User.query({ client: trx })
        .where('phone', locked.contactPhone)
        .whereNot('id', user.id)
        .first()
      if (other) throw new AccountError('申诉联系电话已被其他账号使用，不能设为登录手机号')
      phone = locked.contactPhone
    }
    const oldPhone = user.phone
    user.merge({ status: 'active', deregisteredAt: null, phone })
    await user.save()
    locked.merge({
      status: 'approved',
      reviewReason: options.note || null,
      reviewedById: reviewer.id,
      reviewedByName: reviewer.displayName,
      reviewedAt: DateTime.utc(),
      restoredPhone: phone,
    })
    await locked.save()
    await audit.record(
      {
        action: 'accounts.appeal.approve',
        subjectType: 'account_appeal',
        subjectId: locked.id,
        data: {
          requestNo: locked.requestNo,
          restoredPhone: phone,
          oldPhone: phone !== oldPhone ? oldPhone : undefined,
          reason: options.note || undefined,
        },
      },
      trx
    )
    await messages.send(
      user.id,
      {
        category: 'review',
        title: '账号申诉已通过，账号已恢复',
        body: `申诉编号 ${locked.requestNo}：您的账号已恢复正常，请使用手机号 ${maskPhone(phone)} 登录。`,
        link: '/account',
      },
      trx
    )
    return locked
  })
  await notifyBySms(
    appeal.contactPhone,
    `您的账号申诉（编号 ${appeal.requestNo}）已审核通过，账号已恢复，请使用手机号 ${maskPhone(appeal.restoredPhone)} 登录。`
  )
  return appeal
}

/**
 * Staff reject with a reason; the appellant is told by SMS (contact phone).
 */
export async function rejectAppeal(reviewer: Reviewer, appealId: string, reason: string) {
  const appeal = await db.transaction(async (trx) => {
    const locked = await lockAppeal(appealId, trx)
    assertReviewTransition(locked.status, 'rejected')
    locked.merge({
      status: 'rejected',
      reviewReason: reason,
      reviewedById: reviewer.id,
      reviewedByName: reviewer.displayName,
      reviewedAt: DateTime.utc(),
    })
    await locked.save()
    await audit.record(
      {
        action: 'accounts.appeal.reject',
        subjectType: 'account_appeal',
        subjectId: locked.id,
        data: { requestNo: locked.requestNo, reason },
      },
      trx
    )
    await messages.send(
      locked.userId,
      {
        category: 'review',
        title: '账号申诉未通过',
        body: `申诉编号 ${locked.requestNo}：您的账号申诉未通过审核。原因：${reason}。`,
        link: null,
      },
      trx
    )
    return locked
  })
  await notifyBySms(
    appeal.contactPhone,
    `您的账号申诉（编号 ${appeal.requestNo}）未通过审核，原因：${reason}。如有疑问请联系客服。`
  )
  return appeal
}
