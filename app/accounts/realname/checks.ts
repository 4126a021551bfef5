import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import logger from '@adonisjs/core/services/logger'
import { urlFor } from '@adonisjs/core/services/url_builder'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import realNameConfig from '#config/realname'
import audit, { type AuditActor } from '#core/audit/audit_service'
import messages from '#core/messages/message_service'
import { consumeRates, describeWait } from '#core/rate_limit'
import { isUniqueViolation } from '#core/db_errors'
import { dbTime } from '#core/db_time'
import { maskBankCard, maskName, maskPhone } from '#core/validation/identity'
import User from '#accounts/models/user'
import { AccountError } from '#accounts/errors'
import RealNameRequest, { OWN_VERIFICATION } from './real_name_request.js'
import { CHECK_METHODS, realNameCheckLifecycle, type CheckMethod } from './check_lifecycle.js'

/**
 * The machinery every automatic method shares (身份证核验, 人脸识别,
 * 银行卡四要素, 运营商三要素): the guard of a verification, the one
 * verified account per document, the attempt limits, and the check's
 * lifecycle — opened pending (audited), then closed passed or failed
 * exactly once (a conditional UPDATE: a repeated callback or a second
 * click changes nothing), which verifies the account when the check was
 * the applicant's own real-name verification.
 */

export const TAKEN_MESSAGE = '该身份证号已在其他账号完成实名认证，如有疑问请联系客服'
export const UNAVAILABLE_MESSAGE = '实名核验服务暂时不可用，请稍后重试或选择人工审核'

/** who asked, and what for (real_name: the account's own verification) */
export interface CheckOwner {
  userId: string
  purpose: string
  reference?: string | null
  ip?: string | null
}

/** the person checked */
export interface CheckedPerson {
  name: string
  idNumber: string
  phone?: string | null
  bankCard?: string | null
}

/**
 * Another active account already verified with this document? (The
 * database's unique index decides a race: isUniqueViolation on save.)
 */
export async function documentTakenByOther(
  userId: string,
  idType: string,
  idNumber: string,
  trx?: TransactionClientContract
) {
  const other = await User.query({ client: trx })
    .where('real_id_type', idType)
    .where('real_id_number', idNumber)
    .where('real_name_status', 'verified')
    .whereNot('id', userId)
    .whereNot('status', 'deregistered')
    .first()
  return Boolean(other)
}

/**
 * The account becomes 已实名 with this document (saved by the caller).
 */
export function markVerified(
  user: User,
  doc: { idType: string; name: string; idNumber: string; method: string }
) {
  user.realNameStatus = 'verified'
  user.realName = doc.name
  user.realIdType = doc.idType
  user.realIdNumber = doc.idNumber
  user.realNameMethod = doc.method
  user.realNameVerifiedAt = DateTime.utc()
}

/** a verified or pending account submits nothing more */
export function guardVerification(user: User) {
  if (user.realNameStatus === 'verified') throw new AccountError('您已完成实名认证，无需重复认证')
  if (user.realNameStatus === 'pending')
    throw new AccountError('您的实名认证正在人工审核中，请耐心等待')
}

/**
 * One attempt of a method, counted per account (and method) and per IP:
 * each one is billed by the provider.
 */
export async function consumeAttempt(method: CheckMethod, userId: string, ip?: string | null) {
  const { perAccount, perIp } = realNameConfig.limits
  const account = await consumeRates([
    { key: `realname:${method}:user:${userId}`, rule: perAccount },
  ])
  if (!account.ok) {
    throw new AccountError(
      `今日核验次数已用完（${CHECK_METHODS[method]}），请 ${describeWait(account.retryAfter)}后再试，或选择其他认证方式`
    )
  }
  if (ip) {
    const byIp = await consumeRates([{ key: `realname:ip:${ip}`, rule: perIp }])
    if (!byIp.ok) {
      throw new AccountError(`核验过于频繁，请 ${describeWait(byIp.retryAfter)}后再试`)
    }
  }
}

/**
 * A new check, 核验中 (pending), with its audit entry
 * (accounts.real_name_check.start), committed before the provider is
 * asked: an attempt is on record even when the process dies meanwhile.
 */
export async function openCheck(
  method: CheckMethod,
  provider: string,
  owner: CheckOwner,
  person: CheckedPerson,
  extra: { expiresAt?: DateTime | null } = {}
): Promise<RealNameRequest> {
  return db.transaction(async (trx) => {
    const request = await RealNameRequest.create(
      {
        userId: owner.userId,
        purpose: owner.purpose,
        reference: owner.reference ?? null,
        method,
        idType: 'resident_id',
        name: person.name,
        idNumber: person.idNumber,
        phone: person.phone ?? null,
        bankCard: person.bankCard ? maskBankCard(person.bankCard) : null,
        status: 'pending',
        provider,
        resultMessage: null,
        frontKey: null,
        backKey: null,
        expiresAt: extra.expiresAt ?? null,
      },
      { client: trx }
    )
    await audit.record(
      {
        action: 'accounts.real_name_check.start',
        subjectType: 'real_name_request',
        subjectId: request.id,
        data: {
          method,
          provider,
          purpose: owner.purpose,
          ...(owner.reference ? { reference: owner.reference } : {}),
          name: maskName(person.name),
          ...(person.phone ? { phone: maskPhone(person.phone) } : {}),
        },
      },
      trx
    )
    return request
  })
}

