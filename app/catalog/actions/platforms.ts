import ServiceRegion from '#catalog/models/service_region'
import TradingPlatform from '#catalog/models/trading_platform'
import Product from '#catalog/models/product'
import { RuleError } from '#core/rule_error'
import { platformLifecycle } from '#catalog/lifecycles'
import type { ActiveStatus } from '#catalog/labels'
import { countWhere, codedItemActions, itemKind } from './support.js'

/** the platform form, as its validator gives it */
export interface PlatformInput {
  code: string
  name: string
  regionId: string
  status: ActiveStatus
  description?: string
  website?: string
  sortOrder?: number
}

const kind = itemKind<TradingPlatform>(platformLifecycle, {
  model: TradingPlatform,
  fields: ['code', 'name', 'regionId', 'status', 'description', 'website', 'sortOrder'],
  title: (platform) => ({ name: platform.name }),
})

async function values(input: PlatformInput) {
  if (!(await ServiceRegion.find(input.regionId)))
    throw new RuleError('请选择服务区域', { field: 'region_id' })
  return {
    ...input,
    description: input.description ?? null,
    website: input.website ?? null,
    sortOrder: input.sortOrder ?? 0,
  }
}

/**
 * 交易平台: create, change, switch on/off (its products disappear from
 * the hall while it is off), delete (only without products).
 */
const actions = codedItemActions<TradingPlatform, PlatformInput, ActiveStatus>(
  kind,
  values,
  async (platform) =>
    (await countWhere(Product, 'platform_id', platform.id))
      ? '该交易平台下还有证书产品，不能删除；如不再使用，请改为停用'
      : null
)
export const createPlatform = actions.create
export const updatePlatform = actions.update
export const setPlatformStatus = actions.setStatus
export const deletePlatform = actions.remove
