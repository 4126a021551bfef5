import db from '@adonisjs/lucid/services/db'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import audit from '#core/audit/audit_service'
import { formatFen } from '#core/money'
import { closeOrderPayments } from '#payments/actions/close_payment'
import type Order from '#orders/models/order'
import { OrderError } from '#orders/errors'
import { lockOrder } from '#orders/actions/lock'
import { transitionOrder } from '#orders/actions/transition_order'
import {
  orgOrdersOfProduct,
  refuseSecondForOrg,
  submissionProblems,
  ukeyOrdersOf,
} from '#orders/actions/apply'
import { ORDER_TEXTS } from '#orders/labels'
import { findProductForOrder } from '#catalog/queries/products'
import { enqueueIssuance, issueIfCloud } from '#orders/actions/fulfilment'

/**
 * What the applicant does to a whole order: 提交申请, 重新提交 after 完善资料,
 * 取消申请 — and where the coming services (更新, 变更, 补办, 退款) add
 * theirs. Each is one lifecycle event applied by transitionOrder on the
 * freshly locked order, in one transaction.
 */

/**
 * One event on the freshly locked order: `before` may change the order
 * (or refuse) first, `after` does what goes with the event in the same
 * transaction.
 */
async function applyOrderEvent(
  order: Order,
  event: 'submit' | 'resubmit' | 'cancel',
  steps: {
    lockFirst?: (trx: TransactionClientContract) => Promise<void>
    before?: (fresh: Order, trx: TransactionClientContract) => Promise<void>
    options?: Parameters<typeof transitionOrder>[3]
    after?: (fresh: Order, trx: TransactionClientContract) => Promise<void>
  } = {}
) {
  return db.transaction(async (trx) => {
    if (steps.lockFirst) await steps.lockFirst(trx)
    const fresh = await lockOrder(order.id, trx)
    if (steps.before) await steps.before(fresh, trx)
    const result = await transitionOrder(fresh, event, trx, steps.options)
    if (steps.after) await steps.after(fresh, trx)
    return result
  })
}

/**
 * The uKey orders that share this order's 首把 uKey 免费 (the applicant's,
 * or for an org's order the org's), locked in one order (PostgreSQL), so
 * that two submissions cannot both claim it.
 */
async function lockUkeyOrders(order: Order, trx: TransactionClientContract) {
  const query = ukeyOrdersOf(order, trx).orderBy('id', 'asc')
  if (trx.dialect.name === 'postgres') query.forUpdate()
  return query
}

/**
 * 首把 uKey 免费 was decided when the draft was made; meanwhile another uKey
 * order of the applicant (or of the org) may have been submitted (two
 * drafts side by side). Is this free order no longer the first? Inside the
 * submission's transaction those uKey orders are locked first (before the
 * order itself).
 */
async function firstUkeyTaken(order: Order, trx?: TransactionClientContract) {
  if (order.medium !== 'ukey' || order.amountFen !== 0 || order.listPriceFen <= 0) return false
  const orders = trx ? await lockUkeyOrders(order, trx) : await ukeyOrdersOf(order)
  return orders.some((o) => o.id !== order.id && !['draft', 'cancelled'].includes(o.status))
}

/**
 * 每个机构限办一张, checked again at submission: two drafts of the org made
 * side by side cannot both be submitted. Returns the product's name when
 * the rule applies (null otherwise).
 */
async function refuseSecondOrgOrder(order: Order): Promise<string | null> {
  // a service order (更新, 变更, 补办) acts on the org's one certificate: never a second one
  if (!order.orgId || (order.serviceType ?? 'new') !== 'new') return null
  const product = await findProductForOrder(order.productId, { includeInactive: true })
  if (!product || product.spec?.onePerOrg !== true) return null
  await refuseSecondForOrg(product, order.orgId, order.id)
  return product.name
}

/** another order of the product still being applied for (a completed one was checked before) */
const stillOpen = (status: string) => !['draft', 'cancelled', 'completed'].includes(status)

