import db from '@adonisjs/lucid/services/db'
import { urlFor } from '@adonisjs/core/services/url_builder'
import { isNineteenDigitId } from '#core/ids'
import { NotFoundError } from '#core/rule_error'
import { auditActionLabel } from '#core/audit/audit_service'
import { auditTrail } from '#core/audit/queries'
import { dbTimestamp, formatTime, shanghaiDayEnd, shanghaiDayStart } from '#core/time'
import { mayOpenOrgRow, orgAccessOf, whereVisibleTo } from '#orgs/queries/access'
import type { ActingIdentity } from '#orgs/queries/acting'
import Order from '#orders/models/order'
import OrderMaterial from '#orders/models/order_material'
import OrderReview from '#orders/models/order_review'
import { orderLifecycle, type OrderStatus } from '#orders/lifecycle'
import { packageProgressLabel } from '#orders/labels'

/**
 * Reads of orders: the applicant's own, the back office's queues and
 * search, and what other modules ask (home page progress, catalog usage,
 * deregistration).
 */

/**
 * The back office's 制证与交付 queues (menu counters and list pages).
 */
export const FULFILMENT_QUEUES = {
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
} satisfies Record<
  string,
  { title: string; statuses: OrderStatus[]; deliveryMethods: string[]; empty: string }
>

export type FulfilmentQueue = keyof typeof FULFILMENT_QUEUES

/**
 * An order the signed-in person may open, by number, or null (a 404):
 * their own; an org's order (切换身份) while they are an active member of
 * the org — as its 经办人 (who made it) or as an admin of the org
 * (`handlerOnly`: the wizard and payment, only the 经办人). Another
 * person's or another org's order, or one of an org they left: null.
 */
export async function findOwnOrder(
  userId: string,
  orderNo: unknown,
  options: { handlerOnly?: boolean } = {}
) {
  if (!isNineteenDigitId(orderNo)) return null
  const order = await Order.query().where('order_no', orderNo).first()
  if (!order || (options.handlerOnly && order.userId !== userId)) return null
  return (await mayOpenOrgRow(order, userId)) ? order : null
}

export async function findOrderByNo(orderNo: unknown) {
  if (!isNineteenDigitId(orderNo)) return null
  return Order.query().where('order_no', orderNo).first()
}

/** an order by number for the back office, or a 404 */
export async function findOrderByNoOrFail(orderNo: unknown) {
  const order = await findOrderByNo(orderNo)
  if (!order) throw new NotFoundError('订单不存在')
  return order
}

export interface OwnOrderFilters {
  orderNo?: string
  subject?: string
  status?: string
}

/**
 * 我的订单 / 进度查询: the person's own orders and the orgs' orders they may
 * see (findOwnOrder's rule).
 */
export async function paginateOwnOrders(
  userId: string,
  filters: OwnOrderFilters,
  page: number,
  perPage = 10
) {
  const query = whereVisibleTo(Order.query(), userId, await orgAccessOf(userId))
  if (filters.orderNo) query.where('order_no', 'like', `%${filters.orderNo.replace(/[%_]/g, '')}%`)
  if (filters.subject) {
    const keyword = `%${filters.subject.replace(/[%_]/g, '')}%`
    query.where((q) =>
      q.where('subject_name', 'like', keyword).orWhere('subject_org_name', 'like', keyword)
    )
  }
  if (orderLifecycle.isState(filters.status)) query.where('status', filters.status)
  return query.orderBy('created_at', 'desc').orderBy('order_no', 'desc').paginate(page, perPage)
}

export async function materialsOfOrder(orderId: string) {
  return OrderMaterial.query().where('order_id', orderId).orderBy('created_at', 'asc')
}

export async function findMaterialOfOrder(orderId: string, materialId: string) {
  return OrderMaterial.query().where('order_id', orderId).where('material_id', materialId).first()
}

export async function reviewsOfOrder(orderId: string) {
  return OrderReview.query().where('order_id', orderId).orderBy('created_at', 'desc')
}

