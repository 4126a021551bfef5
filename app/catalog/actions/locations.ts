import db from '@adonisjs/lucid/services/db'
import audit from '#core/audit/audit_service'
import ServiceRegion from '#catalog/models/service_region'
import PickupPoint from '#catalog/models/pickup_point'
import ShippingOrigin from '#catalog/models/shipping_origin'
import { CatalogRuleError } from '#catalog/errors'
import { catalogUsage } from '#catalog/usage'
import type { ActiveStatus } from '#catalog/labels'
import { changes, snapshot } from './support.js'

export interface PickupPointInput {
  region_id: string
  name: string
  address: string
  phone: string
  hours: string
  status: ActiveStatus
  sort_order?: number
}

export interface ShippingOriginInput {
  region_id?: string
  name: string
  contact: string
  phone: string
  address: string
  courier?: string
  status: ActiveStatus
}

const POINT_FIELDS = ['regionId', 'name', 'address', 'phone', 'hours', 'status', 'sortOrder']
const ORIGIN_FIELDS = ['regionId', 'name', 'contact', 'phone', 'address', 'courier', 'status']

async function assertRegion(regionId: string | undefined | null, required: boolean) {
  if (!regionId) {
    if (required) throw CatalogRuleError.field('region_id', '请选择服务区域')
    return
  }
  if (!(await ServiceRegion.find(regionId)))
    throw CatalogRuleError.field('region_id', '请选择服务区域')
}

function pointValues(input: PickupPointInput) {
  return {
    regionId: input.region_id,
    name: input.name,
    address: input.address,
    phone: input.phone,
    hours: input.hours,
    status: input.status,
    sortOrder: input.sort_order ?? 0,
  }
}

function originValues(input: ShippingOriginInput) {
  return {
    regionId: input.region_id ?? null,
    name: input.name,
    contact: input.contact,
    phone: input.phone,
    address: input.address,
    courier: input.courier ?? null,
    status: input.status,
  }
}

/**
 * 取证地址: where uKeys are picked up.
 */
export async function createPickupPoint(input: PickupPointInput) {
  await assertRegion(input.region_id, true)
  return db.transaction(async (trx) => {
    const point = new PickupPoint()
    point.fill(pointValues(input))
    point.useTransaction(trx)
    await point.save()
    await audit.record(
      {
        action: 'catalog.pickup_point.create',
        subjectType: 'pickup_point',
        subjectId: point.id,
        data: snapshot(point, POINT_FIELDS),
      },
      trx
    )
    return point
  })
}

export async function updatePickupPoint(id: string, input: PickupPointInput) {
  const point = await PickupPoint.findOrFail(id)
  await assertRegion(input.region_id, true)
  return db.transaction(async (trx) => {
    const before = snapshot(point, POINT_FIELDS)
    point.merge(pointValues(input))
    point.useTransaction(trx)
    await point.save()
    await audit.record(
      {
        action: 'catalog.pickup_point.update',
        subjectType: 'pickup_point',
        subjectId: point.id,
        data: { name: point.name, changes: changes(before, snapshot(point, POINT_FIELDS)) },
      },
      trx
    )
    return point
  })
}

export async function setPickupPointStatus(id: string, status: ActiveStatus) {
  const point = await PickupPoint.findOrFail(id)
  if (point.status === status) return point
  return db.transaction(async (trx) => {
    point.status = status
    point.useTransaction(trx)
    await point.save()
    await audit.record(
      {
        action:
          status === 'active' ? 'catalog.pickup_point.activate' : 'catalog.pickup_point.deactivate',
        subjectType: 'pickup_point',
        subjectId: point.id,
        data: { name: point.name },
      },
      trx
    )
    return point
  })
}

export async function deletePickupPoint(id: string) {
  const point = await PickupPoint.findOrFail(id)
  if ((await catalogUsage.count('pickup_point', point.id)) > 0) {
    throw new CatalogRuleError('已有订单选择了该取证地址，不能删除；如不再使用，请改为停用')
  }
  await db.transaction(async (trx) => {
    point.useTransaction(trx)
    await point.delete()
    await audit.record(
      {
        action: 'catalog.pickup_point.delete',
        subjectType: 'pickup_point',
        subjectId: point.id,
        data: snapshot(point, POINT_FIELDS),
      },
      trx
    )
  })
  return point
}

/**
 * 发货地址: where mailed uKeys leave from (one per region, or one for all).
 */
export async function createShippingOrigin(input: ShippingOriginInput) {
  await assertRegion(input.region_id, false)
  return db.transaction(async (trx) => {
    const origin = new ShippingOrigin()
    origin.fill(originValues(input))
    origin.useTransaction(trx)
    await origin.save()
    await audit.record(
      {
        action: 'catalog.shipping_origin.create',
        subjectType: 'shipping_origin',
        subjectId: origin.id,
        data: snapshot(origin, ORIGIN_FIELDS),
      },
      trx
    )
    return origin
  })
}

export async function updateShippingOrigin(id: string, input: ShippingOriginInput) {
  const origin = await ShippingOrigin.findOrFail(id)
  await assertRegion(input.region_id, false)
  return db.transaction(async (trx) => {
    const before = snapshot(origin, ORIGIN_FIELDS)
    origin.merge(originValues(input))
    origin.useTransaction(trx)
    await origin.save()
    await audit.record(
      {
        action: 'catalog.shipping_origin.update',
        subjectType: 'shipping_origin',
        subjectId: origin.id,
        data: { name: origin.name, changes: changes(before, snapshot(origin, ORIGIN_FIELDS)) },
      },
      trx
    )
    return origin
  })
}

export async function setShippingOriginStatus(id: string, status: ActiveStatus) {
  const origin = await ShippingOrigin.findOrFail(id)
  if (origin.status === status) return origin
  return db.transaction(async (trx) => {
    origin.status = status
    origin.useTransaction(trx)
    await origin.save()
    await audit.record(
      {
        action:
          status === 'active'
            ? 'catalog.shipping_origin.activate'
            : 'catalog.shipping_origin.deactivate',
        subjectType: 'shipping_origin',
        subjectId: origin.id,
        data: { name: origin.name },
      },
      trx
    )
    return origin
  })
}

export async function deleteShippingOrigin(id: string) {
  const origin = await ShippingOrigin.findOrFail(id)
  if ((await catalogUsage.count('shipping_origin', origin.id)) > 0) {
    throw new CatalogRuleError('已有订单从该地址发货，不能删除；如不再使用，请改为停用')
  }
  await db.transaction(async (trx) => {
    origin.useTransaction(trx)
    await origin.delete()
    await audit.record(
      {
        action: 'catalog.shipping_origin.delete',
        subjectType: 'shipping_origin',
        subjectId: origin.id,
        data: snapshot(origin, ORIGIN_FIELDS),
      },
      trx
    )
  })
  return origin
}
