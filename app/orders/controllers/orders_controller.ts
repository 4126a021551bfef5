import type { HttpContext } from '@adonisjs/core/http'
import audit, { auditActionLabel } from '#core/audit/audit_service'
import { sendMaterial } from '#orders/material_files'
import { paymentSummary, paymentsOfOrder } from '#payments/queries'
import {
  ApplyError,
  cancelApplication,
  missingMaterials,
  resubmitApplication,
} from '#orders/actions/apply'
import { confirmReceipt } from '#orders/actions/fulfilment'
import {
  findMaterialOfOrder,
  findOwnOrder,
  materialsOfOrder,
  paginateOwnOrders,
  reviewsOfOrder,
} from '#orders/queries/orders'
import { certificatesOfOrder } from '#certificates/queries/certificates'
import { applicantActions, ORDER_STATUSES } from '#orders/state_machine'
import { cancelValidator } from '#orders/validators'
import type Order from '#orders/models/order'
import type User from '#accounts/models/user'

/**
 * 我的订单 / 进度查询 and what an applicant does with an order after the
 * wizard: pay, cancel, see why it failed and complete it (完善资料), sign
 * for the delivery.
 */
export default class OrdersController {
  async index({ auth, request, view }: HttpContext) {
    const user = auth.getUserOrFail() as User
    const qs = request.qs()
    const filters = {
      orderNo: typeof qs.order_no === 'string' ? qs.order_no.trim().slice(0, 19) : '',
      subject: typeof qs.subject === 'string' ? qs.subject.trim().slice(0, 50) : '',
      status: typeof qs.status === 'string' && qs.status in ORDER_STATUSES ? qs.status : '',
    }
    const page = Math.max(1, Number(qs.page) || 1)
    const list = await paginateOwnOrders(user.id, filters, page)
    return view.render('orders/index', {
      list,
      rows: list.all().map((order) => ({ order, actions: applicantActions(order.facts) })),
      query: { order_no: filters.orderNo, subject: filters.subject, status: filters.status },
      statuses: Object.fromEntries(Object.entries(ORDER_STATUSES).map(([k, v]) => [k, v.label])),
    })
  }

  async show(ctx: HttpContext) {
    const order = await this.#own(ctx)
    if (!order) return ctx.response.notFound()
    const trail = await audit.trailOf('order', order.orderNo)
    return ctx.view.render('orders/show', {
      order,
      actions: applicantActions(order.facts),
      materials: await materialsOfOrder(order.id),
      reviews: await reviewsOfOrder(order.id),
      payment: await paymentSummary(order.orderNo),
      payments: await paymentsOfOrder(order.orderNo),
      certificates: await certificatesOfOrder(order.orderNo),
      timeline: trail
        .filter(
          (entry) =>
            entry.action.startsWith('orders.order.') &&
            entry.action !== 'orders.order.update_step' &&
            entry.action !== 'orders.order.material_uploaded'
        )
        .map((entry) => ({
          label: auditActionLabel(entry.action),
          time: entry.createdAt,
          actorType: entry.actorType,
        })),
    })
  }

  /**
   * 立即支付: the amount and the payment methods (payments module).
   */
  async pay(ctx: HttpContext) {
    const order = await this.#own(ctx)
    if (!order) return ctx.response.notFound()
    if (order.status !== 'pending_payment') {
      ctx.session.flash(
        'info',
        order.isPaidOrFree ? '该订单已支付，无需重复支付' : '该订单当前无需支付'
      )
      return ctx.response.redirect(`/orders/${order.orderNo}`)
    }
    return ctx.view.render('orders/pay', { order, payment: await paymentSummary(order.orderNo) })
  }

  /**
   * 更换支付方式 from a payment page (/payments/new?order=…).
   */
  async newPayment({ request, response }: HttpContext) {
    const orderNo = String(request.qs().order ?? '')
    return /^\d{19}$/.test(orderNo)
      ? response.redirect(`/orders/${orderNo}/pay`)
      : response.redirect('/orders')
  }

  /**
   * ③ 完成申请.
   */
  async done(ctx: HttpContext) {
    const order = await this.#own(ctx)
    if (!order) return ctx.response.notFound()
    if (order.status === 'draft')
      return ctx.response.redirect(`/orders/${order.orderNo}/apply/confirm`)
    return ctx.view.render('orders/done', { order })
  }

  async cancelForm(ctx: HttpContext) {
    const order = await this.#own(ctx)
    if (!order) return ctx.response.notFound()
    return ctx.view.render('orders/cancel', {
      order,
      allowed: applicantActions(order.facts).includes('cancel'),
    })
  }

  async cancel(ctx: HttpContext) {
    const order = await this.#own(ctx)
    if (!order) return ctx.response.notFound()
    const payload = await ctx.request.validateUsing(cancelValidator)
    try {
      await cancelApplication(order, payload.cancel_reason ?? null)
    } catch (error) {
      if (!(error instanceof ApplyError)) throw error
      ctx.session.flash('error', error.message)
      return ctx.response.redirect(`/orders/${order.orderNo}`)
    }
    ctx.session.flash('success', '申请已取消')
    return ctx.response.redirect('/orders')
  }

  /**
   * 完善资料: why the review failed, and links to change the applicant
   * details, the materials and the delivery, then 重新提交.
   */
  async fix(ctx: HttpContext) {
    const order = await this.#own(ctx)
    if (!order) return ctx.response.notFound()
    if (order.status !== 'rejected') {
      ctx.session.flash('info', '该订单当前不需要完善资料')
      return ctx.response.redirect(`/orders/${order.orderNo}`)
    }
    return ctx.view.render('orders/fix', {
      order,
      reviews: await reviewsOfOrder(order.id),
      materials: await materialsOfOrder(order.id),
      missing: await missingMaterials(order),
    })
  }

  async resubmit(ctx: HttpContext) {
    const order = await this.#own(ctx)
    if (!order) return ctx.response.notFound()
    try {
      await resubmitApplication(order)
    } catch (error) {
      if (!(error instanceof ApplyError)) throw error
      ctx.session.flash('error', error.message)
      return ctx.response.redirect(`/orders/${order.orderNo}/fix`)
    }
    ctx.session.flash('success', '已重新提交审核，无需再次支付')
    return ctx.response.redirect(`/orders/${order.orderNo}`)
  }

  /**
   * An uploaded material, to its owner only (preview inline).
   */
  async material(ctx: HttpContext) {
    const order = await this.#own(ctx)
    if (!order) return ctx.response.notFound()
    const material = await findMaterialOfOrder(order.id, String(ctx.params.materialId))
    if (!material) return ctx.response.notFound()
    return sendMaterial(ctx.response, material)
  }

  async receive(ctx: HttpContext) {
    const order = await this.#own(ctx)
    if (!order) return ctx.response.notFound()
    try {
      await confirmReceipt(order)
    } catch (error) {
      if (!(error instanceof ApplyError)) throw error
      ctx.session.flash('error', error.message)
      return ctx.response.redirect(`/orders/${order.orderNo}`)
    }
    ctx.session.flash('success', '已确认签收，业务办理完成')
    return ctx.response.redirect(`/orders/${order.orderNo}`)
  }

  async #own({ auth, params }: HttpContext): Promise<Order | null> {
    const user = auth.getUserOrFail() as User
    return findOwnOrder(user.id, params.orderNo)
  }
}