/**
 * Home page: the latest three orders' progress of the identity the person
 * acts as (切换身份): as 自然人 their own orders (no org); acting for an
 * org, every order of the org for its admins, the orders they handle
 * (经办人) for a member. The acting identity is checked against the
 * memberships on every request (#orgs/queries/acting): a person who left
 * or was removed acts as 自然人 again and sees none of the org's orders.
 */
export async function latestProgress(acting: ActingIdentity) {
  const query = Order.query()
  if (acting.kind === 'org') {
    query.where('org_id', acting.org.id)
    if (!acting.isAdmin) query.where('user_id', acting.userId)
  } else {
    query.where('user_id', acting.userId).whereNull('org_id')
  }
  const orders = await query.whereNot('status', 'cancelled').orderBy('updated_at', 'desc').limit(3)
  return orders.map((o) => ({
    title: `${o.serviceTypeLabel} · ${o.productSnapshot?.name ?? ''}（${o.orderNo}）`,
    status: o.statusLabel,
    tone: o.statusTone,
    time: formatTime(o.updatedAt, 'MM-dd HH:mm'),
    href: urlFor('orders.show', { orderNo: o.orderNo }),
  }))
}

/**
 * 办理进度 that other modules show (platforms' scan page, issue 15): the
 * orders of a person (as 自然人, `orgId` null) or of an org (acting for it)
 * for one trading platform that are under way — not yet done, cancelled
 * or refunded — newest first, with what to do next.
 */
export async function ordersUnderWay(
  owner: { userId: string; orgId?: string | null },
  platformId: string
) {
  const query = Order.query()
    .where('platform_id', platformId)
    .whereNotIn('status', ['completed', 'cancelled', 'refunded'])
    .whereNotIn('payment_status', ['refunded'])
    .orderBy('created_at', 'desc')
    .limit(10)
  if (owner.orgId) query.where('org_id', owner.orgId)
  else query.where('user_id', owner.userId).whereNull('org_id')
  const orders = await query
  return orders.map((o) => ({
    orderNo: o.orderNo,
    isPackage: Boolean(o.packageDetails),
    /** what kind of package (platform_package, seal_package…), or null for a certificate order */
    packageKind: o.packageDetails?.kind ?? null,
    title: `${o.serviceTypeLabel} · ${o.packageDetails?.name ?? o.productSnapshot?.name ?? ''}`,
    status: o.statusLabel,
    tone: o.statusTone,
    paymentState: o.paymentStateLabel,
    awaitingPayment: o.status === 'pending_payment',
    href: urlFor('orders.show', { orderNo: o.orderNo }),
    next:
      o.status === 'draft'
        ? { label: '继续填写', href: urlFor('orders.apply.confirm', { orderNo: o.orderNo }) }
        : o.status === 'pending_payment'
          ? { label: '立即支付', href: urlFor('orders.pay', { orderNo: o.orderNo }) }
          : o.status === 'rejected'
            ? { label: '完善资料', href: urlFor('orders.fix', { orderNo: o.orderNo }) }
            : null,
  }))
}

export async function unfinishedOrderCount(userId: string, options: { orgId?: string } = {}) {
  const row = await Order.query()
    .where(options.orgId ? 'org_id' : 'user_id', options.orgId ?? userId)
    .whereNotIn('status', ['draft', 'completed', 'cancelled', 'refunded'])
    .count('* as total')
    .first()
  return Number(row?.$extras.total ?? 0)
}

export interface StaffOrderFilters {
  orderNo?: string
  subject?: string
  status?: string
  platformId?: string
  serviceType?: string
  from?: string
  to?: string
}

/**
 * Back office: orders by status (queues) and search.
 */
