import db from '@adonisjs/lucid/services/db'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { faultPoint } from '#core/fault_points'
import { dispatchJob } from '#core/queue/jobs'
import { findProductForOrder } from '#catalog/queries/products'
import type { ApplicantSummary } from '#accounts/queries/users'
import { findOrg } from '#orgs/queries/orgs'
import type Order from '#orders/models/order'
import { type PackageDetails, type ServiceDetails } from '#orders/models/order'
import { AGREEMENT_VERSION, returnFieldsOf } from '#orders/labels'
import { OrderError } from '#orders/errors'
import { createOrder, handlerFieldsOf, snapshotOf } from '#orders/actions/apply'
import { withLockedOrder } from '#orders/actions/lock'
import { transitionOrder } from '#orders/actions/transition_order'
import audit from '#core/audit/audit_service'
import { hasOpenRefund } from '#payments/queries/refunds'

/**
 * 套餐 bought as catalog products (中标一证通 §18): 套餐新办 and 套餐延期
 * are orders like any other — one price from the catalog, paid through
 * payments, no material; 交易平台套餐 without review, 电子印章套餐 (an
 * org's, 印章办理 §8: 支付 → 后台审核) reviewed by staff after payment
 * unless its product says otherwise (`spec.review` false). The payment's transaction enqueues
 * `orders.fulfil_package`; the job, under the order's row lock, lets the
 * module that owns packages grant (or extend) the package and moves the
 * order to 已完成 in ONE transaction, so a retry after a crash finds the
 * order either still 审核通过 (and grants) or 已完成 (and does nothing).
 *
 * Orders never read the packages' tables: the owner registers a
 * fulfiller at boot per product type (`platform_package` and
 * `seal_package`: platforms, the latter granting through seals' actions).
 */
export type PackageTarget = PackageDetails['package']

export interface PackageFulfilment extends PackageTarget {
  orderNo: string
  userId: string
  orgId: string | null
  /** the catalog's trading platform the package product belongs to */
  platformId: string
  platformName: string
  action: 'new' | 'extend'
}

/** the package product types sold through orders */
export type PackageKind = 'platform_package' | 'seal_package'

type Fulfiller = (order: PackageFulfilment, trx: TransactionClientContract) => Promise<void>
const fulfillers = new Map<string, Fulfiller>()

/** the module owning a package type grants it (in the order's transaction) */
export function registerPackageFulfiller(kind: string, fulfil: Fulfiller) {
  fulfillers.set(kind, fulfil)
}

/**
 * 新办 (action new) or 延期 (action extend, `packageId` checked by the
 * caller as the owner's) of a package product (`kind`, default 交易平台套餐)
 * of the platform `platformId` (the catalog's), for the person or the org
 * they act for (a seal package: only an org's). The order is submitted at
 * once: 待支付 (free: straight to 审核通过 and the job, or 待审核 when the
 * product is reviewed). Refused: an unknown, off-sale, other-type or
 * other-platform product.
 */
export async function startPackageOrder(
  applicant: ApplicantSummary,
  input: {
    productId: string
    platformId: string
    integrationId?: string | null
    kind?: PackageKind
    action: 'new' | 'extend'
    packageId?: string
    orgId?: string | null
    /** where to go back once the package is opened (e.g. the scan page), and the button's words */
    returnTo?: string | null
    returnLabel?: string | null
  }
) {
  const kind = input.kind ?? 'platform_package'
  const product = await findProductForOrder(input.productId)
  if (!product || product.type !== kind || product.platform.id !== input.platformId)
    throw new OrderError('该套餐已下架或不存在，请重新选择', { field: 'product_id', status: 422 })
  if (!applicant.isVerified) throw new OrderError('请先完成实名认证')
  const org = input.orgId ? await findOrg(input.orgId) : null
  if (input.orgId && !org) throw new OrderError('您已不是该机构的成员', { status: 403 })
  if (kind === 'seal_package' && !org)
    throw new OrderError('印章套餐由机构管理员为机构购买，请先切换身份为机构', { status: 403 })
  const price = product.validityOptions[0]
  const days = Number(product.spec.days) || undefined
  const target: PackageTarget =
    kind === 'seal_package'
      ? {
          kind,
          integrationId: '',
          ...(input.packageId ? { packageId: input.packageId } : {}),
          name: product.name,
          seals: Number(product.spec.seals),
          ...(days ? { days } : {}),
        }
      : {
          kind,
          integrationId: input.integrationId ?? '',
          ...(input.packageId ? { packageId: input.packageId } : {}),
          name: product.name,
          uses: Number(product.spec.uses),
          days: Number(product.spec.days),
        }
  /* 印章办理 (§8): paid, then reviewed by staff, unless the product says not */
  const reviewRequired = kind === 'seal_package' && product.spec.review !== false
  const back = returnFieldsOf(input)
  return db.transaction(async (trx) => {
    const order = await createOrder(
      trx,
      {
        userId: applicant.id,
        orgId: org?.id ?? null,
        serviceType: input.action === 'extend' ? 'package_extend' : 'package_new',
        wizardStep: 'confirm',
        platformId: product.platform.id,
        platformName: product.platform.name,
        productId: product.id,
        productSnapshot: snapshotOf(product),
        certKind: '',
        medium: '',
        years: 1,
        listPriceFen: price.priceFen,
        amountFen: price.priceFen,
        priceNote: null,
        reviewMode: 'after_payment',
        reviewRequired,
        subjectType: org ? 'org' : 'person',
        subjectName: org?.name ?? applicant.realName!,
        subjectIdType: org ? 'uscc' : applicant.realIdType,
        subjectIdNumber: org?.uscc ?? applicant.realIdNumber,
        subjectOrgName: org?.name ?? null,
        subjectUscc: org?.uscc ?? null,
        ...handlerFieldsOf(applicant),
        agreementVersion: AGREEMENT_VERSION,
        deliveryMethod: 'online_install',
        serviceDetails: { package: target } as unknown as ServiceDetails,
        ...back,
      },
      {
        product: product.code,
        package: input.action,
        amountFen: price.priceFen,
        ...(back.returnTo ? { returnTo: back.returnTo } : {}),
      }
    )
    await transitionOrder(order, 'submit', trx, {
      changes: { paymentState: price.priceFen === 0 ? 'free' : 'unpaid' },
    })
    await enqueuePackageFulfilment(order, trx)
    return order
  })
}

