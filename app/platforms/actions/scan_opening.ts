import { urlFor } from '@adonisjs/core/services/url_builder'
import { faultPoint } from '#core/fault_points'
import type { ApplicantSummary } from '#accounts/queries/users'
import { ordersUnderWay } from '#orders/queries/orders'
import type Integration from '#platforms/models/integration'
import type PlatformSession from '#platforms/models/session'
import type { PackageOwner } from '#platforms/models/package'
import { PlatformError } from '#platforms/errors'
import { hasPackageLeft } from './packages.js'
import { orderPackage, packageProductsOf } from './package_orders.js'
import type { ScanIdentity } from './sessions.js'

/**
 * 开通 during a scan (中标一证通 §18: 可对未开通的 ca 机构进行开通): when the
 * holder (or the org they act for) has no usable certificate on the
 * platform, or the platform charges per use and no package has uses
 * left, the scan page does not dead-end. It offers 开通 — the platform's
 * certificate products (the /apply wizard) or its package products (an
 * order paid at the normal cashier) — with a return link to the same
 * scan page kept on the order; and where an order is already under way
 * (待支付, 待审核, 开通中…) it shows that order's 办理进度 instead of a
 * second order. Orders are made and read through the orders module's
 * actions and queries only.
 */
export const RETURN_LABEL = '返回扫码继续'

export function payerOf(who: ScanIdentity): PackageOwner {
  return who.org ? { orgId: who.org.id } : { userId: who.userId }
}

/** the path the order keeps to come back here */
export function scanReturnPath(session: PlatformSession) {
  return urlFor('platforms.scan.show', { tid: session.tid })
}

export interface ScanOpening {
  /** no usable certificate: a certificate must be applied for (and issued) first */
  needsCertificate: boolean
  /** the platform charges per use and no package of the payer has uses left */
  needsPackage: boolean
  /** 办理进度: the payer's orders for this platform under way */
  certificateOrders: Awaited<ReturnType<typeof ordersUnderWay>>
  packageOrders: Awaited<ReturnType<typeof ordersUnderWay>>
  /** 开通: the package products on sale (only when nothing is under way) */
  packageProducts: Awaited<ReturnType<typeof packageProductsOf>>
  /** 开通: the certificate wizard of the platform, returning here */
  applyUrl: string
}

export async function scanOpening(
  session: PlatformSession,
  integration: Integration,
  who: ScanIdentity,
  certificateCount: number
): Promise<ScanOpening> {
  const needsCertificate = certificateCount === 0
  const needsPackage = !(await hasPackageLeft(integration, payerOf(who)))
  const underWay =
    needsCertificate || needsPackage
      ? await ordersUnderWay(
          { userId: who.userId, orgId: who.org?.id ?? null },
          integration.platformId
        )
      : []
  /* a seal package (印章套餐) of the same platform is not this platform's opening */
  const packageOrders = underWay.filter((o) => o.packageKind === 'platform_package')
  return {
    needsCertificate,
    needsPackage,
    certificateOrders: underWay.filter((o) => !o.isPackage),
    packageOrders,
    packageProducts:
      needsPackage && !packageOrders.length ? await packageProductsOf(integration) : [],
    applyUrl: urlFor(
      'orders.apply.products',
      { platformId: integration.platformId },
      { qs: { return_to: scanReturnPath(session), return_label: RETURN_LABEL } }
    ),
  }
}

/**
 * 开通并支付 from the scan page: a package order for the payer (the org
 * when acting for it) with the return link to this scan. Refused while
 * the session is closed (expired, used) or the platform is already
 * opened; an order already under way is returned instead of a second one
 * (so a retry after a crash, or a second tap, makes one order).
 */
export async function openDuringScan(
  session: PlatformSession,
  integration: Integration,
  who: ScanIdentity,
  applicant: ApplicantSummary,
  productId: unknown
): Promise<{ orderNo: string; next: 'pay' | 'show' }> {
  if (!session.isOpen)
    throw new PlatformError('二维码已过期，请在交易平台上刷新二维码后重新扫码', {
      code: 'session_closed',
      status: 409,
    })
  const payer = payerOf(who)
  if (await hasPackageLeft(integration, payer))
    throw new PlatformError('该交易平台已开通，无需重复开通', { code: 'already_open', status: 409 })
  const orders = await ordersUnderWay(
    { userId: who.userId, orgId: who.org?.id ?? null },
    integration.platformId
  )
  const underWay = orders.find((o) => o.packageKind === 'platform_package')
  if (underWay)
    return { orderNo: underWay.orderNo, next: underWay.awaitingPayment ? 'pay' : 'show' }
  const order = await orderPackage(applicant, payer, {
    integration,
    productId,
    returnTo: scanReturnPath(session),
    returnLabel: RETURN_LABEL,
  })
  faultPoint('platforms.scan.after_order')
  return { orderNo: order.orderNo, next: order.status === 'pending_payment' ? 'pay' : 'show' }
}
