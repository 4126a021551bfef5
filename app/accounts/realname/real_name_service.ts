import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import { urlFor } from '@adonisjs/core/services/url_builder'
import realNameConfig from '#config/realname'
import audit, { type AuditActor } from '#core/audit/audit_service'
import storage from '#core/storage'
import { withLock } from '#core/locks'
import verificationCodes, { registerCodePurposes } from '#core/sms/verification_codes'
import type User from '#accounts/models/user'
import { AccountError } from '#accounts/errors'
import RealNameRequest, { OWN_VERIFICATION } from './real_name_request.js'
import type { CheckMethod } from './check_lifecycle.js'
import {
  CallbackRejected,
  RealNameProviderError,
  type RawCallback,
  type RealNameVerdict,
} from './providers/contract.js'
import { makeRealNameProviders, type RealNameProviders } from './providers/index.js'
import {
  TAKEN_MESSAGE,
  UNAVAILABLE_MESSAGE,
  closeCheck,
  consumeAttempt,
  documentTakenByOther,
  expireIfStale,
  guardVerification,
  openCheck,
  type CheckedPerson,
} from './checks.js'

export { documentTakenByOther, markVerified } from './checks.js'

/** the SMS code of 银行卡四要素 / 运营商三要素 (sent to the phone being checked) */
export const REAL_NAME_CODE_PURPOSE = 'real_name'
registerCodePurposes({ [REAL_NAME_CODE_PURPOSE]: '实名认证' })

/**
 * One real-name submission per account at a time, across every process
 * and instance (#core/locks): 立即核验 or 开始认证 clicked twice must not
 * call the provider twice (each call is billed), nor record and announce
 * the same verification twice. The second one waits, then sees what the
 * first left (已实名 / 审核中 / the code used).
 */
function oneAtATime<T>(userId: string, run: () => Promise<T>): Promise<T> {
  return withLock(`real-name:${userId}`, run)
}

/** who asks for a check: the applicant, for their own account or for another module's purpose */
export interface CheckRequester {
  user: User
  /** real_name (default): verifies the account; anything else: a check another module asked for */
  purpose?: string
  reference?: string | null
  ip?: string | null
  /** the form fields refusals belong to, where the caller's form names them otherwise */
  fields?: Partial<Record<'name' | 'idNumber' | 'phone' | 'bankCard' | 'smsCode', string>>
}

export interface PersonInput {
  realName: string
  idNumber: string
}

export interface BankCardInput extends PersonInput {
  bankCard: string
  phone: string
  smsCode: string
}

export interface OperatorInput extends PersonInput {
  phone: string
  smsCode: string
}

export interface ManualInput {
  idType: string
  realName: string
  idNumber: string
}

export interface ManualPhotos {
  front: { buffer: Buffer; ext: string }
  back: { buffer: Buffer; ext: string }
}

/** what a finished element check says */
export interface CheckResult {
  check: RealNameRequest
  passed: boolean
  message: string
}

/** the answer to a provider's callback */
export interface CallbackAnswer {
  status: number
  body: { code: number; message: string }
}

const DEFAULT_FIELDS = {
  name: 'real_name',
  idNumber: 'id_number',
  phone: 'phone',
  bankCard: 'bank_card',
  smsCode: 'sms_code',
}

function fieldsOf(requester: CheckRequester) {
  return { ...DEFAULT_FIELDS, ...requester.fields }
}

function verdictOutcome(verdict: RealNameVerdict) {
  return verdict.result === 'match'
    ? { outcome: 'passed' as const, message: '核验通过' }
    : { outcome: 'failed' as const, message: verdict.message }
}

/**
 * 实名认证: the automatic methods through their providers (身份证核验,
 * 银行卡四要素, 运营商三要素 at once; 人脸识别 through the phone and a
 * callback) and 人工审核 (photos, staff review: realNameReview). Checks
 * other modules ask for (a legal representative's phone …) go through
 * the same methods with their own purpose and never verify the account.
 */
export class RealNameService {
  constructor(public providers: RealNameProviders = makeRealNameProviders()) {}

