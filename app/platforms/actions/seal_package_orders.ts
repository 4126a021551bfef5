import type { ApplicantSummary } from '#accounts/queries/users'
import { activePlatformsByRegion, findActivePlatform } from '#catalog/queries/platforms'
import { activeProductsOfPlatform } from '#catalog/queries/products'
import { registerPackageFulfiller, startPackageOrder } from '#orders/actions/packages'
import { extendSealPackage, grantSealPackage } from '#seals/actions/packages'
import { findSealPackageOf, sealPackageRefusal } from '#seals/queries/packages'
import { NotFoundError, RuleError } from '#core/rule_error'

/**
 * 印章办理 (新点标证通 §8, 中标一证通 §13 我的交易平台 → 印章机构 新办 / 延期):
 * an org admin, acting for the org, picks a trading platform and one of
 * its 电子印章套餐 products; the order is paid at the cashier and, as the
 * product says (by default), reviewed by staff; then the order's job
 * calls the fulfiller registered here, in the order's transaction, and
 * the seals module grants (or extends) the org's 印章套餐. The org needs
 * a certificate service first (数信签 §8.2).
 */
const SYSTEM = { type: 'system' as const, name: '印章套餐订单' }

registerPackageFulfiller('seal_package', async (order, trx) => {
  if (!order.orgId) throw new Error(`seal package order ${order.orderNo} has no org`)
  const source = `订单 ${order.orderNo}`
  if (order.action === 'extend') {
    await extendSealPackage(
      order.orgId,
      order.packageId ?? '',
      { seals: order.seals ?? 0, days: order.days ?? null, source },
      SYSTEM,
      trx
    )
    return
  }
  await grantSealPackage(
    {
      orgId: order.orgId,
      platformId: order.platformId,
      platformName: order.platformName,
      name: order.name,
      seals: order.seals ?? 0,
      days: order.days ?? null,
      source,
    },
    SYSTEM,
    trx
  )
})

/** who buys: the org's admin acting for it */
export interface SealPackageBuyer {
  userId: string
  org: { id: string; name: string; uscc: string }
  isAdmin: boolean
}

/** refused: acting as a person, or a member who is not the org's admin */
export function assertSealPackageBuyer(buyer: SealPackageBuyer | null): SealPackageBuyer {
  if (!buyer)
    throw new RuleError('印章套餐为机构购买：请先切换身份为机构（机构管理员）', { status: 403 })
  if (!buyer.isAdmin) throw new RuleError('只有机构管理员可以购买印章套餐', { status: 403 })
  return buyer
}

/** why the org cannot buy yet (no certificate service), or null */
export function sealPackageBlocker(buyer: SealPackageBuyer) {
  return sealPackageRefusal({
    type: 'org',
    userId: buyer.userId,
    orgId: buyer.org.id,
    orgName: buyer.org.name,
    uscc: buyer.org.uscc,
  })
}

/** 地域和交易平台 that sell 电子印章套餐 (the platform select) */
export async function sealPackagePlatforms() {
  const regions = await activePlatformsByRegion()
  const withPackages = []
  for (const region of regions) {
    const platforms = []
    for (const platform of region.platforms) {
      const products = await sealPackageProductsOf(platform.id)
      if (products.length) platforms.push(platform)
    }
    if (platforms.length) withPackages.push({ ...region, platforms })
  }
  return withPackages
}

export function sealPackageProductsOf(platformId: string) {
  return activeProductsOfPlatform(platformId, { type: 'seal_package' })
}

/** the chosen platform (an unknown one: null, the page asks again) */
export async function sealPackagePlatform(id: unknown) {
  return typeof id === 'string' && id ? findActivePlatform(id) : null
}

/** the org's package (延期), or 404: another org's is not found */
export async function ownSealPackage(buyer: SealPackageBuyer, id: unknown) {
  const pkg = await findSealPackageOf(buyer.org.id, id)
  if (!pkg) throw new NotFoundError('该印章套餐不存在')
  return pkg
}

/** 新办 or 延期: the order (待支付) to pay */
export async function orderSealPackage(
  applicant: ApplicantSummary,
  buyer: SealPackageBuyer,
  input: { platformId: string; productId: unknown; packageId?: string }
) {
  const blocker = await sealPackageBlocker(buyer)
  if (blocker) throw new RuleError(blocker, { field: 'product_id' })
  return startPackageOrder(applicant, {
    kind: 'seal_package',
    productId: String(input.productId ?? ''),
    platformId: input.platformId,
    action: input.packageId ? 'extend' : 'new',
    packageId: input.packageId,
    orgId: buyer.org.id,
  })
}
