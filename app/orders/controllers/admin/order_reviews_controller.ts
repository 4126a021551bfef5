import type { HttpContext } from '@adonisjs/core/http'
import { isoDate, page, text } from '#core/http/list_filters'
import { sendPrivateFile } from '#core/http/private_file'
import { NotFoundError } from '#core/rule_error'
import { reviewerOf, type StaffActor } from '#core/staff'
import { findApplicant } from '#accounts/queries/users'
import { activePlatformsByRegion } from '#catalog/queries/platforms'
import { certificatesOfOrder } from '#certificates/queries/certificates'
import { paymentSummary } from '#payments/queries/payments'
import { approveOrder, rejectOrder } from '#orders/actions/review'
import { issueIfCloud } from '#orders/actions/fulfilment'
import {
  findMaterialOfOrder,
  findOrderByNoOrFail,
  materialsOfOrder,
  orderHistory,
  otherOrdersOfUser,
  reviewsOfOrder,
  searchOrders,
} from '#orders/queries/orders'
import { orderStatusLabels } from '#orders/lifecycle'
import { COURIERS, REJECT_REASON_TYPES, SERVICE_TYPES } from '#orders/labels'
import { rejectValidator } from '#orders/validators'
import OrderPolicy from '#orders/policies/order_policy'
import { findOrg } from '#orgs/queries/orgs'
import { orgValidation } from '#orgs/queries/validation'

/**
 * 订单审核 (reviewers) and 订单查询 (every staff role): the order with its
 * materials inline, the applicant's identity and history; approve or
 * reject (驳回类型 + reason) as the back office's review pages do.
 */
export default class OrderReviewsController {
  async queue(ctx: HttpContext) {
    await ctx.bouncer.with(OrderPolicy).authorize('review')
    return this.#list(ctx, {
      statuses: ['pending_review'],
      oldestFirst: true,
      view: 'orders/admin/queue',
    })
  }

  async search(ctx: HttpContext) {
    await ctx.bouncer.with(OrderPolicy).authorize('view')
    return this.#list(ctx, { view: 'orders/admin/search' })
  }

  async #list(
    { request, view }: HttpContext,
    options: { statuses?: string[]; oldestFirst?: boolean; view: string }
  ) {
    const qs = request.qs()
    const filters = {
      orderNo: text(qs.order_no, 19) ?? '',
      subject: text(qs.subject, 50) ?? '',
      status: text(qs.status, 30) ?? '',
      platformId: text(qs.platform_id, 36) ?? '',
      serviceType: text(qs.service_type, 20) ?? '',
      from: isoDate(qs.from) ?? '',
      to: isoDate(qs.to) ?? '',
    }
    const list = await searchOrders(filters, page(qs.page), {
      statuses: options.statuses,
      oldestFirst: options.oldestFirst,
    })
    const regions = await activePlatformsByRegion()
    const platforms = regions.flatMap((r) =>
      r.platforms.map((p) => ({ value: p.id, label: p.name }))
    )
    return view.render(options.view, {
      list,
      query: {
        order_no: filters.orderNo,
        subject: filters.subject,
        status: filters.status,
        platform_id: filters.platformId,
        service_type: filters.serviceType,
        from: filters.from,
        to: filters.to,
      },
      platforms,
      statuses: orderStatusLabels(),
      serviceTypes: SERVICE_TYPES,
    })
  }

  async show({ bouncer, params, view }: HttpContext) {
    await bouncer.with(OrderPolicy).authorize('view')
    const order = await findOrderByNoOrFail(params.orderNo)
    if (order.status === 'draft') throw new NotFoundError()
    return view.render('orders/admin/show', {
      order,
      /* an org's order: the org and its pre-validation (预核验) */
      org: order.orgId ? await findOrg(order.orgId) : null,
      validation: order.orgId ? await orgValidation(order.orgId) : null,
      applicant: await findApplicant(order.userId),
      materials: await materialsOfOrder(order.id),
      reviews: await reviewsOfOrder(order.id),
      history: await otherOrdersOfUser(order.userId, order.id),
      payment: await paymentSummary(order.orderNo),
      certificates: await certificatesOfOrder(order.orderNo),
      reasonTypes: REJECT_REASON_TYPES,
      couriers: COURIERS,
      canReview: await bouncer.with(OrderPolicy).allows('review'),
      canIssue: await bouncer.with(OrderPolicy).allows('issue'),
      canFulfil: await bouncer.with(OrderPolicy).allows('fulfil'),
      canViewMaterials: await bouncer.with(OrderPolicy).allows('viewMaterials'),
      trail: await orderHistory(order.orderNo),
    })
  }

  async material(ctx: HttpContext) {
    await ctx.bouncer.with(OrderPolicy).authorize('viewMaterials')
    const order = await findOrderByNoOrFail(ctx.params.orderNo)
    const material = await findMaterialOfOrder(order.id, String(ctx.params.materialId))
    if (!material) throw new NotFoundError()
    return sendPrivateFile(ctx, material.privateFile)
  }

  async approve({ bouncer, params, response, session, auth }: HttpContext) {
    await bouncer.with(OrderPolicy).authorize('review')
    const order = await findOrderByNoOrFail(params.orderNo)
    const result = await approveOrder(order, reviewerOf(this.#staff(auth)))
    if (result.error) {
      session.flash(
        'warning',
        `审核已通过，但证书签发失败：${result.error}。请稍后在订单详情中点击“签发证书”重试。`
      )
      return response.redirect().toRoute('admin.orders.show', { orderNo: order.orderNo })
    }
    session.flash(
      'success',
      result.to === 'pending_payment'
        ? '资料审核通过，已通知申请人支付'
        : result.issued
          ? '审核通过，证书已签发，申请人已收到通知'
          : '审核通过，申请人已收到通知'
    )
    return response.redirect().toRoute('admin.reviews.orders')
  }

  async reject({ bouncer, params, request, response, session, auth }: HttpContext) {
    await bouncer.with(OrderPolicy).authorize('review')
    const order = await findOrderByNoOrFail(params.orderNo)
    const payload = await request.validateUsing(rejectValidator)
    await rejectOrder(order, reviewerOf(this.#staff(auth)), payload)
    session.flash('success', '已驳回，申请人已收到短信和站内消息')
    return response.redirect().toRoute('admin.reviews.orders')
  }

  /**
   * Retry the issuance of an approved cloud certificate.
   */
  async issue({ bouncer, params, response, session, auth }: HttpContext) {
    await bouncer.with(OrderPolicy).authorize('issue')
    const order = await findOrderByNoOrFail(params.orderNo)
    const staff = this.#staff(auth)
    const result = await issueIfCloud(order.id, {
      type: 'staff',
      id: staff.id,
      name: staff.displayName,
    })
    if (result.issued) session.flash('success', '证书已签发')
    else session.flash('error', result.error ?? '该订单当前不需要签发证书')
    return response.redirect().toRoute('admin.orders.show', { orderNo: order.orderNo })
  }

  #staff(auth: HttpContext['auth']) {
    return auth.use('admin').user as unknown as StaffActor
  }
}
