import db from '@adonisjs/lucid/services/db'
import { urlFor } from '@adonisjs/core/services/url_builder'
import audit from '#core/audit/audit_service'
import { defineReview } from '#core/review'
import { nextId } from '#core/ids'
import verificationCodes from '#core/sms/verification_codes'
import { maskPhone } from '#core/validation/identity'
import User from '#accounts/models/user'
import AccountAppeal from '#accounts/models/account_appeal'
import { accountLifecycle } from '#accounts/account_lifecycle'
import { rejectionText } from '#accounts/review_texts'
import { ACCOUNT_TEXTS } from '#accounts/messages'
import { AccountError } from '#accounts/errors'

export interface AppealInput {
  idNumber: string
  realName: string
  contactPhone: string
  smsCode: string
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

/**
 * 账号申诉 (no login): the contact phone's SMS code first (nobody learns
 * without one whether a name and ID number have an account), then the
 * match against deregistered accounts, then a request that staff review.
 */
export async function submitAppeal(input: AppealInput, ip: string | null) {
  const code = await verificationCodes.verify(input.contactPhone, 'verify_phone', input.smsCode)
  if (!code.ok) throw new AccountError(code.message, 'sms_code')
  const user = await findDeregisteredAccount(input.idNumber, input.realName)
  if (!user) throw new AccountError(ACCOUNT_TEXTS.appealNoMatch, 'id_number')
  const pending = await AccountAppeal.query()
    .where('user_id', user.id)
    .where('status', 'pending')
    .first()
  if (pending) throw new AccountError(ACCOUNT_TEXTS.pendingAppeal)

  return db.transaction(async (trx) => {
    const appeal = new AccountAppeal()
    appeal.fill({
      requestNo: nextId(),
      userId: user.id,
      realName: input.realName.trim(),
      idNumber: input.idNumber.toUpperCase(),
      contactPhone: input.contactPhone,
      description: input.description,
      status: 'pending',
      ip,
    })
    await audit.save(appeal, trx, {
      action: 'accounts.appeal.submit',
      actor: { type: 'system', id: null, name: '未登录申请人' },
      subjectType: 'account_appeal',
      data: { requestNo: appeal.requestNo, phone: appeal.contactPhone },
    })
    return appeal
  })
}

/**
 * 账号申诉审核 (the one review workflow, #core/review). Approving restores
 * the account (已注销 → 正常), optionally with the appeal's contact phone
 * as its new login phone; rejecting keeps it deregistered. The appellant
 * is told by SMS on the contact phone (and a message in the account).
 */
export const appealReview = defineReview({
  name: 'accounts.appeal',
  subject: 'account_appeal',
  noun: '账号申诉',
  model: AccountAppeal,
  auditActions: {
    'accounts.appeal.submit': '提交账号申诉',
    'accounts.appeal.reject': '账号申诉被驳回',
  },

  async onApprove(appeal, { trx, input }) {
    const user = await User.query({ client: trx }).where('id', appeal.userId).firstOrFail()
    const oldPhone = user.phone
    let phone = user.phone
    if (input.options?.use_contact_phone && appeal.contactPhone !== user.phone) {
      const other = await User.query({ client: trx })
        .where('phone', appeal.contactPhone)
        .whereNot('id', user.id)
        .first()
      if (other) throw new AccountError('申诉联系电话已被其他账号使用，不能设为登录手机号')
      phone = appeal.contactPhone
    }
    user.merge({ deregisteredAt: null, phone })
    await accountLifecycle.apply(user, 'restore', trx, { data: { requestNo: appeal.requestNo } })
    appeal.useTransaction(trx)
    appeal.restoredPhone = phone
    await appeal.save()
    return {
      requestNo: appeal.requestNo,
      restoredPhone: phone,
      oldPhone: phone !== oldPhone ? oldPhone : undefined,
    }
  },

  async onReject(appeal) {
    return { requestNo: appeal.requestNo }
  },

  notify(appeal, outcome, { input }) {
    if (outcome === 'approved') {
      const phone = maskPhone(appeal.restoredPhone ?? '')
      return {
        userId: appeal.userId,
        title: '账号申诉已通过，账号已恢复',
        body: `申诉编号 ${appeal.requestNo}：您的账号已恢复正常，请使用手机号 ${phone} 登录。`,
        link: urlFor('accounts.account.show'),
        sms: {
          phone: appeal.contactPhone,
          text: `您的账号申诉（编号 ${appeal.requestNo}）已审核通过，账号已恢复，请使用手机号 ${phone} 登录。`,
          purpose: 'notice:appeal',
        },
      }
    }
    const why = rejectionText(appealReview, input)
    return {
      userId: appeal.userId,
      title: '账号申诉未通过',
      body: `申诉编号 ${appeal.requestNo}：您的账号申诉未通过审核。${why}`,
      sms: {
        phone: appeal.contactPhone,
        text: `您的账号申诉（编号 ${appeal.requestNo}）未通过审核。${why}如有疑问请联系客服。`,
        purpose: 'notice:appeal',
      },
    }
  },
})
