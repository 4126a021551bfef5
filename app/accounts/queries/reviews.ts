import type { ModelQueryBuilderContract } from '@adonisjs/lucid/types/model'
import { isUuid } from '#core/ids'
import { dbTimestamp } from '#core/http/list_filters'
import type { ReviewListFilters } from '#core/http/review_pages'
import { REVIEW_STATES } from '#core/review'
import { shanghaiDayEnd, shanghaiDayStart } from '#core/time'
import PhoneChangeRequest from '#accounts/models/phone_change_request'
import AccountAppeal from '#accounts/models/account_appeal'
import RealNameRequest from '#accounts/realname/real_name_request'

/**
 * Reads of the account review queues (手机号变更申请, 账号申诉, 实名认证
 * 人工审核) for the applicant's own pages, the back office's review pages
 * and its menu counters.
 */
type CaseModel = typeof PhoneChangeRequest | typeof AccountAppeal | typeof RealNameRequest

/**
 * Status (a review state; 'all' or anything else: any), submission dates
 * (Beijing days), and the keyword as each queue searches it; the oldest
 * first while pending.
 */
function listQuery<M extends CaseModel>(
  model: M,
  filters: ReviewListFilters,
  search: (query: ModelQueryBuilderContract<M>, keyword: string) => void
) {
  const query = model.query() as unknown as ModelQueryBuilderContract<M>
  if (filters.status in REVIEW_STATES) query.where('status', filters.status)
  const start = filters.from ? shanghaiDayStart(filters.from) : null
  if (start) query.where('created_at', '>=', dbTimestamp(start))
  const end = filters.to ? shanghaiDayEnd(filters.to) : null
  if (end) query.where('created_at', '<=', dbTimestamp(end))
  const keyword = filters.q.trim()
  if (keyword) query.where((w) => search(w as ModelQueryBuilderContract<M>, keyword))
  return query
    .orderBy('created_at', filters.status === 'pending' ? 'asc' : 'desc')
    .orderBy('id', 'asc')
}

export async function paginatePhoneRequests(filters: ReviewListFilters, page: number) {
  return listQuery(PhoneChangeRequest, filters, (w, q) =>
    w
      .where('request_no', q)
      .orWhere('new_phone', q)
      .orWhere('old_phone', q)
      .orWhere('id_number', q.toUpperCase())
  )
    .preload('user')
    .paginate(page, 20)
}

export async function paginateAppeals(filters: ReviewListFilters, page: number) {
  return listQuery(AccountAppeal, filters, (w, q) =>
    w
      .where('request_no', q)
      .orWhere('contact_phone', q)
      .orWhere('id_number', q.toUpperCase())
      .orWhere('real_name', q)
  )
    .preload('user')
    .paginate(page, 20)
}

/** manual requests only (an online check is never reviewed) */
export async function paginateRealNameRequests(filters: ReviewListFilters, page: number) {
  return listQuery(RealNameRequest, filters, (w, q) =>
    w.where('name', q).orWhere('id_number', q.toUpperCase())
  )
    .where('method', 'manual')
    .paginate(page, 20)
}

export async function findPhoneRequest(id: string) {
  if (!isUuid(id)) return null
  return PhoneChangeRequest.query().where('id', id).preload('user').first()
}

export async function findAppeal(id: string) {
  if (!isUuid(id)) return null
  return AccountAppeal.query().where('id', id).preload('user').first()
}

export async function findManualRealNameRequest(id: string) {
  if (!isUuid(id)) return null
  return RealNameRequest.query().where('id', id).where('method', 'manual').first()
}

/** The applicant's own request, or null (never another's). */
export async function findOwnPhoneRequest(userId: string, id: string) {
  if (!isUuid(id)) return null
  return PhoneChangeRequest.query().where('id', id).where('user_id', userId).first()
}

/** an account's phone change requests, newest first */
export async function phoneRequestsOfUser(userId: string, limit = 10) {
  return PhoneChangeRequest.query()
    .where('user_id', userId)
    .orderBy('created_at', 'desc')
    .limit(limit)
}

export async function appealsOfUser(userId: string, limit = 10) {
  return AccountAppeal.query().where('user_id', userId).orderBy('created_at', 'desc').limit(limit)
}

/** an account's real-name attempts (online checks and manual requests), newest first */
export async function realNameRequestsOfUser(userId: string, limit = 10) {
  return RealNameRequest.query().where('user_id', userId).orderBy('created_at', 'desc').limit(limit)
}

async function pendingCount(model: CaseModel, scope?: (query: any) => void) {
  const query = model.query().where('status', 'pending')
  scope?.(query)
  const row = await query.count('* as total').first()
  return Number(row?.$extras.total ?? 0)
}

export function pendingPhoneRequestCount(): Promise<number> {
  return pendingCount(PhoneChangeRequest)
}

export function pendingAppealCount(): Promise<number> {
  return pendingCount(AccountAppeal)
}

/** manual real-name requests waiting for a reviewer (menu and dashboard) */
export function pendingRealNameCount(): Promise<number> {
  return pendingCount(RealNameRequest, (query) => query.where('method', 'manual'))
}
