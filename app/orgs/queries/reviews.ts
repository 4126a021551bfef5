import type { ModelQueryBuilderContract } from '@adonisjs/lucid/types/model'
import { isUuid } from '#core/ids'
import { dbTimestamp } from '#core/http/list_filters'
import type { ReviewListFilters } from '#core/http/review_pages'
import { shanghaiDayEnd, shanghaiDayStart } from '#core/time'
import OrgClaim, { CLAIM_STATES } from '#orgs/models/org_claim'
import OrgCase from '#orgs/models/org_case'
import BankTransfer from '#orgs/models/bank_transfer'

/**
 * The back office's org queues (机构认领审核, 机构变更/申诉审核), their
 * counters, and the sandbox bank's outbox.
 */
function filtered<Q extends ModelQueryBuilderContract<any>>(query: Q, filters: ReviewListFilters) {
  if (filters.status in CLAIM_STATES) query.where('status', filters.status)
  const start = filters.from ? shanghaiDayStart(filters.from) : null
  if (start) query.where('created_at', '>=', dbTimestamp(start))
  const end = filters.to ? shanghaiDayEnd(filters.to) : null
  if (end) query.where('created_at', '<=', dbTimestamp(end))
  return query
}

export async function paginateClaims(filters: ReviewListFilters, page: number) {
  const query = filtered(OrgClaim.query().where('method', 'review'), filters)
  const q = filters.q.trim()
  if (q) {
    query.where((w) =>
      w
        .where('request_no', q)
        .orWhere('uscc', q.toUpperCase())
        .orWhere('org_name', 'like', `%${q.replace(/[%_\\]/g, '')}%`)
    )
  }
  return query
    .orderBy('created_at', filters.status === 'pending' ? 'asc' : 'desc')
    .orderBy('id', 'asc')
    .paginate(page, 20)
}

export async function findClaim(id: string) {
  if (!isUuid(id)) return null
  return OrgClaim.find(id)
}

export async function pendingClaimCount() {
  const row = await OrgClaim.query().where('status', 'pending').count('* as total').first()
  return Number(row?.$extras.total ?? 0)
}

export async function paginateCases(filters: ReviewListFilters, page: number) {
  const query = filtered(OrgCase.query(), filters).preload('org')
  const q = filters.q.trim()
  if (q) query.where('request_no', q)
  return query
    .orderBy('created_at', filters.status === 'pending' ? 'asc' : 'desc')
    .orderBy('id', 'asc')
    .paginate(page, 20)
}

export async function findCase(id: string) {
  if (!isUuid(id)) return null
  return OrgCase.query().where('id', id).preload('org').first()
}

export async function pendingCaseCount() {
  const row = await OrgCase.query().where('status', 'pending').count('* as total').first()
  return Number(row?.$extras.total ?? 0)
}

export async function bankOutbox(page: number) {
  return BankTransfer.query().orderBy('created_at', 'desc').orderBy('id', 'asc').paginate(page, 20)
}
