import type { HttpContext } from '@adonisjs/core/http'
import type { Applicant } from '#accounts/queries/users'

/**
 * 自助服务: what the applicant can start here.
 */
export default class ServicesController {
  async index({ auth, view }: HttpContext) {
    const user = auth.getUserOrFail() as Applicant
    return view.render('orders/services', {
      verified: user.realNameStatus === 'verified',
      realNameStatus: user.realNameStatus,
    })
  }
}
