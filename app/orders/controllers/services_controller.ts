import type { HttpContext } from '@adonisjs/core/http'
import type User from '#accounts/models/user'

/**
 * 自助服务: what the applicant can start here.
 */
export default class ServicesController {
  async index({ auth, view }: HttpContext) {
    const user = auth.getUserOrFail() as User
    return view.render('orders/services', {
      verified: user.realNameStatus === 'verified',
      realNameStatus: user.realNameStatus,
    })
  }
}
