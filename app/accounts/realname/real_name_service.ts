import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import realNameConfig from '#config/realname'
import audit, { registerAuditActions } from '#core/audit/audit_service'
import messages from '#core/messages/message_service'
import sms from '#core/sms/sms_service'
import storage from '#core/storage'
import { consumeRates, describeWait } from '#core/rate_limit'
import { registerSandboxProbe } from '#core/sandbox'
import { ID_TYPES } from '#core/validation/identity'
import { isUniqueViolation } from '#core/db_errors'
import User from '#accounts/models/user'
import RealNameRequest from './real_name_request.js'
import type { RealNameProvider } from './providers/contract.js'
import { RealNameProviderError } from './providers/contract.js'
import { SandboxRealNameProvider } from './providers/sandbox.js'
import { HttpRealNameProvider } from './providers/http.js'

registerAuditActions({
  'accounts.real_name.online_passed': '实名认证（身份证核验）通过',
  'accounts.real_name.online_failed': '实名认证（身份证核验）未通过',
  'accounts.real_name.manual_submitted': '提交实名认证人工审核',
  'accounts.real_name.approved': '实名认证审核通过',
  'accounts.real_name.rejected': '实名认证审核驳回',
})

export function makeRealNameProvider(name = realNameConfig.driver): RealNameProvider {
  if (name === 'http') return new HttpRealNameProvider(realNameConfig.http)
  return new SandboxRealNameProvider()
}

/**
 * One real-name submission per account at a time: 立即核验 or 提交审核
 * clicked twice must not call the provider twice (each call is billed),
 * nor record and announce the same verification twice. The second one
 * waits, then sees what the first left (已实名 / 审核中).
 */
const running = new Map<string, Promise<void>>()

async function oneAtATime<T>(key: string, run: () => Promise<T>): Promise<T> {
  const previous = running.get(key) ?? Promise.resolve()
  let done!: () => void
  const mine = new Promise<void>((resolve) => (done = resolve))
  const tail = previous.then(() => mine)
  running.set(key, tail)
  await previous
  try {
    return await run()
  } finally {
    done()
    if (running.get(key) === tail) running.delete(key)
  }
}

export type RealNameOutcome = { ok: true } | { ok: false; message: string; field?: string }

export class RealNameService {
  constructor(public provider: RealNameProvider = makeRealNameProvider()) {}

