import ServiceRegion from '#catalog/models/service_region'
import PickupPoint from '#catalog/models/pickup_point'
import ShippingOrigin from '#catalog/models/shipping_origin'
import { RuleError } from '#core/rule_error'
import { pickupPointLifecycle, shippingOriginLifecycle } from '#catalog/lifecycles'
import { catalogUsage } from '#catalog/usage'
import type { ActiveStatus } from '#catalog/labels'
import { createItem, deleteItem, itemKind, switchItem, updateItem } from './support.js'

/** the pickup point form, as its validator gives it */
export interface PickupPointInput {
  regionId: string
  name: string
  address: string
  phone: string
  hours: string
  status: ActiveStatus
  sortOrder?: number
}

/** the shipping origin form (no region: it serves every region without one of its own) */
export interface ShippingOriginInput {
  regionId?: string
  name: string
  contact: string
  phone: string
  address: string
  courier?: string
  status: ActiveStatus
}

const pointKind = itemKind<PickupPoint>(pickupPointLifecycle, {
  model: PickupPoint,
  fields: ['regionId', 'name', 'address', 'phone', 'hours', 'status', 'sortOrder'],
  title: (point) => ({ name: point.name }),
})

const originKind = itemKind<ShippingOrigin>(shippingOriginLifecycle, {
  model: ShippingOrigin,
  fields: ['regionId', 'name', 'contact', 'phone', 'address', 'courier', 'status'],
  title: (origin) => ({ name: origin.name }),
})

async function assertRegion(regionId: string | undefined) {
  if (regionId && !(await ServiceRegion.find(regionId)))
    throw new RuleError('请选择服务区域', { field: 'region_id' })
}

async function pointValues(input: PickupPointInput) {
  await assertRegion(input.regionId)
  return { ...input, sortOrder: input.sortOrder ?? 0 }
}

async function originValues(input: ShippingOriginInput) {
  await assertRegion(input.regionId)
  return { ...input, regionId: input.regionId ?? null, courier: input.courier ?? null }
}

/**
 * 取证地址: where uKeys are picked up.
 */
export async function createPickupPoint(input: PickupPointInput) {
  return createItem(pointKind, await pointValues(input))
}

export async function updatePickupPoint(id: string, input: PickupPointInput) {
  const point = await PickupPoint.findOrFail(id)
  return updateItem(pointKind, point, await pointValues(input))
}

export async function setPickupPointStatus(id: string, status: ActiveStatus) {
  return switchItem(pointKind, await PickupPoint.findOrFail(id), status)
}

export async function deletePickupPoint(id: string) {
  const point = await PickupPoint.findOrFail(id)
  if ((await catalogUsage.count('pickup_point', point.id)) > 0) {
    throw new RuleError('已有订单选择了该取证地址，不能删除；如不再使用，请改为停用')
  }
  return deleteItem(pointKind, point)
}

/**
 * 发货地址: where mailed uKeys leave from (one per region, or one for all).
 */
export async function createShippingOrigin(input: ShippingOriginInput) {
  return createItem(originKind, await originValues(input))
}

export async function updateShippingOrigin(id: string, input: ShippingOriginInput) {
  const origin = await ShippingOrigin.findOrFail(id)
  return updateItem(originKind, origin, await originValues(input))
}

export async function setShippingOriginStatus(id: string, status: ActiveStatus) {
  return switchItem(originKind, await ShippingOrigin.findOrFail(id), status)
}

export async function deleteShippingOrigin(id: string) {
  const origin = await ShippingOrigin.findOrFail(id)
  if ((await catalogUsage.count('shipping_origin', origin.id)) > 0) {
    throw new RuleError('已有订单从该地址发货，不能删除；如不再使用，请改为停用')
  }
  return deleteItem(originKind, origin)
}
