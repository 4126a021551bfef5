import type { ApplicantSummary } from '#accounts/queries/users'
import { activeProductsOfPlatform } from '#catalog/queries/products'
import { registerPackageFulfiller, startPackageOrder } from '#orders/actions/packages'
import Integration from '#platforms/models/integration'
import PlatformPackage, { ownerPackages, type PackageOwner } from '#platforms/models/package'
import { extendPackage, grantPackage } from '#platforms/actions/packages'
import { isUuid } from '#core/ids'
import { NotFoundError } from '#core/rule_error'
import { PlatformError } from '#platforms/errors'

/**
 * 我的交易平台 → 新办 / 延期 (中标一证通 §18): a 交易平台套餐 product of the
 * platform's catalog entry bought through an order (#orders/actions/packages);
 * once paid, the order's job calls the fulfiller registered here, in the
 * order's transaction: 新办 grants a package to the order's owner (the
 * org when the order was made acting for it), 延期 extends its validity
 * (not its uses: 中标一证通 §13).
 */
const SYSTEM = { type: 'system' as const, name: '套餐订单' }

registerPackageFulfiller('platform_package', async (order, trx) => {
  const owner: PackageOwner = order.orgId ? { orgId: order.orgId } : { userId: order.userId }
  const integration = await Integration.findOrFail(order.integrationId, { client: trx })
  const source = `订单 ${order.orderNo}`
  if (order.action === 'extend') {
    const pkg = await PlatformPackage.ofOwner(integration.id, owner, trx)
      .where('id', order.packageId ?? '')
      .firstOrFail()
    await extendPackage(pkg, { days: order.days ?? 0, source }, SYSTEM, trx)
    return
  }
  await grantPackage(
    integration,
    owner,
    { name: order.name, totalUses: order.uses ?? 0, days: order.days, source },
    SYSTEM,
    trx
  )
})

/** the enabled integration a holder buys for, or 404 */
export async function integrationForSale(id: unknown) {
  const integration = isUuid(id) ? await Integration.find(id) : null
  if (!integration || !integration.enabled) throw new NotFoundError()
  return integration
}

/** the owner's package (延期), or 404: another person's or org's is not found */
export async function ownPackage(owner: PackageOwner, id: unknown) {
  const pkg = isUuid(id) ? await ownerPackages(owner).where('id', id).first() : null
  if (!pkg) throw new NotFoundError()
  return pkg
}

/** the 交易平台套餐 products on sale for the integration's platform */
export function packageProductsOf(integration: Integration) {
  return activeProductsOfPlatform(integration.platformId, { type: 'platform_package' })
}

/** 新办 or 延期: the order (待支付) to pay */
export async function orderPackage(
  applicant: ApplicantSummary,
  owner: PackageOwner,
  input: {
    integration: Integration
    productId: unknown
    pkg?: PlatformPackage
    /** 开通 during a scan: back to the scan page once opened */
    returnTo?: string
    returnLabel?: string
  }
) {
  /* 延期 extends the validity only (中标一证通 §13): a package with no use left gains nothing */
  if (input.pkg && input.pkg.remaining === 0)
    throw new PlatformError('该套餐次数已用完，延期不会增加次数，请新办套餐', {
      field: 'product_id',
    })
  return startPackageOrder(applicant, {
    productId: String(input.productId ?? ''),
    platformId: input.integration.platformId,
    integrationId: input.integration.id,
    action: input.pkg ? 'extend' : 'new',
    packageId: input.pkg?.id,
    orgId: owner.orgId ?? null,
    returnTo: input.returnTo ?? null,
    returnLabel: input.returnLabel ?? null,
  })
}
