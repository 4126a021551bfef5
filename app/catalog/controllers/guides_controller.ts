import type { HttpContext } from '@adonisjs/core/http'
import { notFound } from '#catalog/errors'
import { GUIDE_CATEGORIES } from '#catalog/labels'
import {
  cleanKeyword,
  findPublishedGuide,
  publishedGuides,
  relatedGuides,
} from '#catalog/queries/content'

/**
 * 操作指南 (public): search by keyword and category, and one guide.
 */
export default class GuidesController {
  async index({ request, view }: HttpContext) {
    const keyword = cleanKeyword(request.input('keyword'))
    const category = cleanKeyword(request.input('category'))
    const page = Math.max(1, Number(request.input('page')) || 1)
    const guides = await publishedGuides(page, { keyword, category })
    return view.render('catalog/guides/index', {
      guides,
      query: { keyword, category },
      categories: GUIDE_CATEGORIES,
    })
  }

  async show({ params, view }: HttpContext) {
    const guide = await findPublishedGuide(params.id)
    if (!guide) notFound()
    return view.render('catalog/guides/show', {
      guide,
      related: await relatedGuides(guide),
      categories: GUIDE_CATEGORIES,
    })
  }
}
