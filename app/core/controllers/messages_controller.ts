import type { HttpContext } from '@adonisjs/core/http'
import messages, { MESSAGE_CATEGORIES } from '#core/messages/message_service'
import { isUuid } from '#core/ids'

/**
 * 消息中心: the signed-in applicant's in-site messages.
 */
export default class MessagesController {
  async index({ auth, request, view }: HttpContext) {
    const user = auth.getUserOrFail() as any
    const query = request.qs()
    const page = Math.max(1, Number(query.page) || 1)
    const list = await messages.paginate(user.id, page, 15, {
      category: query.category,
      unread: query.unread === '1',
    })
    return view.render('core/messages', {
      list,
      query: { category: query.category ?? '', unread: query.unread ?? '' },
      categories: MESSAGE_CATEGORIES,
    })
  }

  async show({ auth, params, view, response }: HttpContext) {
    const user = auth.getUserOrFail() as any
    const message = isUuid(params.id) ? await messages.findForUser(user.id, params.id) : null
    if (!message) return response.notFound()
    await messages.markRead(message)
    return view.render('core/message', { message, categories: MESSAGE_CATEGORIES })
  }

  async readAll({ auth, response, session }: HttpContext) {
    const user = auth.getUserOrFail() as any
    await messages.markAllRead(user.id)
    session.flash('success', '已全部标记为已读')
    return response.redirect().toRoute('core.messages.index')
  }
}
