import { isUuid } from '#core/ids'
import { dbTimestamp } from '#core/http/list_filters'
import type { ReviewListFilters } from '#core/http/review_pages'
import { REVIEW_STATES } from '#core/review'
import { shanghaiDayEnd, shanghaiDayStart } from '#core/time'
import SealRequest from '#seals/models/seal_request'

/**
 * The back office's 印章审核 queue and its counter.
 */
export async function paginateRequests(filters: ReviewListFilters, page: number) {
  const query = SealRequest.query().preload('seal')
  if (filters.status in REVIEW_STATES) query.where('status', filters.status)
  const start = filters.from ? shanghaiDayStart(filters.from) : null
  if (start) query.where('created_at', '>=', dbTimestamp(start))
  const end = filters.to ? shanghaiDayEnd(filters.to) : null
  if (end) query.where('created_at', '<=', dbTimestamp(end))
  const q = filters.q.trim()
  if (q) {
    query.where((w) =>
      w
        .where('request_no', q)
        .orWhereHas('seal', (s) => s.where('name', 'like', `%${q.replace(/[%_\\]/g, '')}%`))
    )
  }
  return query
    .orderBy('created_at', filters.status === 'pending' ? 'asc' : 'desc')
    .orderBy('id', 'asc')
    .paginate(page, 20)
}

export async function findRequest(id: string) {
  if (!isUuid(id)) return null
  return SealRequest.query().where('id', id).preload('seal').first()
}

export async function pendingRequestCount() {
  const row = await SealRequest.query().where('status', 'pending').count('* as total').first()
  return Number(row?.$extras.total ?? 0)
}
