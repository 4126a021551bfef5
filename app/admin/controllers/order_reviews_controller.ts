import type { HttpContext } from '@adonisjs/core/http'
import audit, { auditActionLabel } from '#core/audit/audit_service'
import { findApplicant } from '#accounts/queries/users'
import { activePlatformsByRegion } from '#catalog/queries/platforms'
import { paymentSummary } from '#payments/queries'
import { certificatesOfOrder } from '#certificates/queries/certificates'
import { ApplyError } from '#orders/actions/apply'
import { approveOrder, issueIfCloud, rejectOrder } from '#orders/actions/fulfilment'
import {
  findMaterialOfOrder,
  findOrderByNo,
  materialsOfOrder,
  otherOrdersOfUser,
  reviewsOfOrder,
  searchOrders,
} from '#orders/queries/orders'
import { sendMaterial } from '#orders/material_files'
import { ORDER_STATUSES } from '#orders/state_machine'
import { REJECT_REASON_TYPES, SERVICE_TYPES } from '#orders/labels'
import { rejectValidator } from '#orders/validators'
import OrderPolicy from '#orders/policies/order_policy'
import { isoDate, page, text } from '#core/http/list_filters'

/**
 * 订单审核 (reviewers) and 订单查询 (every staff role): the order with its
 * materials inline, the applicant's identity and history; approve or
 * reject with a reason type and text.
 */
export default class OrderReviewsController {
  async queue(ctx: HttpContext) {
    await ctx.bouncer.with(OrderPolicy).authorize('review')
    return this.#list(ctx, {
      statuses: ['pending_review'],
      oldestFirst: true,
      view: 'admin/orders/queue',
    })
  }

  async search(ctx: HttpContext) {
    await ctx.bouncer.with(OrderPolicy).authorize('view')
    return this.#list(ctx, { view: 'admin/orders/search' })
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
      statuses: Object.fromEntries(
        Object.entries(ORDER_STATUSES)
          .filter(([k]) => k !== 'draft')
          .map(([k, v]) => [k, v.label])
      ),
      serviceTypes: SERVICE_TYPES,
    })
  }

  async show({ bouncer, params, view, response }: HttpContext) {
    await bouncer.with(OrderPolicy).authorize('view')
    const order = await findOrderByNo(params.orderNo)
    if (!order || order.status === 'draft') return response.notFound()
    const trail = await audit.trailOf('order', order.orderNo)
    return view.render('admin/orders/show', {
      order,
      applicant: await findApplicant(order.userId),
      materials: await materialsOfOrder(order.id),
      reviews: await reviewsOfOrder(order.id),
      history: await otherOrdersOfUser(order.userId, order.id),
      payment: await paymentSummary(order.orderNo),
      certificates: await certificatesOfOrder(order.orderNo),
      reasonTypes: REJECT_REASON_TYPES,
      canReview: await bouncer.with(OrderPolicy).allows('review'),
      canIssue: await bouncer.with(OrderPolicy).allows('issue'),
      canFulfil: await bouncer.with(OrderPolicy).allows('fulfil'),
      canViewMaterials: await bouncer.with(OrderPolicy).allows('viewMaterials'),
      trail: trail.map((entry) => ({
        label: auditActionLabel(entry.action),
        time: entry.createdAt,
        actor: entry.actorName ?? (entry.actorType === 'system' ? '系统' : ''),
        actorType: entry.actorType,
      })),
    })
  }

  async material({ bouncer, params, response }: HttpContext) {
    await bouncer.with(OrderPolicy).authorize('viewMaterials')
    const order = await findOrderByNo(params.orderNo)
    if (!order) return response.notFound()
    const material = await findMaterialOfOrder(order.id, String(params.materialId))
    if (!material) return response.notFound()
    return sendMaterial(response, material)
  }

  async approve({ bouncer, params, response, session, auth }: HttpContext) {
    await bouncer.with(OrderPolicy).authorize('review')
    const order = await findOrderByNo(params.orderNo)
    if (!order) return response.notFound()
    const staff = auth.use('admin').user!
    try {
      const result = await approveOrder(order, { id: staff.id, name: staff.displayName })
      if (result.error) {
        session.flash(
          'warning',
          `审核已通过，但证书签发失败：${result.error}。请稍后在订单详情中点击“签发证书”重试。`
        )
        return response.redirect(`/admin/orders/${order.orderNo}`)
      }
      session.flash(
        'success',
        result.to === 'pending_payment'
          ? '资料审核通过，已通知申请人支付'
          : result.issued
            ? '审核通过，证书已签发，申请人已收到通知'
            : '审核通过，申请人已收到通知'
      )
    } catch (error) {
      if (!(error instanceof ApplyError)) throw error
      session.flash('error', error.message)
      return response.redirect(`/admin/orders/${order.orderNo}`)
    }
    return response.redirect('/admin/reviews/orders')
  }

  async reject({ bouncer, params, request, response, session, auth }: HttpContext) {
    await bouncer.with(OrderPolicy).authorize('review')
    const order = await findOrderByNo(params.orderNo)
    if (!order) return response.notFound()
    const payload = await request.validateUsing(rejectValidator)
    const staff = auth.use('admin').user!
    try {
      await rejectOrder(
        order,
        { id: staff.id, name: staff.displayName },
        { reasonType: payload.reason_type, reason: payload.reason }
      )
    } catch (error) {
      if (!(error instanceof ApplyError)) throw error
      session.flash('error', error.message)
      return response.redirect(`/admin/orders/${order.orderNo}`)
    }
    session.flash('success', '已驳回，申请人已收到短信和站内消息')
    return response.redirect('/admin/reviews/orders')
  }

  /**
   * Retry the issuance of an approved cloud certificate.
   */
  async issue({ bouncer, params, response, session, auth }: HttpContext) {
    await bouncer.with(OrderPolicy).authorize('issue')
    const order = await findOrderByNo(params.orderNo)
    if (!order) return response.notFound()
    const staff = auth.use('admin').user!
    const result = await issueIfCloud(order.id, {
      type: 'staff',
      id: staff.id,
      name: staff.displayName,
    })
    if (result.issued) session.flash('success', '证书已签发')
    else session.flash('error', result.error ?? '该订单当前不需要签发证书')
    return response.redirect(`/admin/orders/${order.orderNo}`)
  }
}
