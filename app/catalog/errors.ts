import { Exception } from '@adonisjs/core/exceptions'
import type { HttpContext } from '@adonisjs/core/http'

/**
 * A catalog rule said no (duplicate code, min size above max size, a
 * platform still in use, ...). Thrown by actions; on an HTML request it
 * goes back to the form with everything typed kept, the messages at
 * their fields and a summary at the top.
 */
export class CatalogRuleError extends Exception {
  static status = 422
  static code = 'E_CATALOG_RULE'

  readonly fields: Record<string, string>

  constructor(fields: Record<string, string> | string, summary?: string) {
    const map = typeof fields === 'string' ? {} : fields
    const message =
      summary ??
      (typeof fields === 'string' ? fields : (Object.values(fields)[0] ?? '提交的信息有误'))
    super(message, { status: 422, code: 'E_CATALOG_RULE' })
    this.fields = map
  }

  static field(field: string, message: string) {
    return new CatalogRuleError({ [field]: message })
  }

  async handle(error: this, ctx: HttpContext) {
    if (ctx.request.accepts(['html', 'json']) === 'json') {
      return ctx.response.status(422).send({ error: error.message, fields: error.fields })
    }
    ctx.session.flashExcept(['_csrf', '_method'])
    if (Object.keys(error.fields).length) {
      const bag: Record<string, string[]> = {}
      for (const [field, message] of Object.entries(error.fields)) bag[field] = [message]
      ctx.session.flash('inputErrorsBag', bag)
      ctx.session.flash(
        'error',
        Object.keys(error.fields).length > 1 ? '提交的信息有误，请按提示修改' : error.message
      )
    } else {
      ctx.session.flash('error', error.message)
    }
    return ctx.response.redirect().back()
  }
}

/**
 * Unknown, unpublished or malformed id: the Chinese 404 page.
 */
export function notFound(): never {
  throw new Exception('您访问的内容不存在或已下线', { status: 404, code: 'E_NOT_FOUND' })
}
