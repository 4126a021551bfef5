import type { HttpContext } from '@adonisjs/core/http'
import ContentPolicy from '#catalog/policies/content_policy'
import type Guide from '#catalog/models/guide'
import { guideLifecycle } from '#catalog/lifecycles'
import { CONTENT_STATUSES, GUIDE_CATEGORIES } from '#catalog/labels'
import { contentStatusValidator, guideValidator } from '#catalog/validators'
import { createGuide, deleteGuide, setGuideStatus, updateGuide } from '#catalog/actions/content'
import { findGuide, listGuides } from '#catalog/queries/admin'
import { ItemPagesController, contentMessages, listFilters } from './item_pages.js'

/**
 * 操作指南 (back office, operators and super admins).
 */
export default class GuidesController extends ItemPagesController<Guide> {
  pages = {
    policy: ContentPolicy,
    listAbility: 'manage' as const,
    views: 'catalog/admin/guides',
    route: 'admin.content.guides',
    find: findGuide,
    list: async ({ request }: HttpContext) => {
      const { query, filters, page } = listFilters(request, ['status', 'category', 'keyword'])
      return {
        guides: await listGuides(filters, page),
        query,
        statuses: CONTENT_STATUSES,
        categories: GUIDE_CATEGORIES,
        lifecycle: guideLifecycle,
      }
    },
    form: async (guide: Guide | null) => ({
      guide,
      values: guide
        ? {
            title: guide.title,
            category: guide.category,
            body: guide.body,
            status: guide.status,
            sort_order: guide.sortOrder,
          }
        : { status: 'draft', sort_order: 0 },
      statuses: CONTENT_STATUSES,
      categories: GUIDE_CATEGORIES,
    }),
    validator: guideValidator,
    statusValidator: contentStatusValidator,
    create: createGuide,
    update: updateGuide,
    setStatus: setGuideStatus,
    remove: deleteGuide,
    messages: contentMessages<Guide>('操作指南', (g) => g.title),
  }
}
