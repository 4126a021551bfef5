import type { HttpContext } from '@adonisjs/core/http'
import { notFound } from '#catalog/errors'
import { materialTemplateFile } from '#catalog/queries/files'
import { sendPrivateFile } from '#catalog/services/file_response'

/**
 * 模板下载: the blank form of a material (申请表, 授权委托书), linked from
 * the order's upload step.
 */
export default class TemplatesController {
  async show(ctx: HttpContext) {
    const file = await materialTemplateFile(ctx.params.id)
    if (!file) notFound()
    return sendPrivateFile(ctx, file)
  }
}
