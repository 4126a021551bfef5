import CatalogPolicy from '#catalog/policies/catalog_policy'
import type ShippingOrigin from '#catalog/models/shipping_origin'
import { shippingOriginLifecycle } from '#catalog/lifecycles'
import { activeStatusValidator, shippingOriginValidator } from '#catalog/validators'
import {
  createShippingOrigin,
  deleteShippingOrigin,
  setShippingOriginStatus,
  updateShippingOrigin,
} from '#catalog/actions/locations'
import { findShippingOrigin, listShippingOrigins, regionOptions } from '#catalog/queries/admin'
import { ItemPagesController, itemMessages } from './item_pages.js'

/**
 * 发货地址 (back office, super admin).
 */
export default class ShippingOriginsController extends ItemPagesController<ShippingOrigin> {
  pages = {
    policy: CatalogPolicy,
    listAbility: 'view' as const,
    views: 'catalog/admin/shipping_origins',
    route: 'admin.catalog.shipping_origins',
    find: findShippingOrigin,
    list: async () => ({
      origins: await listShippingOrigins(),
      lifecycle: shippingOriginLifecycle,
    }),
    form: async (origin: ShippingOrigin | null) => ({ origin, regions: await regionOptions() }),
    validator: shippingOriginValidator,
    statusValidator: activeStatusValidator,
    create: createShippingOrigin,
    update: updateShippingOrigin,
    setStatus: setShippingOriginStatus,
    remove: deleteShippingOrigin,
    messages: itemMessages<ShippingOrigin>('发货地址', (o) => o.name, shippingOriginLifecycle),
  }
}