/**
 * In the transaction that makes a package order 审核通过 (its payment, or
 * a free submit), or that gives it its money back to keep (a refund
 * refused: `after` names the refund, so the key is a new one — the first
 * job may be kept as done, and a key already used is skipped).
 */
export async function enqueuePackageFulfilment(
  order: Order,
  trx: TransactionClientContract,
  after?: { refundId: string }
) {
  if (order.status !== 'approved' || !order.packageDetails) return
  const { default: FulfilPackageJob } = await import('#orders/jobs/fulfil_package_job')
  await dispatchJob(
    FulfilPackageJob,
    { orderId: order.id },
    {
      trx,
      dedupKey: `orders.package:${order.orderNo}${after ? `:refund:${after.refundId}` : ''}`,
    }
  )
}

/**
 * A refund of a package order that was asked before the package was
 * opened is refused (驳回): the order is 已支付 again and still 审核通过,
 * so its fulfilment goes on (the job that ran meanwhile granted nothing).
 * In the refund's transaction; audited on the order. A refund that failed
 * at the gateway stays open (finance may retry it): nothing is granted.
 */
export async function resumePackageAfterRefund(
  order: Order,
  refund: { refundId: string; reason: string },
  trx: TransactionClientContract
) {
  if (order.status !== 'approved' || !order.packageDetails || !order.isPaidOrFree) return false
  await enqueuePackageFulfilment(order, trx, refund)
  await audit.record(
    {
      action: 'orders.order.package_resumed',
      subjectType: 'order',
      subjectId: order.orderNo,
      data: { refundId: refund.refundId, package: order.packageDetails.name },
      actor: { type: 'system', name: '退费' },
    },
    trx
  )
  return true
}

/**
 * Grant (or extend) the package of a paid package order and complete the
 * order, in one transaction under the order's lock: exactly once. A refund
 * request decides under the same lock (#orders/refunds_bridge): asked
 * first, the order is 退款中 and nothing is granted; granted first, the
 * refund follows the rule of a granted package (不可退款).
 */
export async function fulfilPackageOrder(orderId: string) {
  return withLockedOrder(orderId, async (order, trx) => {
    const target = order.packageDetails
    /* not approved, or its money is being refunded (退款中, 已退款): nothing to grant */
    if (order.status !== 'approved' || !target || !order.isPaidOrFree) return false
    /*
     * a refund still open (退款失败, finance may retry) keeps the package
     * unopened; read under the lock a refund request decides under
     */
    if (await hasOpenRefund(order.orderNo, trx)) return false
    const fulfil = fulfillers.get(target.kind)
    if (!fulfil) throw new Error(`no package fulfiller registered for ${target.kind}`)
    await fulfil(
      {
        ...target,
        orderNo: order.orderNo,
        userId: order.userId,
        orgId: order.orgId,
        platformId: order.platformId,
        platformName: order.platformName,
        action: order.serviceType === 'package_extend' ? 'extend' : 'new',
      },
      trx
    )
    faultPoint('orders.package.after_grant')
    await transitionOrder(order, 'issue', trx, { data: { package: target.name } })
    return true
  })
}
