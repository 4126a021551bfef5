import ServiceRegion from '#catalog/models/service_region'
import TradingPlatform from '#catalog/models/trading_platform'
import PickupPoint from '#catalog/models/pickup_point'
import ShippingOrigin from '#catalog/models/shipping_origin'
import { regionLifecycle } from '#catalog/lifecycles'
import type { ActiveStatus } from '#catalog/labels'
import { countWhere, codedItemActions, itemKind } from './support.js'

/** the region form, as its validator gives it */
export interface RegionInput {
  code: string
  name: string
  status: ActiveStatus
  sortOrder?: number
}

const kind = itemKind<ServiceRegion>(regionLifecycle, {
  model: ServiceRegion,
  fields: ['code', 'name', 'status', 'sortOrder'],
  title: (region) => ({ name: region.name }),
})

const values = (input: RegionInput) => ({ ...input, sortOrder: input.sortOrder ?? 0 })

/**
 * 服务区域: create, change, switch on/off, delete (only when nothing
 * refers to it; otherwise switch it off).
 */
const actions = codedItemActions<ServiceRegion, RegionInput, ActiveStatus>(
  kind,
  values,
  async (region) => {
    const [platforms, points, origins] = await Promise.all([
      countWhere(TradingPlatform, 'region_id', region.id),
      countWhere(PickupPoint, 'region_id', region.id),
      countWhere(ShippingOrigin, 'region_id', region.id),
    ])
    const used = [
      platforms ? '交易平台' : null,
      points ? '取证地址' : null,
      origins ? '发货地址' : null,
    ].filter(Boolean)
    return used.length ? `该区域下还有${used.join('、')}，不能删除；如不再使用，请改为停用` : null
  }
)
export const createRegion = actions.create
export const updateRegion = actions.update
export const setRegionStatus = actions.setStatus
export const deleteRegion = actions.remove
