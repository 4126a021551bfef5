import type { HttpContext } from '@adonisjs/core/http'
import messages from '#core/messages/message_service'
import { homeSections } from '#core/home_sections'

/**
 * 首页: after login, the latest order progress (of the identity acted as), the latest notices and the
 * last 10 messages; before login, what the hall offers.
 */
export default class HomeController {
  async index(ctx: HttpContext) {
    const { auth, view } = ctx
    const user = auth.use('web').user as any
    const sections = await homeSections.collect(user ?? null, ctx)
    return view.render('accounts/home', {
      sections,
      latestMessages: user ? await messages.latest(user.id, 10) : [],
    })
  }
}
