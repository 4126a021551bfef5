import type { HttpContext } from '@adonisjs/core/http'
import { sendPrivateFile } from '#core/http/private_file'
import { notFound } from '#catalog/errors'
import ContentPolicy from '#catalog/policies/content_policy'
import type Download from '#catalog/models/download'
import { downloadLifecycle } from '#catalog/lifecycles'
import {
  CONTENT_STATUSES,
  DOWNLOAD_CATEGORIES,
  DOWNLOAD_FILE_TYPES,
  DOWNLOAD_MAX_SIZE,
} from '#catalog/labels'
import { contentStatusValidator, downloadValidator } from '#catalog/validators'
import {
  createDownload,
  deleteDownload,
  setDownloadStatus,
  updateDownload,
} from '#catalog/actions/content'
import { findDownload, listDownloads } from '#catalog/queries/admin'
import { downloadFile } from '#catalog/queries/files'
import { ItemPagesController, contentMessages, listFilters } from './item_pages.js'

/**
 * 下载专区 (back office, operators and super admins): upload drivers,
 * controls, templates and manuals; see how often each was downloaded.
 */
export default class DownloadsController extends ItemPagesController<Download> {
  pages = {
    policy: ContentPolicy,
    listAbility: 'manage' as const,
    views: 'catalog/admin/downloads',
    route: 'admin.content.downloads',
    find: findDownload,
    list: async ({ request }: HttpContext) => {
      const { query, filters, page } = listFilters(request, ['status', 'category', 'keyword'])
      return {
        downloads: await listDownloads(filters, page),
        query,
        statuses: CONTENT_STATUSES,
        categories: DOWNLOAD_CATEGORIES,
        lifecycle: downloadLifecycle,
      }
    },
    form: async (download: Download | null) => ({
      download,
      values: download
        ? {
            name: download.name,
            category: download.category,
            description: download.description,
            version: download.version,
            status: download.status,
            sort_order: download.sortOrder,
          }
        : { status: 'draft', sort_order: 0 },
      statuses: CONTENT_STATUSES,
      categories: DOWNLOAD_CATEGORIES,
      fileTypes: DOWNLOAD_FILE_TYPES,
      maxSize: DOWNLOAD_MAX_SIZE,
    }),
    validator: downloadValidator,
    statusValidator: contentStatusValidator,
    create: (payload: any, { request }: HttpContext) =>
      createDownload(payload, request.file('file')),
    update: (id: string, payload: any, { request }: HttpContext) =>
      updateDownload(id, payload, request.file('file')),
    setStatus: setDownloadStatus,
    remove: deleteDownload,
    messages: contentMessages<Download>('', (d) => d.name),
  }

  /**
   * Staff check a file (drafts included) without counting a download.
   */
  async file(ctx: HttpContext) {
    await ctx.bouncer.with(ContentPolicy).authorize('manage')
    return sendPrivateFile(ctx, (await downloadFile(ctx.params.id)) ?? notFound())
  }
}
