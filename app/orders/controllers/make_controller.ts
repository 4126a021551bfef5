import type { HttpContext } from '@adonisjs/core/http'
import { ApplyError } from '#orders/actions/apply'
import { selfMake } from '#orders/actions/fulfilment'
import { findOwnOrder } from '#orders/queries/orders'
import { certificatesOfOrder } from '#certificates/queries/certificates'
import { csrValidator } from '#orders/validators'
import type User from '#accounts/models/user'

/**
 * 制证 (自助): the applicant pastes or uploads the certificate request
 * (PKCS#10) generated in the uKey; the certificate and the chain come
 * back at once.
 */
export default class MakeController {
  async show({ auth, params, view, response, session }: HttpContext) {
    const user = auth.getUserOrFail() as User
    const order = await findOwnOrder(user.id, params.orderNo)
    if (!order) return response.notFound()
    if (order.deliveryMethod !== 'self_make' || !['approved', 'completed'].includes(order.status)) {
      session.flash('info', '该订单当前不能自助制证')
      return response.redirect(`/orders/${order.orderNo}`)
    }
    return view.render('orders/make', {
      order,
      certificates: await certificatesOfOrder(order.orderNo),
    })
  }

  async store({ auth, params, request, response, session }: HttpContext) {
    const user = auth.getUserOrFail() as User
    const order = await findOwnOrder(user.id, params.orderNo)
    if (!order) return response.notFound()
    let csr = request.input('csr')
    const file = request.file('csr_file', { size: '64kb' })
    if (file && file.tmpPath && file.isValid) {
      const { readFile } = await import('node:fs/promises')
      csr = await readFile(file.tmpPath, 'latin1')
      request.updateBody({ ...request.body(), csr })
    }
    const payload = await request.validateUsing(csrValidator)
    try {
      await selfMake(order, payload.csr)
    } catch (error) {
      if (!(error instanceof ApplyError)) throw error
      session.flashExcept(['_csrf'])
      session.flash('inputErrorsBag', { csr: [error.message] })
      return response.redirect(`/orders/${order.orderNo}/make`)
    }
    session.flash('success', '制证成功：证书已签发，请下载证书和证书链写入 uKey')
    return response.redirect(`/orders/${order.orderNo}/make`)
  }
}
