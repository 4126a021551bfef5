import type { HttpContext } from '@adonisjs/core/http'
import CatalogPolicy from '#catalog/policies/catalog_policy'
import type TradingPlatform from '#catalog/models/trading_platform'
import { platformLifecycle } from '#catalog/lifecycles'
import { ACTIVE_STATUSES } from '#catalog/labels'
import { activeStatusValidator, platformValidator } from '#catalog/validators'
import {
  createPlatform,
  deletePlatform,
  setPlatformStatus,
  updatePlatform,
} from '#catalog/actions/platforms'
import { findPlatform, listPlatforms, regionOptions } from '#catalog/queries/admin'
import { ItemPagesController, itemMessages, listFilters } from './item_pages.js'

/**
 * 交易平台 (back office, super admin).
 */
export default class PlatformsController extends ItemPagesController<TradingPlatform> {
  pages = {
    policy: CatalogPolicy,
    listAbility: 'view' as const,
    views: 'catalog/admin/platforms',
    route: 'admin.catalog.platforms',
    find: findPlatform,
    list: async ({ request }: HttpContext) => {
      const { query, filters } = listFilters(request, ['region_id', 'status', 'keyword'])
      return {
        platforms: await listPlatforms(filters),
        query,
        regions: await regionOptions(),
        statuses: ACTIVE_STATUSES,
        lifecycle: platformLifecycle,
      }
    },
    form: async (platform: TradingPlatform | null) => ({
      platform,
      regions: await regionOptions(),
    }),
    validator: platformValidator,
    statusValidator: activeStatusValidator,
    create: createPlatform,
    update: updatePlatform,
    setStatus: setPlatformStatus,
    remove: deletePlatform,
    messages: itemMessages<TradingPlatform>('交易平台', (p) => p.name, platformLifecycle),
  }
}
