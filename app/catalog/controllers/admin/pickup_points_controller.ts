import CatalogPolicy from '#catalog/policies/catalog_policy'
import type PickupPoint from '#catalog/models/pickup_point'
import { pickupPointLifecycle } from '#catalog/lifecycles'
import { activeStatusValidator, pickupPointValidator } from '#catalog/validators'
import {
  createPickupPoint,
  deletePickupPoint,
  setPickupPointStatus,
  updatePickupPoint,
} from '#catalog/actions/locations'
import { findPickupPoint, listPickupPoints, regionOptions } from '#catalog/queries/admin'
import { ItemPagesController, itemMessages } from './item_pages.js'

/**
 * 取证地址 (back office, super admin).
 */
export default class PickupPointsController extends ItemPagesController<PickupPoint> {
  pages = {
    policy: CatalogPolicy,
    listAbility: 'view' as const,
    views: 'catalog/admin/pickup_points',
    route: 'admin.catalog.pickup_points',
    find: findPickupPoint,
    list: async () => ({ points: await listPickupPoints(), lifecycle: pickupPointLifecycle }),
    form: async (point: PickupPoint | null) => ({ point, regions: await regionOptions() }),
    validator: pickupPointValidator,
    statusValidator: activeStatusValidator,
    create: createPickupPoint,
    update: updatePickupPoint,
    setStatus: setPickupPointStatus,
    remove: deletePickupPoint,
    messages: itemMessages<PickupPoint>('取证地址', (p) => p.name, pickupPointLifecycle),
  }
}
