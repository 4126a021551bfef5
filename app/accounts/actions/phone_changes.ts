import db from '@adonisjs/lucid/services/db'
import logger from '@adonisjs/core/services/logger'
import { urlFor } from '@adonisjs/core/services/url_builder'
import audit from '#core/audit/audit_service'
import { defineReview } from '#core/review'
import messages from '#core/messages/message_service'
import sms from '#core/sms/sms_service'
import storage from '#core/storage'
import { nextId } from '#core/ids'
import verificationCodes from '#core/sms/verification_codes'
import { maskPhone } from '#core/validation/identity'
import type { InspectedUpload } from '#core/uploads'
import User from '#accounts/models/user'
import PhoneChangeRequest from '#accounts/models/phone_change_request'
import deviceSessions from '#accounts/actions/device_sessions'
import { findByLoginName } from '#accounts/actions/authentication'
import { rejectionText } from '#accounts/review_texts'
import { ACCOUNT_TEXTS } from '#accounts/messages'
import { isUniqueViolation } from '#core/db_errors'
import { AccountError } from '#accounts/errors'

/** ID photo for a lost-phone request: jpg/png, at most 5 MB */
export const ID_PHOTO_RULE = { types: ['jpg', 'png'] as const, maxSize: 5 * 1024 * 1024 }

async function assertPhoneUnused(phone: string, user: User | null, field = 'new_phone') {
  if (user && user.phone === phone) throw new AccountError(ACCOUNT_TEXTS.phoneSameAsCurrent, field)
  const other = await User.findBy('phone', phone)
  if (other) throw new AccountError(ACCOUNT_TEXTS.phoneUsedByOther, field)
}

async function notifyBySms(phone: string, text: string, purpose: string) {
  try {
    await sms.send(phone, text, purpose)
  } catch (error) {
    logger.warn({ err: error, purpose }, 'notification sms failed')
  }
}

/**
 * 更换手机号 with the current password and a code sent to the new phone.
 * The old phone is told by SMS.
 */
export async function changePhone(
  user: User,
  input: { newPhone: string; smsCode: string; currentPassword: string }
) {
  if (!user.hasPassword) throw new AccountError(ACCOUNT_TEXTS.needPasswordFirst, 'current_password')
  if (!(await user.verifyPassword(input.currentPassword))) {
    throw new AccountError(ACCOUNT_TEXTS.currentPasswordWrong, 'current_password')
  }
  await assertPhoneUnused(input.newPhone, user)
  const code = await verificationCodes.verify(input.newPhone, 'change_phone', input.smsCode)
  if (!code.ok) throw new AccountError(code.message, 'sms_code')

  const oldPhone = user.phone
  try {
    await db.transaction(async (trx) => {
      user.phone = input.newPhone
      await audit.save(user, trx, {
        action: 'accounts.phone.change',
        subjectType: 'user',
        data: { oldPhone, newPhone: input.newPhone },
      })
    })
  } catch (error) {
    if (isUniqueViolation(error))
      throw new AccountError(ACCOUNT_TEXTS.phoneUsedByOther, 'new_phone')
    throw error
  }
  await notifyBySms(
    oldPhone,
    `您的账号绑定手机号已更换为 ${maskPhone(input.newPhone)}。如非本人操作，请立即联系客服。`,
    'notice:phone_changed'
  )
  return user
}

/**
 * Whether the ID number typed by the applicant matches the account's
 * registered or verified one (accounts with neither, e.g. organisations
 * before real-name verification, are left to the reviewer).
 */
export function idNumberMatches(user: User, idNumber: string): boolean | null {
  const known = [user.idNumber, user.realIdNumber]
    .filter((v): v is string => Boolean(v))
    .map((v) => v.toUpperCase())
  if (!known.length) return null
  return known.includes(idNumber.toUpperCase())
}

export interface LostPhoneInput {
  newPhone: string
  smsCode: string
  idNumber: string
  reason: string
}

type InspectedPhoto = Extract<InspectedUpload, { ok: true }>

/**
 * What refuses a lost-phone request of this account, before its code.
 */
async function assertLostPhoneRequestAllowed(
  user: User,
  input: LostPhoneInput,
  source: 'account' | 'guest'
) {
  if (user.status !== 'active')
    throw new AccountError(
      ACCOUNT_TEXTS.phoneDeregistered,
      source === 'guest' ? 'account' : undefined
    )
  const pending = await PhoneChangeRequest.query()
    .where('user_id', user.id)
    .where('status', 'pending')
    .first()
  if (pending) throw new AccountError(ACCOUNT_TEXTS.pendingPhoneRequest)
  if (idNumberMatches(user, input.idNumber) === false)
    throw new AccountError(ACCOUNT_TEXTS.idNumberMismatch, 'id_number')
  await assertPhoneUnused(input.newPhone, user)
}

async function assertNewPhoneCode(input: LostPhoneInput) {
  const code = await verificationCodes.verify(input.newPhone, 'change_phone', input.smsCode)
  if (!code.ok) throw new AccountError(code.message, 'sms_code')
}

/**
 * 原手机号丢失 (signed in): a request with the new phone (verified by
 * SMS), the ID number, the reason and a photo of the ID document, for
 * staff review.
 */
export async function submitLostPhoneRequest(
  user: User,
  input: LostPhoneInput,
  photo: InspectedPhoto,
  meta: { source: 'account' | 'guest'; ip: string | null }
) {
  await assertLostPhoneRequestAllowed(user, input, meta.source)
  await assertNewPhoneCode(input)
  return storeLostPhoneRequest(user, input, photo, meta)
}

