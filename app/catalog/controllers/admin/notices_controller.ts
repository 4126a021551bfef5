import type { HttpContext } from '@adonisjs/core/http'
import { formatTime } from '#core/time'
import ContentPolicy from '#catalog/policies/content_policy'
import { notFound } from '#catalog/errors'
import { CONTENT_STATUSES } from '#catalog/labels'
import { contentStatusValidator, noticeValidator } from '#catalog/validators'
import { createNotice, deleteNotice, setNoticeStatus, updateNotice } from '#catalog/actions/content'
import { findNotice, listNotices } from '#catalog/queries/admin'
import { cleanKeyword } from '#catalog/queries/content'

/**
 * 通知公告 (back office, operators and super admins).
 */
export default class ContentNoticesController {
  async index({ bouncer, request, view }: HttpContext) {
    await bouncer.with(ContentPolicy).authorize('manage')
    const query = {
      status: cleanKeyword(request.input('status')),
      keyword: cleanKeyword(request.input('keyword')),
    }
    const page = Math.max(1, Number(request.input('page')) || 1)
    const notices = await listNotices(query, page)
    return view.render('admin/content/notices/index', {
      notices,
      query,
      statuses: CONTENT_STATUSES,
      now: new Date(),
    })
  }

  async create({ bouncer, view }: HttpContext) {
    await bouncer.with(ContentPolicy).authorize('manage')
    return view.render('admin/content/notices/form', {
      notice: null,
      values: { status: 'draft' },
      statuses: CONTENT_STATUSES,
    })
  }

  async store({ bouncer, request, response, session }: HttpContext) {
    await bouncer.with(ContentPolicy).authorize('manage')
    const payload = await request.validateUsing(noticeValidator)
    const notice = await createNotice(payload)
    session.flash(
      'success',
      notice.status === 'published'
        ? `已发布通知公告“${notice.title}”`
        : `已保存草稿“${notice.title}”`
    )
    return response.redirect('/admin/content/notices')
  }

  async edit({ bouncer, params, view }: HttpContext) {
    await bouncer.with(ContentPolicy).authorize('manage')
    const notice = (await findNotice(params.id)) ?? notFound()
    return view.render('admin/content/notices/form', {
      notice,
      values: {
        title: notice.title,
        body: notice.body,
        status: notice.status,
        pinned: notice.pinned,
        published_at: notice.publishedAt
          ? formatTime(notice.publishedAt, "yyyy-MM-dd'T'HH:mm")
          : '',
      },
      statuses: CONTENT_STATUSES,
    })
  }

  async update({ bouncer, params, request, response, session }: HttpContext) {
    await bouncer.with(ContentPolicy).authorize('manage')
    const payload = await request.validateUsing(noticeValidator)
    const notice = await updateNotice(params.id, payload)
    session.flash('success', `已保存通知公告“${notice.title}”`)
    return response.redirect('/admin/content/notices')
  }

  async status({ bouncer, params, request, response, session }: HttpContext) {
    await bouncer.with(ContentPolicy).authorize('manage')
    const { status } = await request.validateUsing(contentStatusValidator)
    const notice = await setNoticeStatus(params.id, status)
    session.flash(
      'success',
      status === 'published' ? `已发布“${notice.title}”` : `已撤回“${notice.title}”，申请人不再可见`
    )
    return response.redirect('/admin/content/notices')
  }

  async destroy({ bouncer, params, response, session }: HttpContext) {
    await bouncer.with(ContentPolicy).authorize('manage')
    const notice = await deleteNotice(params.id)
    session.flash('success', `已删除通知公告“${notice.title}”`)
    return response.redirect('/admin/content/notices')
  }
}
