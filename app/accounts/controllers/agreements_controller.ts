import type { HttpContext } from '@adonisjs/core/http'
import { agreementNames, findAgreement } from '#accounts/agreements'

/**
 * 用户服务协议, 隐私政策, 账号注销须知.
 */
export default class AgreementsController {
  async show({ params, view, response }: HttpContext) {
    const agreement = findAgreement(String(params.name))
    if (!agreement) return response.notFound()
    return view.render('accounts/agreements/show', {
      agreement,
      others: agreementNames().filter((a) => a.name !== agreement.name),
    })
  }
}
