import type { HttpContext } from '@adonisjs/core/http'
import { notFound } from '#catalog/errors'
import { cleanKeyword, findPublishedNotice, publishedNotices } from '#catalog/queries/content'

/**
 * 通知公告 (public): the list with keyword search, and one notice.
 */
export default class NoticesController {
  async index({ request, view }: HttpContext) {
    const keyword = cleanKeyword(request.input('keyword'))
    const page = Math.max(1, Number(request.input('page')) || 1)
    const notices = await publishedNotices(page, keyword)
    return view.render('catalog/notices/index', { notices, query: { keyword } })
  }

  async show({ params, view }: HttpContext) {
    const notice = await findPublishedNotice(params.id)
    if (!notice) notFound()
    return view.render('catalog/notices/show', { notice })
  }
}
