import db from '@adonisjs/lucid/services/db'
import type { DateTime } from 'luxon'
import { isUuid } from '#core/ids'
import PhoneChangeRequest from '#accounts/models/phone_change_request'
import AccountAppeal from '#accounts/models/account_appeal'
import { REVIEW_STATUSES } from '#accounts/review_status'
import { dbTimestamp, shanghaiDayEnd, shanghaiDayStart } from '#core/time'

/**
 * Reads of the account review queues (手机号变更申请, 账号申诉) for the
 * applicant's own pages and the back office.
 */
export interface ReviewFilters {
  status?: string
  q?: string
  from?: string
  to?: string
}

const DATE_RE = /^\d{4}-\d{2}-\d{2}$/

/** A time as the connection stores timestamps (for comparisons) */
export function timeParam(dt: DateTime) {
  return dbTimestamp(dt, db.connection().dialect.name)
}

function applyCommon(query: any, filters: ReviewFilters) {
  if (filters.status && filters.status in REVIEW_STATUSES) query.where('status', filters.status)
  if (filters.from && DATE_RE.test(filters.from)) {
    const start = shanghaiDayStart(filters.from)
    if (start) query.where('created_at', '>=', timeParam(start))
  }
  if (filters.to && DATE_RE.test(filters.to)) {
    const end = shanghaiDayEnd(filters.to)
    if (end) query.where('created_at', '<=', timeParam(end))
  }
}

export async function paginatePhoneRequests(filters: ReviewFilters, page: number, perPage = 20) {
  const query = PhoneChangeRequest.query().preload('user')
  applyCommon(query, filters)
  const q = (filters.q ?? '').trim()
  if (q) {
    query.where((w) => {
      w.where('request_no', q)
        .orWhere('new_phone', q)
        .orWhere('old_phone', q)
        .orWhere('id_number', q.toUpperCase())
    })
  }
  return query
    .orderBy('created_at', filters.status === 'pending' ? 'asc' : 'desc')
    .orderBy('id', 'asc')
    .paginate(page, perPage)
}

export async function paginateAppeals(filters: ReviewFilters, page: number, perPage = 20) {
  const query = AccountAppeal.query().preload('user')
  applyCommon(query, filters)
  const q = (filters.q ?? '').trim()
  if (q) {
    query.where((w) => {
      w.where('request_no', q)
        .orWhere('contact_phone', q)
        .orWhere('id_number', q.toUpperCase())
        .orWhere('real_name', q)
    })
  }
  return query
    .orderBy('created_at', filters.status === 'pending' ? 'asc' : 'desc')
    .orderBy('id', 'asc')
    .paginate(page, perPage)
}

export async function findPhoneRequest(id: string) {
  if (!isUuid(id)) return null
  return PhoneChangeRequest.query().where('id', id).preload('user').first()
}

export async function findAppeal(id: string) {
  if (!isUuid(id)) return null
  return AccountAppeal.query().where('id', id).preload('user').first()
}

/** The applicant's own request, or null (never another's). */
export async function findOwnPhoneRequest(userId: string, id: string) {
  if (!isUuid(id)) return null
  return PhoneChangeRequest.query().where('id', id).where('user_id', userId).first()
}

export async function ownPhoneRequests(userId: string, limit = 10) {
  return PhoneChangeRequest.query()
    .where('user_id', userId)
    .orderBy('created_at', 'desc')
    .limit(limit)
}

export async function pendingPhoneRequestCount(): Promise<number> {
  const row = await PhoneChangeRequest.query()
    .where('status', 'pending')
    .count('* as total')
    .first()
  return Number(row?.$extras.total ?? 0)
}

export async function pendingAppealCount(): Promise<number> {
  const row = await AccountAppeal.query().where('status', 'pending').count('* as total').first()
  return Number(row?.$extras.total ?? 0)
}

export async function appealsOfUser(userId: string, limit = 10) {
  return AccountAppeal.query().where('user_id', userId).orderBy('created_at', 'desc').limit(limit)
}

export async function phoneRequestsOfUser(userId: string, limit = 10) {
  return PhoneChangeRequest.query()
    .where('user_id', userId)
    .orderBy('created_at', 'desc')
    .limit(limit)
}

/**
 * Manual real-name requests waiting for a reviewer (menu and dashboard).
 */
export async function pendingRealNameCount(): Promise<number> {
  const { default: realNames } = await import('#accounts/realname/real_name_service')
  return realNames.pendingCount()
}
