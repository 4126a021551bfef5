import { urlFor } from '@adonisjs/core/services/url_builder'
import { findProductForOrder, serviceSettings } from '#catalog/queries/products'
import { provideServiceContext } from '#certificates/queries/certificate_services'
import Order from '#orders/models/order'
import { SERVICE_TYPES } from '#orders/labels'
import { openServiceOrder } from '#orders/actions/services'

/**
 * What 我的证书 asks the orders module about a certificate (registered at
 * boot by registrations.ts): its product's renewal window and whether the
 * holder may freeze it, an unfinished service order, and the pages where
 * 续期, 变更 and 补办 are applied for.
 */
provideServiceContext(async (certificate) => {
  const origin = await Order.query().where('order_no', certificate.orderNo).first()
  const product = origin
    ? await findProductForOrder(origin.productId, { includeInactive: true })
    : null
  const open = await openServiceOrder(certificate.id)
  const link = (service: string) =>
    urlFor('orders.service_orders.show', { service, certificateId: certificate.id })
  return {
    windowDays: origin?.productSnapshot?.renewalWindowDays ?? 90,
    holderSuspend: product ? serviceSettings(product).holderSuspend : true,
    openOrder: open
      ? { orderNo: open.orderNo, label: SERVICE_TYPES[open.serviceType] ?? open.serviceType }
      : null,
    links: origin ? { renew: link('renew'), change: link('change'), reissue: link('reissue') } : {},
  }
})