/**
 * The org's orders of the product, locked in one order (PostgreSQL)
 * before the order itself: two submissions at once take turns, and the
 * second sees the first one submitted.
 */
async function lockOrgProductOrders(order: Order, trx: TransactionClientContract) {
  const query = orgOrdersOfProduct(order.orgId!, order.productId, trx).orderBy('id', 'asc')
  if (trx.dialect.name === 'postgres') query.forUpdate()
  return query
}

/**
 * The free first key went to another order: this one costs the list
 * price. Saved (and audited) so that the confirm page shows it.
 */
async function chargeListPrice(order: Order) {
  await db.transaction(async (trx) => {
    const fresh = await lockOrder(order.id, trx)
    if (fresh.status !== 'draft' || fresh.amountFen !== 0) return
    fresh.merge({ amountFen: fresh.listPriceFen, priceNote: null })
    await audit.save(fresh, trx, {
      action: 'orders.order.reprice',
      subjectType: 'order',
      subjectId: fresh.orderNo,
      data: { from: 0, to: fresh.listPriceFen, reason: 'first_ukey_taken' },
    })
  })
  await order.refresh()
}

/**
 * 提交申请: the order goes to payment, or straight to review (products
 * reviewed before payment, free orders), or — free and needing no review
 * (a free 个人年检) — straight to 审核通过: its issuance job commits with
 * the submission and the request issues at once, as an approval does.
 */
export async function submitApplication(order: Order) {
  if (order.status !== 'draft') throw new OrderError('订单已提交，请勿重复提交')
  const problems = await submissionProblems(order)
  if (problems.length) throw new OrderError(problems.join('；'))
  const onePerOrg = await refuseSecondOrgOrder(order)
  if (await firstUkeyTaken(order)) {
    await chargeListPrice(order)
    throw new OrderError(
      `${order.orgId ? '本机构' : '您'}已有其他 uKey 证书订单，“首把 uKey 免费”不再适用，订单金额已更新为 ${formatFen(order.amountFen)}，请确认后重新提交`
    )
  }
  const result = await applyOrderEvent(order, 'submit', {
    lockFirst: async (trx) => {
      if (order.medium === 'ukey') await lockUkeyOrders(order, trx)
      if (onePerOrg) await lockOrgProductOrders(order, trx)
    },
    before: async (fresh, trx) => {
      if (onePerOrg) {
        const others = await lockOrgProductOrders(fresh, trx)
        if (others.some((o) => o.id !== fresh.id && stillOpen(o.status)))
          throw new OrderError(ORDER_TEXTS.onePerOrg(onePerOrg), 'product_id')
      }
      if (await firstUkeyTaken(fresh, trx))
        throw new OrderError('订单金额已变化，请刷新页面后重新提交')
      if (fresh.amountFen === 0) fresh.paymentState = 'free'
      fresh.wizardStep = 'confirm'
    },
    after: (fresh, trx) => enqueueIssuance(fresh, trx),
  })
  if (result.to === 'approved') await issueIfCloud(order.id)
  return result
}

/**
 * 完善资料 done: a rejected order returns to the review queue; it keeps
 * its payment.
 */
export async function resubmitApplication(order: Order) {
  if (order.status !== 'rejected') throw new OrderError('只有审核失败的订单可以重新提交')
  /* a package order (印章套餐 reviewed by staff) has no wizard, material or delivery to complete */
  const problems = order.packageDetails ? [] : await submissionProblems(order)
  if (problems.length) throw new OrderError(problems.join('；'))
  return applyOrderEvent(order, 'resubmit')
}

/**
 * 取消申请: only before payment (refunds are another service); open
 * payment attempts are closed so that their QR codes can no longer be paid.
 */
export async function cancelApplication(order: Order, reason: string | null) {
  return applyOrderEvent(order, 'cancel', {
    options: { changes: { cancelReason: reason }, data: { reason } },
    after: async (fresh, trx) => {
      await closeOrderPayments(fresh.orderNo, '订单已取消', trx)
    },
  })
}
