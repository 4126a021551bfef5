import db from '@adonisjs/lucid/services/db'
import logger from '@adonisjs/core/services/logger'
import type { LucidModel, LucidRow } from '@adonisjs/lucid/types/model'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import messages, { type MessageCategory } from '#core/messages/message_service'
import sms from '#core/sms/sms_service'
import { REVIEW_STATES, defineLifecycle, reviewEvents, type Lifecycle } from '#core/lifecycle'
import { NotFoundError, RuleError } from '#core/rule_error'
import { dbTime } from '#core/db_time'
import type { Reviewer } from '#core/staff'

/**
 * The one workflow for every review of a case by staff (or by an org
 * admin): real-name requests, phone changes, appeals, and the org claims,
 * org changes and seal reviews to come.
 *
 *  1. claim: the case is taken from 待审核 in one conditional UPDATE, so
 *     that two reviewers (or a double click) decide it once;
 *  2. the module's effect runs in the same transaction (restore the
 *     account, change the phone…); a RuleError there undoes the claim;
 *  3. the reviewer, time, reason type and reason are stamped;
 *  4. one audit entry (`<name>.approve|reject`, from/to, reason);
 *  5. an in-site message in the same transaction, an SMS after commit.
 *
 *   export const appealReview = defineReview({
 *     name: 'accounts.appeal', subject: 'account_appeal', noun: '账号申诉',
 *     model: AccountAppeal,
 *     async onApprove(appeal, { trx, input }) { … },
 *     notify: (appeal, outcome) => ({ userId: appeal.userId, title: …, body: …, sms: { … } }),
 *   })
 *   await appealReview.approve(reviewerOf(staff), id, { note })
 *   await appealReview.reject(reviewerOf(staff), id, { reasonType: 'incomplete', reason })
 *
 * The back office shows every review with one page pattern
 * (resources/views/admin/reviews/{index,show}.edge).
 *
 * Its states and decisions are core's review preset (REVIEW_STATES,
 * reviewEvents in #core/lifecycle), re-exported here for the review pages.
 */
export { REVIEW_STATES, type ReviewState } from '#core/lifecycle'

/** 驳回类型 offered when a case is returned (a module may pass its own) */
export const REVIEW_REASON_TYPES = {
  incomplete: '资料不完整',
  unclear: '资料不清晰',
  mismatch: '信息与资料不一致',
  invalid: '资料不符合要求',
  identity: '身份信息有误',
  other: '其他',
} as const

export type ReviewOutcome = 'approved' | 'rejected'

export interface ReviewInput {
  /** 驳回类型 (reject) */
  reasonType?: string | null
  /** 驳回原因 (reject, required) or 审核意见 (approve, optional) */
  reason?: string | null
  /** module-specific choices of the decision form (e.g. use the contact phone) */
  options?: Record<string, unknown>
}

export interface DecisionContext {
  trx: TransactionClientContract
  reviewer: Reviewer
  input: ReviewInput
}

export interface ReviewNotice {
  /** the account told in 消息中心 (none: SMS only) */
  userId?: string | null
  category?: MessageCategory
  title: string
  body: string
  link?: string | null
  sms?: { phone: string; text: string; purpose: string } | null
}

type CaseRow = LucidRow & { id: string; status: string }

export interface ReviewDefinition<M extends CaseRow> {
  /** audit prefix and lifecycle name ("accounts.appeal") */
  name: string
  /** audit subject type ("account_appeal") */
  subject: string
  /** the case in Chinese ("账号申诉") */
  noun: string
  model: LucidModel & { new (): M }
  /** column names where they differ from the defaults */
  columns?: Partial<typeof DEFAULT_COLUMNS>
  reasonTypes?: Record<string, string>
  /** the effect of an approval, in the decision's transaction; returns audit data */
  onApprove?: (item: M, context: DecisionContext) => Promise<Record<string, unknown> | void>
  /** the effect of a rejection, in the decision's transaction; returns audit data */
  onReject?: (item: M, context: DecisionContext) => Promise<Record<string, unknown> | void>
  /** what the applicant is told (null: nobody) */
  notify: (item: M, outcome: ReviewOutcome, context: DecisionContext) => ReviewNotice | null
  /** extra states of the same table that are not part of the review (e.g. 核验通过) */
  extraStates?: Record<
    string,
    { label: string; tone: 'success' | 'warning' | 'danger' | 'info' | 'muted' }
  >
  /** extra audit labels of the same subject (submit, cancel…) */
  auditActions?: Record<string, string>
  /** audit actions of the decisions when they were named before the idiom */
  actions?: Partial<Record<'approve' | 'reject' | 'cancel', string>>
}

const DEFAULT_COLUMNS = {
  reviewerId: 'reviewed_by_id',
  reviewerName: 'reviewed_by_name',
  reason: 'review_reason',
  reasonType: 'review_reason_type' as string | null,
  reviewedAt: 'reviewed_at',
}

export const ALREADY_DECIDED = '该申请已处理，不能重复操作'

export class ReviewWorkflow<M extends CaseRow> {
  readonly lifecycle: Lifecycle<string, 'approve' | 'reject' | 'cancel'>
  readonly reasonTypes: Record<string, string>
  readonly #columns: typeof DEFAULT_COLUMNS

