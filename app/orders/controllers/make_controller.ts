import type { HttpContext } from '@adonisjs/core/http'
import { readFile } from 'node:fs/promises'
import { NotFoundError } from '#core/rule_error'
import type { Applicant } from '#accounts/queries/users'
import { certificatesOfOrder } from '#certificates/queries/certificates'
import { selfMake } from '#orders/actions/fulfilment'
import { findOwnOrder } from '#orders/queries/orders'
import { csrValidator } from '#orders/validators'

/**
 * 制证 (自助): the applicant pastes or uploads the certificate request
 * (PKCS#10) generated in the uKey; the certificate and the chain come
 * back at once. A refused CSR comes back at the CSR field.
 */
export default class MakeController {
  async show(ctx: HttpContext) {
    const order = await this.#own(ctx)
    if (order.deliveryMethod !== 'self_make' || !['approved', 'completed'].includes(order.status)) {
      ctx.session.flash('info', '该订单当前不能自助制证')
      return ctx.response.redirect().toRoute('orders.show', { orderNo: order.orderNo })
    }
    return ctx.view.render('orders/make', {
      order,
      certificates: await certificatesOfOrder(order.orderNo),
    })
  }

  async store(ctx: HttpContext) {
    const { request, response, session } = ctx
    const order = await this.#own(ctx)
    const file = request.file('csr_file', { size: '64kb' })
    if (file && file.tmpPath && file.isValid) {
      request.updateBody({ ...request.body(), csr: await readFile(file.tmpPath, 'latin1') })
    }
    const payload = await request.validateUsing(csrValidator)
    await selfMake(order, payload.csr)
    session.flash('success', '制证成功：证书已签发，请下载证书和证书链写入 uKey')
    return response.redirect().toRoute('orders.make', { orderNo: order.orderNo })
  }

  async #own({ auth, params }: HttpContext) {
    const user = auth.getUserOrFail() as Applicant
    const order = await findOwnOrder(user.id, params.orderNo)
    if (!order) throw new NotFoundError()
    return order
  }
}
