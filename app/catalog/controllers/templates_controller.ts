import type { HttpContext } from '@adonisjs/core/http'
import { sendPrivateFile } from '#core/http/private_file'
import { notFound } from '#catalog/errors'
import { materialTemplateFile } from '#catalog/queries/files'

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
