import type { HttpContext } from '@adonisjs/core/http'
import { serviceSummary } from '#orders/actions/services'
import { sendPrivateFile } from '#core/http/private_file'
import { NotFoundError } from '#core/rule_error'
import { text, page } from '#core/http/list_filters'
import type { Applicant } from '#accounts/queries/users'
import { certificatesOfOrder } from '#certificates/queries/certificates'
import { paymentSummary, paymentsOfOrder } from '#payments/queries/payments'
import { paymentFormSections } from '#payments/form_sections'
import { missingMaterials } from '#orders/actions/apply'
import { cancelApplication, resubmitApplication } from '#orders/actions/order_events'
import { confirmReceipt } from '#orders/actions/fulfilment'
import {
  findMaterialOfOrder,
  findOwnOrder,
  materialsOfOrder,
  orderHistory,
  paginateOwnOrders,
  reviewsOfOrder,
} from '#orders/queries/orders'
import { applicantActions, orderLifecycle } from '#orders/lifecycle'
import { cancelValidator } from '#orders/validators'

/**
 * 我的订单 / 进度查询 and what an applicant does with an order after the
 * wizard: pay, cancel, see why it failed and complete it (完善资料), sign
 * for the delivery. Another applicant's order is a 404.
 */
export default class OrdersController {
  async index({ auth, request, view }: HttpContext) {
    const user = auth.getUserOrFail() as Applicant
    const qs = request.qs()
    const filters = {
      orderNo: text(qs.order_no, 19) ?? '',
      subject: text(qs.subject, 50) ?? '',
      status: orderLifecycle.isState(qs.status) ? qs.status : '',
    }
    const list = await paginateOwnOrders(user.id, filters, page(qs.page))
    return view.render('orders/index', {
      list,
      rows: list.all().map((order) => ({ order, actions: applicantActions(order.facts) })),
      query: { order_no: filters.orderNo, subject: filters.subject, status: filters.status },
      statuses: orderLifecycle.labels(),
    })
  }

  async show(ctx: HttpContext) {
    const order = await this.#own(ctx)
    return ctx.view.render('orders/show', {
      order,
      service: serviceSummary(order),
      actions: applicantActions(order.facts),
      materials: await materialsOfOrder(order.id),
      reviews: await reviewsOfOrder(order.id),
      payment: await paymentSummary(order.orderNo),
      payments: await paymentsOfOrder(order.orderNo),
      certificates: await certificatesOfOrder(order.orderNo),
      timeline: await orderHistory(order.orderNo, { forApplicant: true }),
    })
  }

  /**
   * 立即支付: the amount and the payment methods (payments module).
   */
  async pay(ctx: HttpContext) {
    const order = await this.#own(ctx)
    if (order.status !== 'pending_payment') {
      ctx.session.flash(
        'info',
        order.isPaidOrFree ? '该订单已支付，无需重复支付' : '该订单当前无需支付'
      )
      return ctx.response.redirect().toRoute('orders.show', { orderNo: order.orderNo })
    }
    return ctx.view.render('orders/pay', {
      order,
      payment: await paymentSummary(order.orderNo),
      paymentSections: await paymentFormSections(ctx, order.orderNo),
    })
  }

  /**
   * 更换支付方式 from a payment page (/payments/new?order=…).
   */
  async newPayment({ request, response }: HttpContext) {
    const orderNo = String(request.qs().order ?? '')
    return /^\d{19}$/.test(orderNo)
      ? response.redirect().toRoute('orders.pay', { orderNo })
      : response.redirect().toRoute('orders.index')
  }

  /**
   * ③ 完成申请.
   */
  async done(ctx: HttpContext) {
    const order = await this.#own(ctx)
    if (order.status === 'draft')
      return ctx.response.redirect().toRoute('orders.apply.confirm', { orderNo: order.orderNo })
    return ctx.view.render('orders/done', { order })
  }

  async cancelForm(ctx: HttpContext) {
    const order = await this.#own(ctx)
    return ctx.view.render('orders/cancel', {
      order,
      allowed: applicantActions(order.facts).includes('cancel'),
    })
  }

  async cancel(ctx: HttpContext) {
    const order = await this.#own(ctx)
    const payload = await ctx.request.validateUsing(cancelValidator)
    await cancelApplication(order, payload.cancelReason ?? null)
    ctx.session.flash('success', '申请已取消')
    return ctx.response.redirect().toRoute('orders.index')
  }

  /**
   * 完善资料: why the review failed, and links to change the applicant
   * details, the materials and the delivery, then 重新提交.
   */
  async fix(ctx: HttpContext) {
    const order = await this.#own(ctx)
    if (order.status !== 'rejected') {
      ctx.session.flash('info', '该订单当前不需要完善资料')
      return ctx.response.redirect().toRoute('orders.show', { orderNo: order.orderNo })
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
    await resubmitApplication(order)
    ctx.session.flash('success', '已重新提交审核，无需再次支付')
    return ctx.response.redirect().toRoute('orders.show', { orderNo: order.orderNo })
  }

  /**
   * An uploaded material, to its owner only (preview inline).
   */
  async material(ctx: HttpContext) {
    const order = await this.#own(ctx)
    const material = await findMaterialOfOrder(order.id, String(ctx.params.materialId))
    if (!material) throw new NotFoundError()
    return sendPrivateFile(ctx, material.privateFile)
  }

  async receive(ctx: HttpContext) {
    const order = await this.#own(ctx)
    await confirmReceipt(order)
    ctx.session.flash('success', '已确认签收，业务办理完成')
    return ctx.response.redirect().toRoute('orders.show', { orderNo: order.orderNo })
  }

  async #own({ auth, params }: HttpContext) {
    const user = auth.getUserOrFail() as Applicant
    const order = await findOwnOrder(user.id, params.orderNo)
    if (!order) throw new NotFoundError()
    return order
  }
}