export async function searchOrders(
  filters: StaffOrderFilters,
  page: number,
  options: { statuses?: string[]; deliveryMethods?: string[]; oldestFirst?: boolean } = {}
) {
  const query = Order.query()
  if (options.statuses) query.whereIn('status', options.statuses)
  if (options.deliveryMethods) query.whereIn('delivery_method', options.deliveryMethods)
  if (filters.orderNo) query.where('order_no', 'like', `%${filters.orderNo.replace(/[%_]/g, '')}%`)
  if (filters.subject) {
    const keyword = `%${filters.subject.replace(/[%_]/g, '')}%`
    query.where((q) =>
      q
        .where('subject_name', 'like', keyword)
        .orWhere('subject_org_name', 'like', keyword)
        .orWhere('handler_name', 'like', keyword)
    )
  }
  if (orderLifecycle.isState(filters.status)) query.where('status', filters.status)
  if (filters.platformId) query.where('platform_id', filters.platformId)
  if (filters.serviceType) query.where('service_type', filters.serviceType)
  const from = filters.from ? shanghaiDayStart(filters.from) : null
  const to = filters.to ? shanghaiDayEnd(filters.to) : null
  const dialect = db.connection().dialect.name
  if (from) query.where('created_at', '>=', dbTimestamp(from, dialect))
  if (to) query.where('created_at', '<=', dbTimestamp(to, dialect))
  query.whereNot('status', 'draft')
  return query
    .orderBy(
      options.oldestFirst ? 'updated_at' : 'created_at',
      options.oldestFirst ? 'asc' : 'desc'
    )
    .paginate(page, 20)
}

export async function countByStatus(statuses: string[], deliveryMethods?: readonly string[]) {
  const query = Order.query().whereIn('status', statuses)
  if (deliveryMethods) query.whereIn('delivery_method', [...deliveryMethods])
  const row = await query.count('* as total').first()
  return Number(row?.$extras.total ?? 0)
}

/** orders waiting in a 制证与交付 queue */
export async function countFulfilmentQueue(key: FulfilmentQueue) {
  const queue = FULFILMENT_QUEUES[key]
  return countByStatus(queue.statuses, queue.deliveryMethods)
}

/**
 * The applicant's other orders, for the reviewer.
 */
export async function otherOrdersOfUser(userId: string, exceptOrderId: string) {
  return Order.query()
    .where('user_id', userId)
    .whereNot('id', exceptOrderId)
    .whereNot('status', 'draft')
    .orderBy('created_at', 'desc')
    .limit(10)
}

/**
 * How many orders refer to a catalog item (the catalog must not delete
 * what an order still points at).
 */
export async function ordersReferringTo(
  kind: 'product' | 'material' | 'pickup_point' | 'shipping_origin',
  id: string
) {
  let query
  if (kind === 'product') query = Order.query().where('product_id', id)
  else if (kind === 'material') query = OrderMaterial.query().where('material_id', id)
  else if (kind === 'pickup_point')
    query = Order.query().where(
      'delivery',
      'like',
      `%"pickupPointId":"${id.replace(/[%_"\\]/g, '')}"%`
    )
  else return 0
  const row = await query.count('* as total').first()
  return Number(row?.$extras.total ?? 0)
}

/**
 * An order's history from the audit log, oldest first: what happened,
 * when, by whom (staff see every entry; the applicant's 办理进度 leaves out
 * the wizard's step saves and uploads).
 */
export async function orderHistory(orderNo: string, options: { forApplicant?: boolean } = {}) {
  const entries = await auditTrail({ subjectType: 'order', subjectId: orderNo })
  const order = await Order.query()
    .where('order_no', orderNo)
    .select('service_type', 'review_required')
    .first()
  const serviceType = order?.serviceType ?? ''
  const labelOf = (action: string) =>
    (serviceType.startsWith('package_') &&
      packageProgressLabel(action, serviceType, order?.reviewRequired === true)) ||
    auditActionLabel(action)
  return entries
    .filter(
      (entry) =>
        !options.forApplicant ||
        (entry.action.startsWith('orders.order.') &&
          entry.action !== 'orders.order.update_step' &&
          entry.action !== 'orders.order.material_uploaded')
    )
    .map((entry) => ({
      label: labelOf(entry.action),
      time: entry.createdAt,
      actor: entry.actorName ?? (entry.actorType === 'system' ? '系统' : ''),
      actorType: entry.actorType,
    }))
}
