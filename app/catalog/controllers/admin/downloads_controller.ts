import type { HttpContext } from '@adonisjs/core/http'
import ContentPolicy from '#catalog/policies/content_policy'
import { notFound } from '#catalog/errors'
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
import { cleanKeyword } from '#catalog/queries/content'
import { sendPrivateFile } from '#catalog/services/file_response'

/**
 * 下载专区 (back office, operators and super admins): upload drivers,
 * controls, templates and manuals; see how often each was downloaded.
 */
export default class ContentDownloadsController {
  async index({ bouncer, request, view }: HttpContext) {
    await bouncer.with(ContentPolicy).authorize('manage')
    const query = {
      status: cleanKeyword(request.input('status')),
      category: cleanKeyword(request.input('category')),
      keyword: cleanKeyword(request.input('keyword')),
    }
    const page = Math.max(1, Number(request.input('page')) || 1)
    const downloads = await listDownloads(query, page)
    return view.render('admin/content/downloads/index', {
      downloads,
      query,
      statuses: CONTENT_STATUSES,
      categories: DOWNLOAD_CATEGORIES,
    })
  }

  async create({ bouncer, view }: HttpContext) {
    await bouncer.with(ContentPolicy).authorize('manage')
    return view.render('admin/content/downloads/form', {
      download: null,
      values: { status: 'draft', sort_order: 0 },
      ...this.formOptions(),
    })
  }

  async store({ bouncer, request, response, session }: HttpContext) {
    await bouncer.with(ContentPolicy).authorize('manage')
    const payload = await request.validateUsing(downloadValidator)
    const download = await createDownload(payload, request.file('file'))
    session.flash(
      'success',
      download.status === 'published' ? `已发布“${download.name}”` : `已保存草稿“${download.name}”`
    )
    return response.redirect('/admin/content/downloads')
  }

  async edit({ bouncer, params, view }: HttpContext) {
    await bouncer.with(ContentPolicy).authorize('manage')
    const download = (await findDownload(params.id)) ?? notFound()
    return view.render('admin/content/downloads/form', {
      download,
      values: {
        name: download.name,
        category: download.category,
        description: download.description,
        version: download.version,
        status: download.status,
        sort_order: download.sortOrder,
      },
      ...this.formOptions(),
    })
  }

  async update({ bouncer, params, request, response, session }: HttpContext) {
    await bouncer.with(ContentPolicy).authorize('manage')
    const payload = await request.validateUsing(downloadValidator)
    const download = await updateDownload(params.id, payload, request.file('file'))
    session.flash('success', `已保存“${download.name}”`)
    return response.redirect('/admin/content/downloads')
  }

  async status({ bouncer, params, request, response, session }: HttpContext) {
    await bouncer.with(ContentPolicy).authorize('manage')
    const { status } = await request.validateUsing(contentStatusValidator)
    const download = await setDownloadStatus(params.id, status)
    session.flash(
      'success',
      status === 'published'
        ? `已发布“${download.name}”`
        : `已撤回“${download.name}”，申请人不再可见`
    )
    return response.redirect('/admin/content/downloads')
  }

  async destroy({ bouncer, params, response, session }: HttpContext) {
    await bouncer.with(ContentPolicy).authorize('manage')
    const download = await deleteDownload(params.id)
    session.flash('success', `已删除“${download.name}”`)
    return response.redirect('/admin/content/downloads')
  }

  /**
   * Staff check a file (drafts included) without counting a download.
   */
  async file(ctx: HttpContext) {
    await ctx.bouncer.with(ContentPolicy).authorize('manage')
    const download = (await findDownload(ctx.params.id)) ?? notFound()
    return sendPrivateFile(ctx, {
      key: download.fileKey,
      name: download.fileName,
      type: download.fileType,
    })
  }

  private formOptions() {
    return {
      statuses: CONTENT_STATUSES,
      categories: DOWNLOAD_CATEGORIES,
      fileTypes: DOWNLOAD_FILE_TYPES,
      maxSize: DOWNLOAD_MAX_SIZE,
    }
  }
}