  constructor(readonly definition: ReviewDefinition<M>) {
    this.#columns = { ...DEFAULT_COLUMNS, ...definition.columns }
    this.reasonTypes = definition.reasonTypes ?? REVIEW_REASON_TYPES
    this.lifecycle = defineLifecycle({
      name: definition.name,
      subject: definition.subject,
      noun: definition.noun,
      states: { ...REVIEW_STATES, ...definition.extraStates },
      events: {
        ...reviewEvents('approved', definition.actions),
        cancel: {
          label: '撤回',
          transitions: [['pending', 'cancelled']],
          action: definition.actions?.cancel,
        },
      },
      auditActions: definition.auditActions,
    })
  }

  get noun() {
    return this.definition.noun
  }

  label(state: string) {
    return this.lifecycle.label(state)
  }

  tone(state: string) {
    return this.lifecycle.tone(state)
  }

  reasonTypeLabel(key: string | null | undefined) {
    return key ? (this.reasonTypes[key] ?? key) : ''
  }

  approve(reviewer: Reviewer, id: string, input: ReviewInput = {}) {
    return this.#decide('approve', reviewer, id, input)
  }

  reject(reviewer: Reviewer, id: string, input: ReviewInput) {
    if (!input.reason?.trim()) throw new RuleError('请填写驳回原因', { field: 'reason' })
    if (this.#columns.reasonType && input.reasonType && !(input.reasonType in this.reasonTypes)) {
      throw new RuleError('请选择驳回类型', { field: 'reason_type' })
    }
    return this.#decide('reject', reviewer, id, input)
  }

  /**
   * The applicant withdraws a pending case (same claim: a case being
   * decided cannot also be withdrawn).
   */
  async cancel(id: string, trx?: TransactionClientContract) {
    const run = async (client: TransactionClientContract) => {
      const claimed = await this.definition.model
        .query({ client })
        .where('id', id)
        .where('status', 'pending')
        .update({ status: 'cancelled', updated_at: dbTime(new Date(), client) })
      if (!affected(claimed)) throw await this.#alreadyDecided(id, client)
      await this.lifecycle.record(
        'cancel',
        { from: 'pending', to: 'cancelled', subjectId: id },
        client
      )
    }
    return trx ? run(trx) : db.transaction(run)
  }

  /**
   * The refusal of a case someone else decided first, saying what it now
   * is ("该申请已处理（已驳回），不能重复操作").
   */
  async #alreadyDecided(id: string, client: TransactionClientContract) {
    const row = await this.definition.model.query({ client }).where('id', id).first()
    const state = (row as M | null)?.status
    const message =
      state && state !== 'pending'
        ? `该申请已处理（${this.label(state)}），不能重复操作`
        : ALREADY_DECIDED
    return new RuleError(message, { code: 'already_decided' })
  }

  async #decide(
    event: 'approve' | 'reject',
    reviewer: Reviewer,
    id: string,
    input: ReviewInput
  ): Promise<M> {
    const Model = this.definition.model
    const exists = await Model.find(id)
    if (!exists) throw new NotFoundError('该申请不存在')
    const to: ReviewOutcome = event === 'approve' ? 'approved' : 'rejected'
    const columns = this.#columns
    const reason = input.reason?.trim() || null
    const reasonType = event === 'reject' ? input.reasonType || null : null

    const { item, notice } = await db.transaction(async (trx) => {
      const stamp: Record<string, unknown> = {
        status: to,
        [columns.reviewerId]: reviewer.id,
        [columns.reviewerName]: reviewer.displayName,
        [columns.reason]: reason,
        [columns.reviewedAt]: dbTime(new Date(), trx),
        updated_at: dbTime(new Date(), trx),
      }
      if (columns.reasonType) stamp[columns.reasonType] = reasonType
      const claimed = await Model.query({ client: trx })
        .where('id', id)
        .where('status', 'pending')
        .update(stamp)
      if (!affected(claimed)) throw await this.#alreadyDecided(id, trx)
      const row = (await Model.query({ client: trx }).where('id', id).firstOrFail()) as M
      const context: DecisionContext = { trx, reviewer, input }
      const effect =
        event === 'approve'
          ? await this.definition.onApprove?.(row, context)
          : await this.definition.onReject?.(row, context)
      await this.lifecycle.record(
        event,
        {
          from: 'pending',
          to,
          subjectId: id,
          data: {
            reviewer: reviewer.displayName,
            ...(reasonType ? { reasonType } : {}),
            ...(reason ? { reason } : {}),
            ...effect,
          },
        },
        trx
      )
      const told = this.definition.notify(row, to, context)
      if (told?.userId) {
        await messages.send(
          told.userId,
          {
            category: told.category ?? 'review',
            title: told.title,
            body: told.body,
            link: told.link ?? null,
          },
          trx
        )
      }
      return { item: row, notice: told }
    })

    if (notice?.sms) {
      try {
        await sms.send(notice.sms.phone, notice.sms.text, notice.sms.purpose)
      } catch (error) {
        // the in-site message and the audit entry are the record
        logger.warn({ err: error, review: this.definition.name }, 'review sms failed')
      }
    }
    return item
  }
}

function affected(result: unknown): number {
  return Number(Array.isArray(result) ? result[0] : result) || 0
}

export function defineReview<M extends CaseRow>(definition: ReviewDefinition<M>) {
  return new ReviewWorkflow<M>(definition)
}

/** "原因：……。" without doubled punctuation when the reason ends with its own */
export function sentence(text: string) {
  const trimmed = text.trim()
  return /[。！？.!?]$/.test(trimmed) ? trimmed : `${trimmed}。`
}