export type CloseOutcome =
  | { applied: true; status: 'passed' | 'failed' | 'expired'; message: string }
  | { applied: false; status: string; message: string | null }

/**
 * Close a pending check once: passed (the account is verified when the
 * check was its own real-name verification, unless another account holds
 * the document: then it fails), failed, or expired. Anything but a
 * pending check is left as it is (applied: false) — a repeated callback,
 * a second click, a late answer.
 */
export async function closeCheck(
  requestId: string,
  verdict: { outcome: 'passed' | 'failed' | 'expired'; message: string },
  options: { source: string; actor?: AuditActor }
): Promise<CloseOutcome> {
  try {
    return await close(requestId, verdict, options)
  } catch (error) {
    /* another account verified the same document at the same moment: this one fails */
    if (!isUniqueViolation(error) || verdict.outcome !== 'passed') throw error
    return close(requestId, { outcome: 'failed', message: TAKEN_MESSAGE }, options)
  }
}

async function close(
  requestId: string,
  verdict: { outcome: 'passed' | 'failed' | 'expired'; message: string },
  options: { source: string; actor?: AuditActor }
): Promise<CloseOutcome> {
  const outcome = await db.transaction(async (trx): Promise<CloseOutcome> => {
    const request = await RealNameRequest.query({ client: trx }).where('id', requestId).first()
    if (!request || request.status !== 'pending') {
      return { applied: false, status: request?.status ?? 'missing', message: null }
    }
    let { outcome: to, message } = verdict
    let user: User | null = null
    if (to === 'passed' && request.isOwnVerification) {
      user = await User.query({ client: trx }).where('id', request.userId).firstOrFail()
      if (await documentTakenByOther(user.id, request.idType, request.idNumber, trx)) {
        to = 'failed'
        message = TAKEN_MESSAGE
      }
    }
    const now = new Date()
    const claimed = await RealNameRequest.query({ client: trx })
      .where('id', requestId)
      .where('status', 'pending')
      .update({
        status: to,
        result_message: message.slice(0, 255),
        finished_at: dbTime(now, trx),
        updated_at: dbTime(now, trx),
      })
    if (!affected(claimed)) return { applied: false, status: 'decided', message: null }

    if (to === 'passed' && user && user.realNameStatus !== 'verified') {
      user.useTransaction(trx)
      markVerified(user, {
        idType: request.idType,
        name: request.name,
        idNumber: request.idNumber,
        method: request.method,
      })
      await user.save()
    }
    const event = to === 'passed' ? 'pass' : to === 'failed' ? 'fail' : 'expire'
    await realNameCheckLifecycle.record(
      event,
      {
        from: 'pending',
        to,
        subjectId: request.id,
        data: {
          method: request.method,
          purpose: request.purpose,
          source: options.source,
          message,
          ...(user && to === 'passed' ? { user: user.id } : {}),
        },
      },
      trx,
      options.actor
    )
    if (to === 'passed' && user) {
      await messages.send(
        user.id,
        {
          category: 'account',
          title: '实名认证成功',
          body: `您已通过实名认证（${maskName(request.name)}，${CHECK_METHODS[request.method as CheckMethod] ?? request.methodLabel}）。姓名与证件号码将用于证书申请，且不可修改。`,
          link: urlFor('accounts.real_name.show'),
        },
        trx
      )
    }
    return { applied: true, status: to, message }
  })
  if (outcome.applied) await notifyFinished(requestId)
  return outcome
}

/**
 * The modules that asked for a check of their own purpose (a legal
 * representative's face, say) hear when it ends, after the commit.
 */
export type CheckFinishedHandler = (check: RealNameRequest) => Promise<void>
const finishedHandlers = new Map<string, CheckFinishedHandler>()

export function onCheckFinished(purpose: string, handler: CheckFinishedHandler) {
  if (purpose === OWN_VERIFICATION) throw new Error('real_name checks are handled by accounts')
  finishedHandlers.set(purpose, handler)
}

async function notifyFinished(requestId: string) {
  const request = await RealNameRequest.find(requestId)
  const handler = request ? finishedHandlers.get(request.purpose) : undefined
  if (!request || !handler) return
  try {
    await handler(request)
  } catch (error) {
    /* the check itself is recorded; the asking module reads it again (findRealNameCheck) */
    logger.error({ err: error, check: requestId }, 'real-name check handler failed')
  }
}

/**
 * A pending face session whose page time (plus the callback grace) is
 * over becomes 已过期 (once, audited); true when it did.
 */
export async function expireIfStale(request: RealNameRequest): Promise<boolean> {
  if (request.status !== 'pending' || !request.expiresAt) return false
  const deadline = request.expiresAt.plus({ seconds: realNameConfig.face.callbackGraceSeconds })
  if (deadline > DateTime.utc()) return false
  const outcome = await closeCheck(
    request.id,
    { outcome: 'expired', message: '人脸识别超时未完成' },
    { source: 'timeout' }
  )
  await request.refresh()
  return outcome.applied
}

function affected(result: unknown): number {
  return Number(Array.isArray(result) ? result[0] : result) || 0
}
