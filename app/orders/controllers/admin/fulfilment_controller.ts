import type { HttpContext } from '@adonisjs/core/http'
import { page, text } from '#core/http/list_filters'
import { NotFoundError } from '#core/rule_error'
import { reviewerOf, type StaffActor } from '#core/staff'
import { handOver, makeByOperator, shipOrder } from '#orders/actions/fulfilment'
import { findOrderByNoOrFail, FULFILMENT_QUEUES, searchOrders } from '#orders/queries/orders'
import { csrValidator, handOverValidator, shipValidator } from '#orders/validators'
import OrderPolicy from '#orders/policies/order_policy'

/**
 * 制证与交付 (operators): uKeys to make (the CSR from the key), to ship
 * (courier and tracking number) and to hand over (the pickup person's ID
 * checked against the order).
 */
export default class FulfilmentController {
  async index({ bouncer, params, request, view }: HttpContext) {
    await bouncer.with(OrderPolicy).authorize('fulfil')
    const key = params.queue as keyof typeof FULFILMENT_QUEUES
    const queue = Object.hasOwn(FULFILMENT_QUEUES, key) ? FULFILMENT_QUEUES[key] : null
    if (!queue) throw new NotFoundError()
    const qs = request.qs()
    const filters = { orderNo: text(qs.order_no, 19) ?? '', subject: text(qs.subject, 50) ?? '' }
    const list = await searchOrders(filters, page(qs.page), {
      statuses: [...queue.statuses],
      deliveryMethods: [...queue.deliveryMethods],
      oldestFirst: true,
    })
    return view.render('orders/admin/fulfilment', {
      key,
      queue,
      list,
      query: { order_no: filters.orderNo, subject: filters.subject },
    })
  }

  async make({ bouncer, params, request, response, session, auth }: HttpContext) {
    await bouncer.with(OrderPolicy).authorize('fulfil')
    const order = await findOrderByNoOrFail(params.orderNo)
    const payload = await request.validateUsing(csrValidator)
    const certificate = await makeByOperator(order, payload.csr, reviewerOf(this.#staff(auth)))
    session.flash(
      'success',
      `制证完成：证书 ${certificate.serial.toUpperCase()} 已签发，请写入 uKey 后${order.deliveryMethod === 'pickup' ? '等待取证人领取' : '发货'}`
    )
    return response.redirect().toRoute('admin.orders.show', { orderNo: order.orderNo })
  }

  async ship({ bouncer, params, request, response, session, auth }: HttpContext) {
    await bouncer.with(OrderPolicy).authorize('fulfil')
    const order = await findOrderByNoOrFail(params.orderNo)
    const payload = await request.validateUsing(shipValidator)
    await shipOrder(order, payload, reviewerOf(this.#staff(auth)))
    session.flash('success', '已发货，申请人已收到通知')
    return response.redirect().toRoute('admin.fulfilment.index', { queue: 'ship' })
  }

  async handOver({ bouncer, params, request, response, session, auth }: HttpContext) {
    await bouncer.with(OrderPolicy).authorize('fulfil')
    const order = await findOrderByNoOrFail(params.orderNo)
    const payload = await request.validateUsing(handOverValidator)
    await handOver(order, payload, reviewerOf(this.#staff(auth)))
    session.flash('success', '已交付，订单完成')
    return response.redirect().toRoute('admin.fulfilment.index', { queue: 'pickup' })
  }

  #staff(auth: HttpContext['auth']) {
    return auth.use('admin').user as unknown as StaffActor
  }
}