/**
 * The same from the forgot-password page (not signed in): the account is
 * named by its phone or email. The new phone's code is checked before the
 * account is looked up, so that nobody learns without one whether an
 * account exists or which ID number it has.
 */
export async function submitGuestLostPhoneRequest(
  input: LostPhoneInput & { account: string },
  photo: InspectedPhoto,
  meta: { ip: string | null }
) {
  await assertNewPhoneCode(input)
  const user = await findByLoginName(input.account)
  if (!user) throw new AccountError('账号不存在，请核对后重新输入', 'account')
  await assertLostPhoneRequestAllowed(user, input, 'guest')
  return storeLostPhoneRequest(user, input, photo, { source: 'guest', ip: meta.ip })
}

async function storeLostPhoneRequest(
  user: User,
  input: LostPhoneInput,
  photo: InspectedPhoto,
  meta: { source: 'account' | 'guest'; ip: string | null }
) {
  const key = storage.makeKey(`accounts/phone-changes/${user.id}`, photo.type)
  await storage.put(key, photo.buffer)
  return db.transaction(async (trx) => {
    const request = new PhoneChangeRequest()
    request.useTransaction(trx)
    request.fill({
      requestNo: nextId(),
      userId: user.id,
      source: meta.source,
      oldPhone: user.phone,
      newPhone: input.newPhone,
      idNumber: input.idNumber.toUpperCase(),
      reason: input.reason,
      photoKey: key,
      photoType: photo.type,
      photoSize: photo.size,
      status: 'pending',
      ip: meta.ip,
    })
    await audit.save(request, trx, {
      action: 'accounts.phone_request.submit',
      actor:
        meta.source === 'guest' ? { type: 'system', id: null, name: '未登录申请人' } : undefined,
      subjectType: 'phone_change_request',
      data: { requestNo: request.requestNo, newPhone: request.newPhone, source: meta.source },
    })
    await messages.send(
      user.id,
      {
        category: 'account',
        title: '已收到您的手机号变更申请',
        body: `申请编号 ${request.requestNo}：将绑定手机号更换为 ${maskPhone(request.newPhone)}。工作人员审核后，结果将通过短信发送至新手机号，并在消息中心通知您。`,
        link: urlFor('accounts.phone.showRequest', { id: request.id }),
      },
      trx
    )
    return request
  })
}

/**
 * The applicant withdraws a pending request (the review's `cancel`: a
 * request being decided cannot also be withdrawn).
 */
export async function cancelPhoneRequest(user: User, request: PhoneChangeRequest) {
  if (request.userId !== user.id) throw new AccountError('申请不存在')
  await phoneChangeReview.cancel(request.id)
}

/**
 * 手机号变更审核 (the one review workflow, #core/review). Approving moves
 * the account to the new phone and signs every device out, in the
 * decision's transaction; the applicant is told by SMS (new phone) and
 * message either way.
 */
export const phoneChangeReview = defineReview({
  name: 'accounts.phone_request',
  subject: 'phone_change_request',
  noun: '手机号变更申请',
  model: PhoneChangeRequest,
  auditActions: {
    'accounts.phone_request.submit': '提交手机号变更申请',
    'accounts.phone_request.cancel': '撤回手机号变更申请',
    'accounts.phone_request.reject': '手机号变更申请被驳回',
  },

  async onApprove(request, { trx }) {
    const user = await User.query({ client: trx }).where('id', request.userId).firstOrFail()
    if (user.status !== 'active')
      throw new AccountError(`账号当前状态为“${user.statusLabel}”，不能更换手机号，请驳回`)
    const other = await User.query({ client: trx })
      .where('phone', request.newPhone)
      .whereNot('id', user.id)
      .first()
    if (other) throw new AccountError('新手机号已被其他账号使用，无法通过，请驳回该申请')
    const oldPhone = user.phone
    user.useTransaction(trx)
    user.phone = request.newPhone
    await user.save()
    await deviceSessions.revokeAllExcept(user.id, null, trx)
    return { requestNo: request.requestNo, oldPhone, newPhone: request.newPhone }
  },

  async onReject(request) {
    return { requestNo: request.requestNo }
  },

  notify(request, outcome, { input }) {
    const link = urlFor('accounts.phone.showRequest', { id: request.id })
    if (outcome === 'approved') {
      return {
        userId: request.userId,
        title: '手机号变更申请已通过',
        body: `申请编号 ${request.requestNo}：您的账号绑定手机号已更换为 ${maskPhone(request.newPhone)}，请使用新手机号登录。为保障安全，所有设备已退出登录。`,
        link,
        sms: {
          phone: request.newPhone,
          text: `您的手机号变更申请（编号 ${request.requestNo}）已审核通过，账号绑定手机号已更换为本号码，请使用本号码登录。`,
          purpose: 'notice:phone_request',
        },
      }
    }
    const why = rejectionText(phoneChangeReview, input)
    return {
      userId: request.userId,
      title: '手机号变更申请未通过',
      body: `申请编号 ${request.requestNo}：您的手机号变更申请未通过审核。${why}您可以补充材料后重新提交申请。`,
      link,
      sms: {
        phone: request.newPhone,
        text: `您的手机号变更申请（编号 ${request.requestNo}）未通过审核。${why}如有疑问请联系客服。`,
        purpose: 'notice:phone_request',
      },
    }
  },
})
