import type { HttpContext } from '@adonisjs/core/http'
import storage from '#core/storage'
import PhoneChangeReviewPolicy from '#accounts/policies/phone_change_review_policy'
import { findPhoneRequest, paginatePhoneRequests } from '#accounts/queries/reviews'
import {
  approvePhoneRequest,
  idNumberMatches,
  rejectPhoneRequest,
} from '#accounts/actions/phone_changes'
import { REVIEW_STATUSES, ReviewStateError } from '#accounts/review_status'
import { approveReviewValidator, rejectReviewValidator } from '#accounts/validators'
import { AccountError } from '#accounts/errors'
import { isoDate, page, text } from '#core/http/list_filters'

/**
 * 手机号变更审核: requests of applicants whose old phone is lost, with the
 * uploaded ID photo (streamed from private storage after the policy check).
 */
export default class PhoneChangeReviewsController {
  async index({ bouncer, request, view }: HttpContext) {
    await bouncer.with(PhoneChangeReviewPolicy).authorize('view')
    const qs = request.qs()
    const query = {
      status: text(qs.status, 20) ?? 'pending',
      q: text(qs.q) ?? '',
      from: isoDate(qs.from) ?? '',
      to: isoDate(qs.to) ?? '',
    }
    const list = await paginatePhoneRequests(query, page(qs.page))
    return view.render('admin/reviews/phone_changes/index', {
      list,
      query,
      statuses: REVIEW_STATUSES,
    })
  }

  async show({ bouncer, params, view, response }: HttpContext) {
    await bouncer.with(PhoneChangeReviewPolicy).authorize('view')
    const item = await findPhoneRequest(String(params.id))
    if (!item) return response.notFound()
    return view.render('admin/reviews/phone_changes/show', {
      item,
      idMatch: idNumberMatches(item.user, item.idNumber),
      canReview: await bouncer.with(PhoneChangeReviewPolicy).allows('review'),
    })
  }

  async photo({ bouncer, params, response }: HttpContext) {
    await bouncer.with(PhoneChangeReviewPolicy).authorize('view')
    const item = await findPhoneRequest(String(params.id))
    if (!item) return response.notFound()
    response.header('Content-Type', item.photoType === 'png' ? 'image/png' : 'image/jpeg')
    response.header('Cache-Control', 'private, no-store')
    response.header('X-Content-Type-Options', 'nosniff')
    return response.send(await storage.get(item.photoKey))
  }

  async approve({ bouncer, params, request, response, session, auth }: HttpContext) {
    await bouncer.with(PhoneChangeReviewPolicy).authorize('review')
    const item = await findPhoneRequest(String(params.id))
    if (!item) return response.notFound()
    const payload = await request.validateUsing(approveReviewValidator)
    const staff = auth.use('admin').user!
    try {
      await approvePhoneRequest(
        { id: staff.id, displayName: staff.displayName },
        item.id,
        payload.review_reason ?? null
      )
      session.flash(
        'success',
        `申请 ${item.requestNo} 已通过，账号已改为绑定新手机号，申请人已收到短信和站内消息`
      )
      return response.redirect('/admin/reviews/phone-changes')
    } catch (error) {
      if (!(error instanceof ReviewStateError) && !(error instanceof AccountError)) throw error
      session.flash('error', error.message)
      return response.redirect(`/admin/reviews/phone-changes/${item.id}`)
    }
  }

  async reject({ bouncer, params, request, response, session, auth }: HttpContext) {
    await bouncer.with(PhoneChangeReviewPolicy).authorize('review')
    const item = await findPhoneRequest(String(params.id))
    if (!item) return response.notFound()
    const payload = await request.validateUsing(rejectReviewValidator)
    const staff = auth.use('admin').user!
    try {
      await rejectPhoneRequest(
        { id: staff.id, displayName: staff.displayName },
        item.id,
        payload.review_reason
      )
      session.flash('success', `申请 ${item.requestNo} 已驳回，申请人已收到短信和站内消息`)
      return response.redirect('/admin/reviews/phone-changes')
    } catch (error) {
      if (!(error instanceof ReviewStateError)) throw error
      session.flash('error', error.message)
      return response.redirect(`/admin/reviews/phone-changes/${item.id}`)
    }
  }
}