  /**
   * Another active account already verified with this document?
   */
  async #takenByOther(user: User, idType: string, idNumber: string) {
    const other = await User.query()
      .where('real_id_type', idType)
      .where('real_id_number', idNumber)
      .where('real_name_status', 'verified')
      .whereNot('id', user.id)
      .whereNot('status', 'deregistered')
      .first()
    return Boolean(other)
  }

  #guard(user: User): RealNameOutcome | null {
    if (user.realNameStatus === 'verified')
      return { ok: false, message: '您已完成实名认证，无需重复认证' }
    if (user.realNameStatus === 'pending')
      return { ok: false, message: '您的实名认证正在人工审核中，请耐心等待' }
    return null
  }

  /**
   * 身份证核验: name + resident ID number through the provider; the
   * account is verified at once when they match.
   */
  async verifyOnline(
    user: User,
    input: { name: string; idNumber: string }
  ): Promise<RealNameOutcome> {
    return oneAtATime(`real-name:${user.id}`, () => this.#verifyOnline(user, input))
  }

  async #verifyOnline(
    user: User,
    input: { name: string; idNumber: string }
  ): Promise<RealNameOutcome> {
    /* a second click waited for the first: read the status it left */
    await user.refresh()
    const blocked = this.#guard(user)
    if (blocked) return blocked
    if (await this.#takenByOther(user, 'resident_id', input.idNumber)) {
      return {
        ok: false,
        field: 'id_number',
        message: '该身份证号已在其他账号完成实名认证，如有疑问请联系客服',
      }
    }
    const rate = await consumeRates([
      {
        key: `realname:user:${user.id}`,
        rule: { requests: realNameConfig.dailyAttempts, duration: '1 day' },
      },
    ])
    if (!rate.ok) {
      return {
        ok: false,
        message: `今日核验次数已用完，请 ${describeWait(rate.retryAfter)}后再试，或选择人工审核`,
      }
    }

    let verdict
    try {
      verdict = await this.provider.check(input)
    } catch (error) {
      if (error instanceof RealNameProviderError) {
        return { ok: false, message: '实名核验服务暂时不可用，请稍后重试或选择人工审核' }
      }
      throw error
    }

    const passed = verdict.result === 'match'
    const taken: RealNameOutcome = {
      ok: false,
      field: 'id_number',
      message: '该身份证号已在其他账号完成实名认证，如有疑问请联系客服',
    }
    try {
      await db.transaction(async (trx) => {
        const request = await RealNameRequest.create(
          {
            userId: user.id,
            method: 'online',
            idType: 'resident_id',
            name: input.name,
            idNumber: input.idNumber,
            status: passed ? 'passed' : 'failed',
            provider: this.provider.name,
            resultMessage: passed ? '核验通过' : (verdict as any).message,
          },
          { client: trx }
        )
        if (passed) {
          user.useTransaction(trx)
          this.#markVerified(user, {
            idType: 'resident_id',
            name: input.name,
            idNumber: input.idNumber,
            method: 'online',
          })
          await user.save()
        }
        await audit.record(
          {
            action: passed
              ? 'accounts.real_name.online_passed'
              : 'accounts.real_name.online_failed',
            subjectType: 'user',
            subjectId: user.id,
            data: { request: request.id, provider: this.provider.name, result: verdict.result },
          },
          trx
        )
      })
    } catch (error) {
      /* another account verified the same number at the same moment */
      if (isUniqueViolation(error)) return taken
      throw error
    }
    if (!passed) return { ok: false, message: `核验未通过：${(verdict as any).message}` }
    await messages.send(user.id, {
      category: 'account',
      title: '实名认证成功',
      body: `您已通过实名认证（${input.name}）。姓名与证件号码将用于证书申请，且不可修改。`,
      link: '/account/real-name',
    })
    return { ok: true }
  }

  /**
   * 人工审核: other document types (or a failed online check) with photos
   * of both sides; staff review it.
   */
  async submitManual(
    user: User,
    input: { idType: string; name: string; idNumber: string },
    photos: { front: { buffer: Buffer; ext: string }; back: { buffer: Buffer; ext: string } }
  ): Promise<RealNameOutcome> {
    return oneAtATime(`real-name:${user.id}`, () => this.#submitManual(user, input, photos))
  }

  async #submitManual(
    user: User,
    input: { idType: string; name: string; idNumber: string },
    photos: { front: { buffer: Buffer; ext: string }; back: { buffer: Buffer; ext: string } }
  ): Promise<RealNameOutcome> {
    await user.refresh()
    const blocked = this.#guard(user)
    if (blocked) return blocked
    if (await this.#takenByOther(user, input.idType, input.idNumber)) {
      return {
        ok: false,
        field: 'id_number',
        message: '该证件已在其他账号完成实名认证，如有疑问请联系客服',
      }
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
          idType: input.idType,
          name: input.name,
          idNumber: input.idNumber,
          frontKey,
          backKey,
          status: 'pending',
          provider: null,
          resultMessage: null,
        },
        { client: trx }
      )
      user.useTransaction(trx)
      user.realNameStatus = 'pending'
      await user.save()
      await audit.record(
        {
          action: 'accounts.real_name.manual_submitted',
          subjectType: 'real_name_request',
          subjectId: request.id,
          data: { user: user.id, idType: input.idType },
        },
        trx
      )
    })
    return { ok: true }
  }

  #markVerified(
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

  /**
   * Staff decision on a pending manual request. Decided once: the request
   * is claimed with a conditional update (status still 待审核), so two
   * reviewers (or a double click) cannot both decide it.
   */
  async review(
    request: RealNameRequest,
    reviewer: { id: string; name: string },
    decision: { approve: true } | { approve: false; reason: string }
  ): Promise<RealNameOutcome> {
    const alreadyDecided: RealNameOutcome = { ok: false, message: '该申请已处理，请勿重复操作' }
    if (request.status !== 'pending') return alreadyDecided
    const user = await User.findOrFail(request.userId)
    if (decision.approve && (await this.#takenByOther(user, request.idType, request.idNumber))) {
      return { ok: false, message: '该证件已在其他账号完成实名认证，无法通过' }
    }
    const status = decision.approve ? 'approved' : 'rejected'
    let decided: boolean
    try {
      decided = await db.transaction(async (trx) => {
        const claimed = await RealNameRequest.query({ client: trx })
          .where('id', request.id)
          .where('status', 'pending')
          .update({ status })
        if (Number(Array.isArray(claimed) ? claimed[0] : claimed) !== 1) return false
        request.useTransaction(trx)
        request.status = status
        request.reviewerId = reviewer.id
        request.reviewerName = reviewer.name
        request.reviewReason = decision.approve ? null : decision.reason
        request.reviewedAt = DateTime.utc()
        await request.save()
        user.useTransaction(trx)
        if (decision.approve) {
          this.#markVerified(user, {
            idType: request.idType,
            name: request.name,
            idNumber: request.idNumber,
            method: 'manual',
          })
        } else {
          user.realNameStatus = 'none'
        }
        await user.save()
        await audit.record(
          {
            action: decision.approve
              ? 'accounts.real_name.approved'
              : 'accounts.real_name.rejected',
            subjectType: 'real_name_request',
            subjectId: request.id,
            data: { user: user.id, reason: decision.approve ? null : decision.reason },
          },
          trx
        )
        return true
      })
    } catch (error) {
      if (isUniqueViolation(error))
        return { ok: false, message: '该证件已在其他账号完成实名认证，无法通过' }
      throw error
    }
    if (!decided) {
      await request.refresh()
      return alreadyDecided
    }
    const docLabel = ID_TYPES[request.idType as keyof typeof ID_TYPES] ?? request.idType
    const text = decision.approve
      ? `您提交的实名认证（${docLabel}）已审核通过。`
      : `您提交的实名认证（${docLabel}）未通过审核，原因：${decision.reason}。请修改后重新提交。`
    await messages.send(user.id, {
      category: 'review',
      title: decision.approve ? '实名认证审核通过' : '实名认证审核未通过',
      body: text,
      link: '/account/real-name',
    })
    try {
      await sms.send(user.phone, text, 'review:real_name')
    } catch {
      /* the in-site message is the record; SMS failures are logged by the gateway */
    }
    return { ok: true }
  }

  async history(userId: string) {
    return RealNameRequest.query().where('user_id', userId).orderBy('created_at', 'desc').limit(10)
  }

  async pending(page: number, filters: { status?: string; keyword?: string } = {}) {
    const query = RealNameRequest.query().where('method', 'manual')
    const status = filters.status || 'pending'
    if (status !== 'all') query.where('status', status)
    if (filters.keyword) {
      const keyword = `%${filters.keyword}%`
      query.where((q) => q.whereLike('name', keyword).orWhereLike('id_number', keyword))
    }
    return query.orderBy('created_at', 'asc').paginate(page, 20)
  }

  async pendingCount() {
    const row = await RealNameRequest.query()
      .where('method', 'manual')
      .where('status', 'pending')
      .count('* as total')
      .first()
    return Number(row?.$extras.total ?? 0)
  }

  async find(id: string) {
    return RealNameRequest.find(id)
  }
}

const realNames = new RealNameService()
export default realNames

registerSandboxProbe(() =>
  realNames.provider.sandbox ? '实名认证：沙箱核验，不连接真实身份核验服务' : null
)
