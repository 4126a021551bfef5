import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import realNameConfig from '#config/realname'
import { urlFor } from '@adonisjs/core/services/url_builder'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import audit from '#core/audit/audit_service'
import messages from '#core/messages/message_service'
import storage from '#core/storage'
import { consumeRates, describeWait } from '#core/rate_limit'
import { isUniqueViolation } from '#core/db_errors'
import User from '#accounts/models/user'
import { AccountError } from '#accounts/errors'
import RealNameRequest from './real_name_request.js'
import type { RealNameProvider } from './providers/contract.js'
import { RealNameProviderError } from './providers/contract.js'
import { SandboxRealNameProvider } from './providers/sandbox.js'
import { HttpRealNameProvider } from './providers/http.js'

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

export interface ManualInput {
  idType: string
  realName: string
  idNumber: string
}

export interface ManualPhotos {
  front: { buffer: Buffer; ext: string }
  back: { buffer: Buffer; ext: string }
}

export class RealNameService {
  constructor(public provider: RealNameProvider = makeRealNameProvider()) {}

  /** a verified or pending account submits nothing more */
  #guard(user: User) {
    if (user.realNameStatus === 'verified') throw new AccountError('您已完成实名认证，无需重复认证')
    if (user.realNameStatus === 'pending')
      throw new AccountError('您的实名认证正在人工审核中，请耐心等待')
  }

  /**
   * 身份证核验: name + resident ID number through the provider; the
   * account is verified at once when they match. A refusal is an
   * AccountError (the failed check is recorded first).
   */
  async verifyOnline(user: User, input: { realName: string; idNumber: string }): Promise<void> {
    return oneAtATime(`real-name:${user.id}`, () => this.#verifyOnline(user, input))
  }

  async #verifyOnline(user: User, input: { realName: string; idNumber: string }) {
    /* a second click waited for the first: read the status it left */
    await user.refresh()
    this.#guard(user)
    const taken = new AccountError(
      '该身份证号已在其他账号完成实名认证，如有疑问请联系客服',
      'id_number'
    )
    if (await documentTakenByOther(user.id, 'resident_id', input.idNumber)) throw taken
    const rate = await consumeRates([
      {
        key: `realname:user:${user.id}`,
        rule: { requests: realNameConfig.dailyAttempts, duration: '1 day' },
      },
    ])
    if (!rate.ok) {
      throw new AccountError(
        `今日核验次数已用完，请 ${describeWait(rate.retryAfter)}后再试，或选择人工审核`
      )
    }

    let verdict
    try {
      verdict = await this.provider.check({ name: input.realName, idNumber: input.idNumber })
    } catch (error) {
      /* the provider's failure becomes the applicant's refusal (real work, not a flash) */
      if (error instanceof RealNameProviderError) {
        throw new AccountError('实名核验服务暂时不可用，请稍后重试或选择人工审核')
      }
      throw error
    }

    const passed = verdict.result === 'match'
    try {
      await db.transaction(async (trx) => {
        const request = await RealNameRequest.create(
          {
            userId: user.id,
            method: 'online',
            idType: 'resident_id',
            name: input.realName,
            idNumber: input.idNumber,
            status: passed ? 'passed' : 'failed',
            provider: this.provider.name,
            resultMessage: passed ? '核验通过' : (verdict as any).message,
          },
          { client: trx }
        )
        if (passed) {
          user.useTransaction(trx)
          markVerified(user, {
            idType: 'resident_id',
            name: input.realName,
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
      if (isUniqueViolation(error)) throw taken
      throw error
    }
    if (!passed) throw new AccountError(`核验未通过：${(verdict as any).message}`)
    await messages.send(user.id, {
      category: 'account',
      title: '实名认证成功',
      body: `您已通过实名认证（${input.realName}）。姓名与证件号码将用于证书申请，且不可修改。`,
      link: urlFor('accounts.real_name.show'),
    })
  }

  /**
   * 人工审核: other document types (or a failed online check) with photos
   * of both sides; staff review it.
   */
  async submitManual(user: User, input: ManualInput, photos: ManualPhotos): Promise<void> {
    return oneAtATime(`real-name:${user.id}`, () => this.#submitManual(user, input, photos))
  }

  async #submitManual(user: User, input: ManualInput, photos: ManualPhotos) {
    await user.refresh()
    this.#guard(user)
    if (await documentTakenByOther(user.id, input.idType, input.idNumber)) {
      throw new AccountError('该证件已在其他账号完成实名认证，如有疑问请联系客服', 'id_number')
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
  }
}

const realNames = new RealNameService()
export default realNames
