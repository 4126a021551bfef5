import CatalogPolicy from '#catalog/policies/catalog_policy'
import type ServiceRegion from '#catalog/models/service_region'
import { regionLifecycle } from '#catalog/lifecycles'
import { activeStatusValidator, regionValidator } from '#catalog/validators'
import { createRegion, deleteRegion, setRegionStatus, updateRegion } from '#catalog/actions/regions'
import { findRegion, listRegions } from '#catalog/queries/admin'
import { ItemPagesController, itemMessages } from './item_pages.js'

/**
 * 服务区域 (back office, super admin).
 */
export default class RegionsController extends ItemPagesController<ServiceRegion> {
  pages = {
    policy: CatalogPolicy,
    listAbility: 'view' as const,
    views: 'catalog/admin/regions',
    route: 'admin.catalog.regions',
    find: findRegion,
    list: async () => ({ regions: await listRegions(), lifecycle: regionLifecycle }),
    form: async (region: ServiceRegion | null) => ({ region }),
    validator: regionValidator,
    statusValidator: activeStatusValidator,
    create: createRegion,
    update: updateRegion,
    setStatus: setRegionStatus,
    remove: deleteRegion,
    messages: itemMessages<ServiceRegion>('服务区域', (r) => r.name, regionLifecycle),
  }
}
