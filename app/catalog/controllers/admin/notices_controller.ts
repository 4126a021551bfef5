import type { HttpContext } from '@adonisjs/core/http'
import { formatTime } from '#core/time'
import ContentPolicy from '#catalog/policies/content_policy'
import type Notice from '#catalog/models/notice'
import { noticeLifecycle } from '#catalog/lifecycles'
import { CONTENT_STATUSES } from '#catalog/labels'
import { contentStatusValidator, noticeValidator } from '#catalog/validators'
import { createNotice, deleteNotice, setNoticeStatus, updateNotice } from '#catalog/actions/content'
import { findNotice, listNotices } from '#catalog/queries/admin'
import { ItemPagesController, contentMessages, listFilters } from './item_pages.js'

/**
 * 通知公告 (back office, operators and super admins).
 */
export default class NoticesController extends ItemPagesController<Notice> {
  pages = {
    policy: ContentPolicy,
    listAbility: 'manage' as const,
    views: 'catalog/admin/notices',
    route: 'admin.content.notices',
    find: findNotice,
    list: async ({ request }: HttpContext) => {
      const { query, filters, page } = listFilters(request, ['status', 'keyword'])
      return {
        notices: await listNotices(filters, page),
        query,
        statuses: CONTENT_STATUSES,
        lifecycle: noticeLifecycle,
        now: new Date(),
      }
    },
    form: async (notice: Notice | null) => ({
      notice,
      values: notice
        ? {
            title: notice.title,
            body: notice.body,
            status: notice.status,
            pinned: notice.pinned,
            published_at: notice.publishedAt
              ? formatTime(notice.publishedAt, "yyyy-MM-dd'T'HH:mm")
              : '',
          }
        : { status: 'draft' },
      statuses: CONTENT_STATUSES,
    }),
    validator: noticeValidator,
    statusValidator: contentStatusValidator,
    create: createNotice,
    update: updateNotice,
    setStatus: setNoticeStatus,
    remove: deleteNotice,
    messages: contentMessages<Notice>('通知公告', (n) => n.title),
  }
}
