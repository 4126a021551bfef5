import db from '@adonisjs/lucid/services/db'
import audit from '#core/audit/audit_service'
import ServiceRegion from '#catalog/models/service_region'
import TradingPlatform from '#catalog/models/trading_platform'
import PickupPoint from '#catalog/models/pickup_point'
import ShippingOrigin from '#catalog/models/shipping_origin'
import { CatalogRuleError } from '#catalog/errors'
import type { ActiveStatus } from '#catalog/labels'
import { assertCodeFree, changes, snapshot } from './support.js'

export interface RegionInput {
  code: string
  name: string
  status: ActiveStatus
  sort_order?: number
}

const FIELDS = ['code', 'name', 'status', 'sortOrder']

/**
 * 服务区域: create, change, switch on/off, delete (only when nothing
 * refers to it; otherwise switch it off).
 */
export async function createRegion(input: RegionInput) {
  await assertCodeFree(ServiceRegion, input.code)
  return db.transaction(async (trx) => {
    const region = new ServiceRegion()
    region.fill({
      code: input.code,
      name: input.name,
      status: input.status,
      sortOrder: input.sort_order ?? 0,
    })
    region.useTransaction(trx)
    await region.save()
    await audit.record(
      {
        action: 'catalog.region.create',
        subjectType: 'service_region',
        subjectId: region.id,
        data: snapshot(region, FIELDS),
      },
      trx
    )
    return region
  })
}

export async function updateRegion(id: string, input: RegionInput) {
  const region = await ServiceRegion.findOrFail(id)
  await assertCodeFree(ServiceRegion, input.code, region.id)
  return db.transaction(async (trx) => {
    const before = snapshot(region, FIELDS)
    region.merge({
      code: input.code,
      name: input.name,
      status: input.status,
      sortOrder: input.sort_order ?? 0,
    })
    region.useTransaction(trx)
    await region.save()
    await audit.record(
      {
        action: 'catalog.region.update',
        subjectType: 'service_region',
        subjectId: region.id,
        data: { name: region.name, changes: changes(before, snapshot(region, FIELDS)) },
      },
      trx
    )
    return region
  })
}

export async function setRegionStatus(id: string, status: ActiveStatus) {
  const region = await ServiceRegion.findOrFail(id)
  if (region.status === status) return region
  return db.transaction(async (trx) => {
    region.status = status
    region.useTransaction(trx)
    await region.save()
    await audit.record(
      {
        action: status === 'active' ? 'catalog.region.activate' : 'catalog.region.deactivate',
        subjectType: 'service_region',
        subjectId: region.id,
        data: { name: region.name },
      },
      trx
    )
    return region
  })
}

export async function deleteRegion(id: string) {
  const region = await ServiceRegion.findOrFail(id)
  const [platforms, points, origins] = await Promise.all([
    TradingPlatform.query().where('region_id', region.id).count('* as total').first(),
    PickupPoint.query().where('region_id', region.id).count('* as total').first(),
    ShippingOrigin.query().where('region_id', region.id).count('* as total').first(),
  ])
  const used = [
    Number(platforms?.$extras.total ?? 0) ? '交易平台' : null,
    Number(points?.$extras.total ?? 0) ? '取证地址' : null,
    Number(origins?.$extras.total ?? 0) ? '发货地址' : null,
  ].filter(Boolean)
  if (used.length) {
    throw new CatalogRuleError(`该区域下还有${used.join('、')}，不能删除；如不再使用，请改为停用`)
  }
  await db.transaction(async (trx) => {
    region.useTransaction(trx)
    await region.delete()
    await audit.record(
      {
        action: 'catalog.region.delete',
        subjectType: 'service_region',
        subjectId: region.id,
        data: snapshot(region, FIELDS),
      },
      trx
    )
  })
  return region
}
