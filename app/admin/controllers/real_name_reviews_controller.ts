import type { HttpContext } from '@adonisjs/core/http'
import vine from '@vinejs/vine'
import storage from '#core/storage'
import { isUuid } from '#core/ids'
import { FILE_TYPES } from '#core/uploads'
import realNames from '#accounts/realname/real_name_service'
import { REAL_NAME_REQUEST_STATUSES } from '#accounts/realname/real_name_request'
import RealNameReviewPolicy from '#accounts/realname/policies/real_name_review_policy'
import { findApplicant } from '#accounts/queries/users'

const decisionValidator = vine.create({
  decision: vine.enum(['approve', 'reject'] as const),
  reason: vine.string().trim().maxLength(500).optional().requiredWhen('decision', '=', 'reject'),
})

/**
 * 实名认证审核: manual real-name requests (other documents, photos).
 */
export default class RealNameReviewsController {
  async index({ bouncer, request, view }: HttpContext) {
    await bouncer.with(RealNameReviewPolicy).authorize('view')
    const query = request.qs()
    const page = Math.max(1, Number(query.page) || 1)
    const list = await realNames.pending(page, { status: query.status, keyword: query.keyword })
    return view.render('admin/reviews/real_name/index', {
      list,
      query: { status: query.status ?? '', keyword: query.keyword ?? '' },
      statuses: { pending: '待审核', approved: '审核通过', rejected: '审核未通过', all: '全部' },
    })
  }

  async show({ bouncer, params, view, response }: HttpContext) {
    await bouncer.with(RealNameReviewPolicy).authorize('view')
    const item = isUuid(params.id) ? await realNames.find(params.id) : null
    if (!item || item.method !== 'manual') return response.notFound()
    return view.render('admin/reviews/real_name/show', {
      item,
      applicant: await findApplicant(item.userId),
      statuses: REAL_NAME_REQUEST_STATUSES,
    })
  }

  async photo({ bouncer, params, response }: HttpContext) {
    await bouncer.with(RealNameReviewPolicy).authorize('view')
    const item = isUuid(params.id) ? await realNames.find(params.id) : null
    const key = item ? (params.side === 'back' ? item.backKey : item.frontKey) : null
    if (!item || !key) return response.notFound()
    const ext = key.split('.').pop() as keyof typeof FILE_TYPES
    response.header('Content-Type', FILE_TYPES[ext]?.mime ?? 'application/octet-stream')
    response.header('Cache-Control', 'private, no-store')
    return response.send(await storage.get(key))
  }

  async decide({ bouncer, params, request, response, session, auth }: HttpContext) {
    await bouncer.with(RealNameReviewPolicy).authorize('review')
    const item = isUuid(params.id) ? await realNames.find(params.id) : null
    if (!item || item.method !== 'manual') return response.notFound()
    const payload = await request.validateUsing(decisionValidator)
    const staff = auth.use('admin').user!
    const result = await realNames.review(
      item,
      { id: staff.id, name: staff.displayName },
      payload.decision === 'approve'
        ? { approve: true }
        : { approve: false, reason: payload.reason! }
    )
    if (!result.ok) {
      session.flash('error', result.message)
      return response.redirect(`/admin/reviews/real-name/${item.id}`)
    }
    session.flash(
      'success',
      payload.decision === 'approve' ? '已审核通过，申请人已收到通知' : '已驳回，申请人已收到通知'
    )
    return response.redirect('/admin/reviews/real-name')
  }
}
