import type { HttpContext } from '@adonisjs/core/http'
import AppealReviewPolicy from '#accounts/policies/appeal_review_policy'
import { findAppeal, paginateAppeals } from '#accounts/queries/reviews'
import { presentEntry, recentAccountEntries } from '#accounts/queries/operation_logs'
import { findApplicantByPhone } from '#accounts/queries/users'
import { approveAppeal, rejectAppeal } from '#accounts/actions/appeals'
import { REVIEW_STATUSES, ReviewStateError } from '#accounts/review_status'
import { AccountStateError } from '#accounts/account_status'
import { approveReviewValidator, rejectReviewValidator } from '#accounts/validators'
import { AccountError } from '#accounts/errors'
import { isoDate, page, text } from '#core/http/list_filters'

/**
 * 账号申诉审核: appeals for deregistered accounts; approving restores the
 * account (optionally on the appeal's contact phone).
 */
export default class AppealReviewsController {
  async index({ bouncer, request, view }: HttpContext) {
    await bouncer.with(AppealReviewPolicy).authorize('view')
    const qs = request.qs()
    const query = {
      status: text(qs.status, 20) ?? 'pending',
      q: text(qs.q) ?? '',
      from: isoDate(qs.from) ?? '',
      to: isoDate(qs.to) ?? '',
    }
    const list = await paginateAppeals(query, page(qs.page))
    return view.render('admin/reviews/appeals/index', { list, query, statuses: REVIEW_STATUSES })
  }

  async show({ bouncer, params, view, response }: HttpContext) {
    await bouncer.with(AppealReviewPolicy).authorize('view')
    const item = await findAppeal(String(params.id))
    if (!item) return response.notFound()
    const contactOwner =
      item.contactPhone !== item.user.phone ? await findApplicantByPhone(item.contactPhone) : null
    const entries = await recentAccountEntries(item.userId, 10)
    return view.render('admin/reviews/appeals/show', {
      item,
      contactOwner,
      entries: entries.map((e) => presentEntry(e, null, { maskPhones: false })),
      canReview: await bouncer.with(AppealReviewPolicy).allows('review'),
    })
  }

  async approve({ bouncer, params, request, response, session, auth }: HttpContext) {
    await bouncer.with(AppealReviewPolicy).authorize('review')
    const item = await findAppeal(String(params.id))
    if (!item) return response.notFound()
    const payload = await request.validateUsing(approveReviewValidator)
    const staff = auth.use('admin').user!
    try {
      await approveAppeal({ id: staff.id, displayName: staff.displayName }, item.id, {
        note: payload.review_reason ?? null,
        useContactPhone: payload.use_contact_phone ?? false,
      })
      session.flash(
        'success',
        `申诉 ${item.requestNo} 已通过，账号已恢复，申请人已收到短信和站内消息`
      )
      return response.redirect('/admin/reviews/appeals')
    } catch (error) {
      if (
        !(error instanceof ReviewStateError) &&
        !(error instanceof AccountError) &&
        !(error instanceof AccountStateError)
      )
        throw error
      session.flash('error', error.message)
      return response.redirect(`/admin/reviews/appeals/${item.id}`)
    }
  }

  async reject({ bouncer, params, request, response, session, auth }: HttpContext) {
    await bouncer.with(AppealReviewPolicy).authorize('review')
    const item = await findAppeal(String(params.id))
    if (!item) return response.notFound()
    const payload = await request.validateUsing(rejectReviewValidator)
    const staff = auth.use('admin').user!
    try {
      await rejectAppeal(
        { id: staff.id, displayName: staff.displayName },
        item.id,
        payload.review_reason
      )
      session.flash('success', `申诉 ${item.requestNo} 已驳回，申请人已收到短信通知`)
      return response.redirect('/admin/reviews/appeals')
    } catch (error) {
      if (!(error instanceof ReviewStateError)) throw error
      session.flash('error', error.message)
      return response.redirect(`/admin/reviews/appeals/${item.id}`)
    }
  }
}
