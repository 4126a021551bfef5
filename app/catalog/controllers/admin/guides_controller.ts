import type { HttpContext } from '@adonisjs/core/http'
import ContentPolicy from '#catalog/policies/content_policy'
import { notFound } from '#catalog/errors'
import { CONTENT_STATUSES, GUIDE_CATEGORIES } from '#catalog/labels'
import { contentStatusValidator, guideValidator } from '#catalog/validators'
import { createGuide, deleteGuide, setGuideStatus, updateGuide } from '#catalog/actions/content'
import { findGuide, listGuides } from '#catalog/queries/admin'
import { cleanKeyword } from '#catalog/queries/content'

/**
 * 操作指南 (back office, operators and super admins).
 */
export default class ContentGuidesController {
  async index({ bouncer, request, view }: HttpContext) {
    await bouncer.with(ContentPolicy).authorize('manage')
    const query = {
      status: cleanKeyword(request.input('status')),
      category: cleanKeyword(request.input('category')),
      keyword: cleanKeyword(request.input('keyword')),
    }
    const page = Math.max(1, Number(request.input('page')) || 1)
    const guides = await listGuides(query, page)
    return view.render('admin/content/guides/index', {
      guides,
      query,
      statuses: CONTENT_STATUSES,
      categories: GUIDE_CATEGORIES,
    })
  }

  async create({ bouncer, view }: HttpContext) {
    await bouncer.with(ContentPolicy).authorize('manage')
    return view.render('admin/content/guides/form', {
      guide: null,
      values: { status: 'draft', sort_order: 0 },
      statuses: CONTENT_STATUSES,
      categories: GUIDE_CATEGORIES,
    })
  }

  async store({ bouncer, request, response, session }: HttpContext) {
    await bouncer.with(ContentPolicy).authorize('manage')
    const payload = await request.validateUsing(guideValidator)
    const guide = await createGuide(payload)
    session.flash(
      'success',
      guide.status === 'published' ? `已发布操作指南“${guide.title}”` : `已保存草稿“${guide.title}”`
    )
    return response.redirect('/admin/content/guides')
  }

  async edit({ bouncer, params, view }: HttpContext) {
    await bouncer.with(ContentPolicy).authorize('manage')
    const guide = (await findGuide(params.id)) ?? notFound()
    return view.render('admin/content/guides/form', {
      guide,
      values: {
        title: guide.title,
        category: guide.category,
        body: guide.body,
        status: guide.status,
        sort_order: guide.sortOrder,
      },
      statuses: CONTENT_STATUSES,
      categories: GUIDE_CATEGORIES,
    })
  }

  async update({ bouncer, params, request, response, session }: HttpContext) {
    await bouncer.with(ContentPolicy).authorize('manage')
    const payload = await request.validateUsing(guideValidator)
    const guide = await updateGuide(params.id, payload)
    session.flash('success', `已保存操作指南“${guide.title}”`)
    return response.redirect('/admin/content/guides')
  }

  async status({ bouncer, params, request, response, session }: HttpContext) {
    await bouncer.with(ContentPolicy).authorize('manage')
    const { status } = await request.validateUsing(contentStatusValidator)
    const guide = await setGuideStatus(params.id, status)
    session.flash(
      'success',
      status === 'published' ? `已发布“${guide.title}”` : `已撤回“${guide.title}”，申请人不再可见`
    )
    return response.redirect('/admin/content/guides')
  }

  async destroy({ bouncer, params, response, session }: HttpContext) {
    await bouncer.with(ContentPolicy).authorize('manage')
    const guide = await deleteGuide(params.id)
    session.flash('success', `已删除操作指南“${guide.title}”`)
    return response.redirect('/admin/content/guides')
  }
}
