import db from '@adonisjs/lucid/services/db'
import audit from '#core/audit/audit_service'
import ServiceRegion from '#catalog/models/service_region'
import TradingPlatform from '#catalog/models/trading_platform'
import Product from '#catalog/models/product'
import { CatalogRuleError } from '#catalog/errors'
import type { ActiveStatus } from '#catalog/labels'
import { assertCodeFree, changes, snapshot } from './support.js'

export interface PlatformInput {
  code: string
  name: string
  region_id: string
  status: ActiveStatus
  description?: string
  website?: string
  sort_order?: number
}

const FIELDS = ['code', 'name', 'regionId', 'status', 'description', 'website', 'sortOrder']

async function assertRegion(regionId: string) {
  if (!(await ServiceRegion.find(regionId)))
    throw CatalogRuleError.field('region_id', '请选择服务区域')
}

function values(input: PlatformInput) {
  return {
    code: input.code,
    name: input.name,
    regionId: input.region_id,
    status: input.status,
    description: input.description ?? null,
    website: input.website ?? null,
    sortOrder: input.sort_order ?? 0,
  }
}

/**
 * 交易平台: create, change, switch on/off (its products disappear from
 * the hall while it is off), delete (only without products).
 */
export async function createPlatform(input: PlatformInput) {
  await assertCodeFree(TradingPlatform, input.code)
  await assertRegion(input.region_id)
  return db.transaction(async (trx) => {
    const platform = new TradingPlatform()
    platform.fill(values(input))
    platform.useTransaction(trx)
    await platform.save()
    await audit.record(
      {
        action: 'catalog.platform.create',
        subjectType: 'trading_platform',
        subjectId: platform.id,
        data: snapshot(platform, FIELDS),
      },
      trx
    )
    return platform
  })
}

export async function updatePlatform(id: string, input: PlatformInput) {
  const platform = await TradingPlatform.findOrFail(id)
  await assertCodeFree(TradingPlatform, input.code, platform.id)
  await assertRegion(input.region_id)
  return db.transaction(async (trx) => {
    const before = snapshot(platform, FIELDS)
    platform.merge(values(input))
    platform.useTransaction(trx)
    await platform.save()
    await audit.record(
      {
        action: 'catalog.platform.update',
        subjectType: 'trading_platform',
        subjectId: platform.id,
        data: { name: platform.name, changes: changes(before, snapshot(platform, FIELDS)) },
      },
      trx
    )
    return platform
  })
}

export async function setPlatformStatus(id: string, status: ActiveStatus) {
  const platform = await TradingPlatform.findOrFail(id)
  if (platform.status === status) return platform
  return db.transaction(async (trx) => {
    platform.status = status
    platform.useTransaction(trx)
    await platform.save()
    await audit.record(
      {
        action: status === 'active' ? 'catalog.platform.activate' : 'catalog.platform.deactivate',
        subjectType: 'trading_platform',
        subjectId: platform.id,
        data: { name: platform.name },
      },
      trx
    )
    return platform
  })
}

export async function deletePlatform(id: string) {
  const platform = await TradingPlatform.findOrFail(id)
  const products = await Product.query()
    .where('platform_id', platform.id)
    .count('* as total')
    .first()
  if (Number(products?.$extras.total ?? 0) > 0) {
    throw new CatalogRuleError('该交易平台下还有证书产品，不能删除；如不再使用，请改为停用')
  }
  await db.transaction(async (trx) => {
    platform.useTransaction(trx)
    await platform.delete()
    await audit.record(
      {
        action: 'catalog.platform.delete',
        subjectType: 'trading_platform',
        subjectId: platform.id,
        data: snapshot(platform, FIELDS),
      },
      trx
    )
  })
  return platform
}
