import type { HttpContext } from '@adonisjs/core/http'
import { ApplyError } from '#orders/actions/apply'
import { handOver, makeByOperator, shipOrder } from '#orders/actions/fulfilment'
import { findOrderByNo, searchOrders } from '#orders/queries/orders'
import { COURIERS } from '#orders/labels'
import { csrValidator, handOverValidator, shipValidator } from '#orders/validators'
import OrderPolicy from '#orders/policies/order_policy'
import { page, text } from '#core/http/list_filters'

const QUEUES = {
  make: {
    title: '待制证',
    statuses: ['approved'],
    deliveryMethods: ['mail_cod', 'pickup'],
    empty: '暂无待制证的 uKey 订单',
  },
  ship: {
    title: '待发货',
    statuses: ['awaiting_shipment'],
    deliveryMethods: ['mail_cod'],
    empty: '暂无待发货的订单',
  },
  pickup: {
    title: '待领取',
    statuses: ['awaiting_pickup'],
    deliveryMethods: ['pickup'],
    empty: '暂无待领取的订单',
  },
} as const

type QueueKey = keyof typeof QUEUES

/**
 * 制证与交付 (operators): uKeys to make (the CSR from the key), to ship
 * (courier and tracking number) and to hand over (the pickup person's ID
 * checked against the order).
 */
export default class FulfilmentController {
  async index({ bouncer, params, request, view, response }: HttpContext) {
    await bouncer.with(OrderPolicy).authorize('fulfil')
    const key = params.queue as QueueKey
    const queue = QUEUES[key]
    if (!queue) return response.notFound()
    const qs = request.qs()
    const filters = { orderNo: text(qs.order_no, 19) ?? '', subject: text(qs.subject, 50) ?? '' }
    const list = await searchOrders(filters, page(qs.page), {
      statuses: [...queue.statuses],
      deliveryMethods: [...queue.deliveryMethods],
      oldestFirst: true,
    })
    return view.render('admin/orders/fulfilment', {
      key,
      queue,
      list,
      query: { order_no: filters.orderNo, subject: filters.subject },
      couriers: COURIERS,
    })
  }

  async make({ bouncer, params, request, response, session, auth }: HttpContext) {
    await bouncer.with(OrderPolicy).authorize('fulfil')
    const order = await findOrderByNo(params.orderNo)
    if (!order) return response.notFound()
    const payload = await request.validateUsing(csrValidator)
    const staff = auth.use('admin').user!
    try {
      const certificate = await makeByOperator(order, payload.csr, {
        id: staff.id,
        name: staff.displayName,
      })
      session.flash(
        'success',
        `制证完成：证书 ${certificate.serial.toUpperCase()} 已签发，请写入 uKey 后${order.deliveryMethod === 'pickup' ? '等待取证人领取' : '发货'}`
      )
    } catch (error) {
      if (!(error instanceof ApplyError)) throw error
      session.flashExcept(['_csrf'])
      session.flash('inputErrorsBag', { csr: [error.message] })
      session.flash('error', error.message)
      return response.redirect(`/admin/orders/${order.orderNo}#make`)
    }
    return response.redirect(`/admin/orders/${order.orderNo}`)
  }

  async ship({ bouncer, params, request, response, session, auth }: HttpContext) {
    await bouncer.with(OrderPolicy).authorize('fulfil')
    const order = await findOrderByNo(params.orderNo)
    if (!order) return response.notFound()
    const payload = await request.validateUsing(shipValidator)
    const staff = auth.use('admin').user!
    try {
      await shipOrder(
        order,
        { courier: payload.courier, trackingNo: payload.tracking_no },
        { id: staff.id, name: staff.displayName }
      )
    } catch (error) {
      if (!(error instanceof ApplyError)) throw error
      session.flash('error', error.message)
      return response.redirect(`/admin/orders/${order.orderNo}`)
    }
    session.flash('success', '已发货，申请人已收到通知')
    return response.redirect('/admin/fulfilment/ship')
  }

  async handOver({ bouncer, params, request, response, session, auth }: HttpContext) {
    await bouncer.with(OrderPolicy).authorize('fulfil')
    const order = await findOrderByNo(params.orderNo)
    if (!order) return response.notFound()
    const payload = await request.validateUsing(handOverValidator)
    const staff = auth.use('admin').user!
    try {
      await handOver(
        order,
        { shownIdNumber: payload.shown_id_number, note: payload.handover_note ?? null },
        { id: staff.id, name: staff.displayName }
      )
    } catch (error) {
      if (!(error instanceof ApplyError)) throw error
      session.flashExcept(['_csrf'])
      if (error.field) session.flash('inputErrorsBag', { [error.field]: [error.message] })
      session.flash('error', error.message)
      return response.redirect(`/admin/orders/${order.orderNo}#handover`)
    }
    session.flash('success', '已交付，订单完成')
    return response.redirect('/admin/fulfilment/pickup')
  }
}
