import type { HttpContext } from '@adonisjs/core/http'
import { NotFoundError } from '#core/rule_error'
import { findApplicant } from '#accounts/queries/users'
import { actingIdentityOf } from '#orgs/queries/acting'
import {
  assertSealPackageBuyer,
  orderSealPackage,
  ownSealPackage,
  sealPackageBlocker,
  sealPackagePlatform,
  sealPackagePlatforms,
  sealPackageProductsOf,
  type SealPackageBuyer,
} from '#platforms/actions/seal_package_orders'

/**
 * 印章办理: 新办 (pick 地域和交易平台, then a 电子印章套餐) and 延期 (a
 * package of the org) → 提交订单 → the cashier. Only the org's admin,
 * acting for it; another org's package is a 404.
 */
export default class SealPackagesController {
  async #buyer(ctx: HttpContext) {
    const acting = await actingIdentityOf(ctx)
    const buyer: SealPackageBuyer | null =
      acting?.kind === 'org'
        ? {
            userId: acting.userId,
            org: { id: acting.org.id, name: acting.org.name, uscc: acting.org.uscc },
            isAdmin: acting.isAdmin,
          }
        : null
    return assertSealPackageBuyer(buyer)
  }

  async create(ctx: HttpContext) {
    const buyer = await this.#buyer(ctx)
    const platform = await sealPackagePlatform(
      ctx.request.input('platform_id') ?? ctx.session.flashMessages.get('platform_id')
    )
    return ctx.view.render('platforms/seal_package', {
      buyer,
      pkg: null,
      blocker: await sealPackageBlocker(buyer),
      regions: platform ? [] : await sealPackagePlatforms(),
      platform,
      products: platform ? await sealPackageProductsOf(platform.id) : [],
    })
  }

  async store(ctx: HttpContext) {
    const buyer = await this.#buyer(ctx)
    const platform = await sealPackagePlatform(ctx.request.input('platform_id'))
    if (!platform) throw new NotFoundError()
    return this.#order(ctx, buyer, { platformId: platform.id })
  }

  async extend(ctx: HttpContext) {
    const buyer = await this.#buyer(ctx)
    const pkg = await ownSealPackage(buyer, ctx.params.id)
    const platform = await sealPackagePlatform(pkg.platformId)
    return ctx.view.render('platforms/seal_package', {
      buyer,
      pkg,
      blocker: await sealPackageBlocker(buyer),
      regions: [],
      platform,
      products: platform ? await sealPackageProductsOf(platform.id) : [],
    })
  }

  async storeExtend(ctx: HttpContext) {
    const buyer = await this.#buyer(ctx)
    const pkg = await ownSealPackage(buyer, ctx.params.id)
    return this.#order(ctx, buyer, { platformId: pkg.platformId, packageId: pkg.id })
  }

  async #order(
    ctx: HttpContext,
    buyer: SealPackageBuyer,
    target: { platformId: string; packageId?: string }
  ) {
    const applicant = await findApplicant(buyer.userId)
    if (!applicant) throw new NotFoundError()
    const order = await orderSealPackage(applicant, buyer, {
      ...target,
      productId: ctx.request.input('product_id'),
    })
    if (order.status !== 'pending_payment') {
      ctx.session.flash(
        'success',
        order.status === 'pending_review'
          ? '印章套餐订单已提交，请等待工作人员审核'
          : '印章套餐订单已提交，正在为您开通'
      )
      return ctx.response.redirect().toRoute('orders.show', { orderNo: order.orderNo })
    }
    return ctx.response.redirect().toRoute('orders.pay', { orderNo: order.orderNo })
  }
}
