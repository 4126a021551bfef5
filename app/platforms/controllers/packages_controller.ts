import type { HttpContext } from '@adonisjs/core/http'
import { NotFoundError } from '#core/rule_error'
import { findApplicant } from '#accounts/queries/users'
import { actingIdentityOf } from '#orgs/queries/acting'
import type { PackageOwner } from '#platforms/models/package'
import {
  integrationForSale,
  orderPackage,
  ownPackage,
  packageProductsOf,
} from '#platforms/actions/package_orders'

/**
 * 我的交易平台 → 新办 (buy a 交易平台套餐) and 延期 (extend one): pick a
 * package product of the platform, 提交订单 makes the order and goes to
 * its payment. The package is the org's when acting for it, else the
 * person's; another owner's package is a 404.
 */
export default class PackagesController {
  async #owner(ctx: HttpContext) {
    const user = ctx.auth.getUserOrFail() as { id: string }
    const acting = await actingIdentityOf(ctx)
    const owner: PackageOwner =
      acting?.kind === 'org' ? { orgId: acting.org.id } : { userId: user.id }
    return { user, owner, ownerName: acting?.kind === 'org' ? acting.org.name : null }
  }

  async create(ctx: HttpContext) {
    const { ownerName } = await this.#owner(ctx)
    const integration = await integrationForSale(ctx.request.input('integration_id'))
    return ctx.view.render('platforms/package', {
      integration,
      pkg: null,
      ownerName,
      products: await packageProductsOf(integration),
    })
  }

  async store(ctx: HttpContext) {
    const { user, owner } = await this.#owner(ctx)
    const integration = await integrationForSale(ctx.request.input('integration_id'))
    return this.#order(ctx, user.id, owner, { integration })
  }

  async extend(ctx: HttpContext) {
    const { owner, ownerName } = await this.#owner(ctx)
    const pkg = await ownPackage(owner, ctx.params.id)
    const integration = await integrationForSale(pkg.integrationId)
    return ctx.view.render('platforms/package', {
      integration,
      pkg,
      ownerName,
      products: await packageProductsOf(integration),
    })
  }

  async storeExtend(ctx: HttpContext) {
    const { user, owner } = await this.#owner(ctx)
    const pkg = await ownPackage(owner, ctx.params.id)
    const integration = await integrationForSale(pkg.integrationId)
    return this.#order(ctx, user.id, owner, { integration, pkg })
  }

  async #order(
    ctx: HttpContext,
    userId: string,
    owner: PackageOwner,
    target: Omit<Parameters<typeof orderPackage>[2], 'productId'>
  ) {
    const applicant = await findApplicant(userId)
    if (!applicant) throw new NotFoundError()
    const order = await orderPackage(applicant, owner, {
      ...target,
      productId: ctx.request.input('product_id'),
    })
    if (order.status !== 'pending_payment') {
      ctx.session.flash('success', '套餐订单已提交，正在为您开通')
      return ctx.response.redirect().toRoute('orders.show', { orderNo: order.orderNo })
    }
    return ctx.response.redirect().toRoute('orders.pay', { orderNo: order.orderNo })
  }
}
