import { isUuid } from '#core/ids'
import ServiceRegion from '#catalog/models/service_region'
import TradingPlatform from '#catalog/models/trading_platform'

export interface PlatformView {
  id: string
  code: string
  name: string
  description: string | null
  website: string | null
  region: { id: string; code: string; name: string }
}

export interface RegionWithPlatforms {
  id: string
  code: string
  name: string
  platforms: PlatformView[]
}

function toPlatformView(platform: TradingPlatform, region: ServiceRegion): PlatformView {
  return {
    id: platform.id,
    code: platform.code,
    name: platform.name,
    description: platform.description,
    website: platform.website,
    region: { id: region.id, code: region.code, name: region.name },
  }
}

/**
 * 地域和交易平台: active regions with their active platforms that have at
 * least one product on sale, in display order. Regions without such a
 * platform are left out.
 */
export async function activePlatformsByRegion(): Promise<RegionWithPlatforms[]> {
  const regions = await ServiceRegion.query()
    .where('status', 'active')
    .preload('platforms', (platforms) => {
      platforms
        .where('status', 'active')
        .whereHas('products', (products) => products.where('status', 'on_sale'))
        .orderBy('sort_order', 'asc')
        .orderBy('name', 'asc')
    })
    .orderBy('sort_order', 'asc')
    .orderBy('name', 'asc')
  return regions
    .filter((r) => r.platforms.length > 0)
    .map((r) => ({
      id: r.id,
      code: r.code,
      name: r.name,
      platforms: r.platforms.map((p) => toPlatformView(p, r)),
    }))
}

/**
 * One active platform (in an active region), or null.
 */
export async function findActivePlatform(id: string): Promise<PlatformView | null> {
  if (!isUuid(id)) return null
  const platform = await TradingPlatform.query()
    .where('id', id)
    .where('status', 'active')
    .whereHas('region', (region) => region.where('status', 'active'))
    .preload('region')
    .first()
  return platform ? toPlatformView(platform, platform.region) : null
}