  /** every provider in sandbox mode, for the banner and the page */
  get sandboxMethods(): string[] {
    const { idCard, face, bankCard, operator } = this.providers
    return [
      idCard.sandbox ? '身份证核验' : null,
      face.sandbox ? '人脸识别' : null,
      bankCard.sandbox ? '银行卡四要素' : null,
      operator.sandbox ? '运营商三要素' : null,
    ].filter((v): v is string => Boolean(v))
  }

  /**
   * Before any provider is asked: the account is not verified (nor under
   * review) and nobody else holds the document — for the account's own
   * verification only.
   */
  async #precheck(requester: CheckRequester, idNumber: string) {
    if ((requester.purpose ?? OWN_VERIFICATION) !== OWN_VERIFICATION) return
    await requester.user.refresh()
    guardVerification(requester.user)
    if (await documentTakenByOther(requester.user.id, 'resident_id', idNumber)) {
      throw new AccountError(TAKEN_MESSAGE, fieldsOf(requester).idNumber)
    }
  }

  async #verifyCode(requester: CheckRequester, phone: string, code: string) {
    const checked = await verificationCodes.verify(phone, REAL_NAME_CODE_PURPOSE, code)
    if (!checked.ok) throw new AccountError(checked.message, fieldsOf(requester).smsCode)
  }

  /**
   * An element check end to end: the limits, the pending row, the
   * provider, the verdict applied once. A provider that cannot be asked
   * fails the check ("unavailable") and refuses.
   */
  async #runElements(
    method: CheckMethod,
    provider: { name: string },
    requester: CheckRequester,
    person: CheckedPerson,
    ask: () => Promise<RealNameVerdict>
  ): Promise<CheckResult> {
    await consumeAttempt(method, requester.user.id, requester.ip)
    const check = await openCheck(
      method,
      provider.name,
      {
        userId: requester.user.id,
        purpose: requester.purpose ?? OWN_VERIFICATION,
        reference: requester.reference,
        ip: requester.ip,
      },
      person
    )
    let verdict: RealNameVerdict
    try {
      verdict = await ask()
    } catch (error) {
      return providerFailed(check.id, error)
    }
    const outcome = await closeCheck(check.id, verdictOutcome(verdict), { source: 'provider' })
    await check.refresh()
    return { check, passed: check.status === 'passed', message: outcome.message ?? '' }
  }

  /**
   * The account's own verification: a failed check is a refusal with its
   * reason (the failed attempt is on record first).
   */
  #ownOutcome(requester: CheckRequester, result: CheckResult) {
    if (result.passed) return result
    if (result.message === TAKEN_MESSAGE) {
      throw new AccountError(TAKEN_MESSAGE, fieldsOf(requester).idNumber)
    }
    throw new AccountError(`核验未通过：${result.message}`)
  }

  /**
   * 身份证核验: name + resident ID number; the account is verified at once
   * when they match.
   */
  async verifyOnline(user: User, input: PersonInput, ip: string | null = null) {
    const requester = { user, ip }
    return oneAtATime(user.id, async () => {
      await this.#precheck(requester, input.idNumber)
      const result = await this.#runElements(
        'online',
        this.providers.idCard,
        requester,
        { name: input.realName, idNumber: input.idNumber },
        () => this.providers.idCard.check({ name: input.realName, idNumber: input.idNumber })
      )
      return this.#ownOutcome(requester, result)
    })
  }

  /**
   * 银行卡四要素: name, ID number, card number (Luhn-checked by the
   * validator) and the card's reserved phone, proven by an SMS code sent
   * to that phone. For the account (purpose real_name) or for another
   * module's purpose (then the result is returned, never thrown).
   */
  checkBankCard(requester: CheckRequester, input: BankCardInput): Promise<CheckResult> {
    const { bankCard } = this.providers
    const person = { name: input.realName, idNumber: input.idNumber, phone: input.phone }
    return this.#checkWithCode('bank_card', bankCard, requester, input, () =>
      bankCard.check({ ...person, cardNumber: input.bankCard })
    )
  }

  /**
   * 运营商三要素: name, ID number and phone, proven by an SMS code sent to
   * that phone. For the account or for another module's purpose (e.g. an
   * organisation claim by the legal representative's phone).
   */
  checkOperator(requester: CheckRequester, input: OperatorInput): Promise<CheckResult> {
    const { operator } = this.providers
    return this.#checkWithCode('operator', operator, requester, input, () =>
      operator.check({ name: input.realName, idNumber: input.idNumber, phone: input.phone })
    )
  }

  /**
   * The element checks proven by an SMS code to the checked phone: one at
   * a time per account, the guard, the code (a wrong one is refused before
   * the provider is asked and counts nothing), then the check.
   */
  #checkWithCode(
    method: 'bank_card' | 'operator',
    provider: { name: string },
    requester: CheckRequester,
    input: PersonInput & { phone: string; smsCode: string; bankCard?: string },
    ask: () => Promise<RealNameVerdict>
  ): Promise<CheckResult> {
    return oneAtATime(requester.user.id, async () => {
      await this.#precheck(requester, input.idNumber)
      await this.#verifyCode(requester, input.phone, input.smsCode)
      const person = {
        name: input.realName,
        idNumber: input.idNumber,
        phone: input.phone,
        bankCard: input.bankCard ?? null,
      }
      const result = await this.#runElements(method, provider, requester, person, ask)
      return (requester.purpose ?? OWN_VERIFICATION) === OWN_VERIFICATION
        ? this.#ownOutcome(requester, result)
        : result
    })
  }

  /**
   * 人脸识别: a session at the provider whose H5 page the phone opens (QR
   * code or link); the result comes by callback. A live session for the
   * same person is reused (a second click starts nothing new); one for
   * other details, or whose time is up, ends as 已过期.
   */
  async startFace(requester: CheckRequester, input: PersonInput): Promise<RealNameRequest> {
    const purpose = requester.purpose ?? OWN_VERIFICATION
    return oneAtATime(requester.user.id, async () => {
      await this.#precheck(requester, input.idNumber)
      const live = await RealNameRequest.query()
        .where('user_id', requester.user.id)
        .where('method', 'face')
        .where('purpose', purpose)
        .where('status', 'pending')
        .orderBy('created_at', 'desc')
      for (const session of live) {
        if (await expireIfStale(session)) continue
        const usable = session.expiresAt && session.expiresAt > DateTime.utc()
        if (
          usable &&
          session.name === input.realName &&
          session.idNumber === input.idNumber &&
          session.reference === (requester.reference ?? null)
        ) {
          return session
        }
        await closeCheck(
          session.id,
          { outcome: 'expired', message: '已重新发起人脸识别' },
          { source: 'restart' }
        )
      }

      await consumeAttempt('face', requester.user.id, requester.ip)
      const provider = this.providers.face
      const face = realNameConfig.face
      const check = await openCheck(
        'face',
        provider.name,
        { userId: requester.user.id, purpose, reference: requester.reference, ip: requester.ip },
        { name: input.realName, idNumber: input.idNumber },
        { expiresAt: DateTime.utc().plus({ minutes: face.ttlMinutes }) }
      )
      try {
        const session = await provider.start({
          requestId: check.id,
          name: input.realName,
          idNumber: input.idNumber,
          notifyUrl: `${face.publicBaseUrl}${urlFor('accounts.real_name.face.callback')}`,
          returnUrl: `${face.publicBaseUrl}${urlFor('accounts.real_name.face.done')}`,
        })
        check.providerRef = session.providerRef
        check.h5Url = session.h5Url
        await check.save()
      } catch (error) {
        return providerFailed(check.id, error)
      }
      return check
    })
  }

  /**
   * The face provider's callback (and the sandbox page's buttons, which
   * post the same signed callback): verified, then applied once. A bad
   * signature is refused and changes nothing; a repeated or late callback
   * is answered with success and changes nothing; both are audited.
   */
  async receiveFaceCallback(callback: RawCallback): Promise<CallbackAnswer> {
    const provider = this.providers.face
    const actor: AuditActor = {
      type: 'system',
      name: provider.sandbox ? '人脸识别（沙箱）' : '人脸识别服务',
    }
    const refuse = async (status: number, reason: string, subjectId: string | null = null) => {
      await audit.record({
        action: 'accounts.real_name_check.callback_refused',
        subjectType: 'real_name_request',
        subjectId,
        actor,
        data: { provider: provider.name, reason, bodyBytes: Buffer.byteLength(callback.body) },
      })
      return { status, body: { code: status, message: reason } }
    }

    let result
    try {
      result = provider.parseCallback(callback)
    } catch (error) {
      if (!(error instanceof CallbackRejected)) throw error
      return refuse(401, error.reason)
    }
    const check = await RealNameRequest.query()
      .where('id', result.requestId)
      .where('method', 'face')
      .where('provider', provider.name)
      .where('provider_ref', result.providerRef)
      .first()
    if (!check) return refuse(404, '找不到对应的人脸识别会话')

    await expireIfStale(check)
    const outcome = await closeCheck(
      check.id,
      { outcome: result.passed ? 'passed' : 'failed', message: result.message },
      { source: 'callback', actor }
    )
    if (!outcome.applied) {
      await check.refresh()
      await audit.record({
        action: 'accounts.real_name_check.callback_repeated',
        subjectType: 'real_name_request',
        subjectId: check.id,
        actor,
        data: { provider: provider.name, status: check.status, reported: result.passed },
      })
    }
    return { status: 200, body: { code: 0, message: '成功' } }
  }

  /**
   * 人工审核: other document types (or a failed online check) with photos
   * of both sides; staff review it.
   */
  async submitManual(user: User, input: ManualInput, photos: ManualPhotos): Promise<void> {
    return oneAtATime(user.id, () => this.#submitManual(user, input, photos))
  }

  async #submitManual(user: User, input: ManualInput, photos: ManualPhotos) {
    await user.refresh()
    guardVerification(user)
    if (await documentTakenByOther(user.id, input.idType, input.idNumber)) {
      throw new AccountError('该证件已在其他账号完成实名认证，如有疑问请联系客服', 'id_number')
    }
    /* a face session still open would verify the account behind the reviewer's back */
    const faces = await RealNameRequest.query()
      .where('user_id', user.id)
      .where('method', 'face')
      .where('purpose', OWN_VERIFICATION)
      .where('status', 'pending')
    for (const face of faces) {
      await closeCheck(
        face.id,
        { outcome: 'expired', message: '已改为人工审核' },
        { source: 'manual' }
      )
    }
    const prefix = `accounts/real-name/${user.id}`
    const frontKey = await storage.put(
      storage.makeKey(prefix, photos.front.ext),
      photos.front.buffer
    )
    const backKey = await storage.put(storage.makeKey(prefix, photos.back.ext), photos.back.buffer)
    await db.transaction(async (trx) => {
      const request = await RealNameRequest.create(
        {
          userId: user.id,
          method: 'manual',
          purpose: OWN_VERIFICATION,
          idType: input.idType,
          name: input.realName,
          idNumber: input.idNumber,
          frontKey,
          backKey,
          status: 'pending',
          provider: null,
          resultMessage: null,
        },
        { client: trx }
      )
      user.realNameStatus = 'pending'
      await audit.save(user, trx, {
        action: 'accounts.real_name.manual_submitted',
        subjectType: 'real_name_request',
        subjectId: request.id,
        data: { user: user.id, idType: input.idType },
      })
    })
  }
}

const realNames = new RealNameService()
export default realNames

/**
 * The provider failed (down, timed out, answered nonsense): the check is
 * closed as failed with the reason, and the applicant is refused with the
 * message to try later. Anything that is not the provider's failure is a
 * bug and propagates.
 */
async function providerFailed(checkId: string, error: unknown): Promise<never> {
  if (!(error instanceof RealNameProviderError)) throw error
  await closeCheck(
    checkId,
    { outcome: 'failed', message: `核验服务暂时不可用：${error.message}` },
    { source: 'provider' }
  )
  throw new AccountError(UNAVAILABLE_MESSAGE)
}
