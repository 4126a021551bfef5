import type { HttpContext } from '@adonisjs/core/http'
import { sendPrivateFile } from '#core/http/private_file'
import { notFound } from '#catalog/errors'
import { countDownload } from '#catalog/actions/content'
import { findPublishedDownload, publishedDownloads } from '#catalog/queries/content'
import { fileOf } from '#catalog/queries/files'

/**
 * 下载专区 (public): drivers, controls, templates and manuals; each
 * download is counted.
 */
export default class DownloadsController {
  async index({ view }: HttpContext) {
    return view.render('catalog/downloads/index', { groups: await publishedDownloads() })
  }

  async file(ctx: HttpContext) {
    const download = await findPublishedDownload(ctx.params.id)
    if (!download) notFound()
    await countDownload(download.id)
    return sendPrivateFile(ctx, fileOf(download))
  }
}
