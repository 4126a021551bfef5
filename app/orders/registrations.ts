import { homeSections } from '#core/home_sections'
import { registerDeregistrationCheck } from '#accounts/actions/deregistration'
import { registerOrgDeregistrationCheck } from '#orgs/actions/deregistration'
import { catalogUsage } from '#catalog/usage'
import { actingIdentityOf } from '#orgs/queries/acting'
import { latestProgress, ordersReferringTo, unfinishedOrderCount } from '#orders/queries/orders'
import '#orders/lifecycle'
import '#orders/sms'
import '#orders/actions/addresses'
import '#orders/payments_bridge'
import '#orders/refunds_bridge'
import '#orders/books_bridge'
import '#orders/service_context'

/**
 * What the orders module registers at boot (loaded by `boot` in
 * module.ts): the audit labels of the order lifecycle and the address
 * book, its SMS purposes, its hooks into payments (payments_bridge.ts),
 * and what lower modules ask of it: 首页 shows the latest order progress;
 * catalog items referred to by orders cannot be deleted; unfinished
 * orders block account deregistration.
 */
homeSections.provideProgress(async (userId, ctx) => {
  const acting = ctx ? await actingIdentityOf(ctx) : null
  return latestProgress(acting ?? { kind: 'person', label: '自然人', userId })
})
catalogUsage.register(ordersReferringTo)
registerDeregistrationCheck('orders', async (userId) => {
  const count = await unfinishedOrderCount(userId)
  return count ? `您有 ${count} 个正在办理的订单，请等待办理完成或取消后再注销账号` : null
})

/* an org with orders in progress cannot deregister (#orgs/actions/deregistration) */
registerOrgDeregistrationCheck('orders', async (orgId) => {
  const count = await unfinishedOrderCount('', { orgId })
  return count ? `该机构有 ${count} 个正在办理的证书订单，请等待办理完成或取消后再注销` : null
})
