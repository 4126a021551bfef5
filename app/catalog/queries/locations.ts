import { isUuid } from '#core/ids'
import PickupPoint from '#catalog/models/pickup_point'
import ShippingOrigin from '#catalog/models/shipping_origin'

export interface PickupPointView {
  id: string
  name: string
  address: string
  phone: string
  hours: string
  region: { id: string; name: string }
  /** one line for selects: "name（address）" */
  label: string
}

export interface ShippingOriginView {
  id: string
  name: string
  contact: string
  phone: string
  address: string
  courier: string | null
  /** one line: "address（contact phone）" */
  label: string
}

function toPickupPointView(point: PickupPoint): PickupPointView {
  return {
    id: point.id,
    name: point.name,
    address: point.address,
    phone: point.phone,
    hours: point.hours,
    region: { id: point.region.id, name: point.region.name },
    label: `${point.name}（${point.address}）`,
  }
}

function toShippingOriginView(origin: ShippingOrigin): ShippingOriginView {
  return {
    id: origin.id,
    name: origin.name,
    contact: origin.contact,
    phone: origin.phone,
    address: origin.address,
    courier: origin.courier,
    label: `${origin.address}（${origin.contact} ${origin.phone}）`,
  }
}

/**
 * 取证地址 for the self-pickup step: active points in active regions,
 * those of `regionId` first (the platform's region).
 */
export async function activePickupPoints(
  opts: { regionId?: string } = {}
): Promise<PickupPointView[]> {
  const points = await PickupPoint.query()
    .where('status', 'active')
    .whereHas('region', (region) => region.where('status', 'active'))
    .preload('region')
    .orderBy('sort_order', 'asc')
    .orderBy('name', 'asc')
  const views = points.map(toPickupPointView)
  if (!opts.regionId) return views
  return [
    ...views.filter((p) => p.region.id === opts.regionId),
    ...views.filter((p) => p.region.id !== opts.regionId),
  ]
}

/**
 * One pickup point. `includeInactive` for an order that chose it earlier.
 */
export async function findPickupPoint(
  id: string,
  opts: { includeInactive?: boolean } = {}
): Promise<PickupPointView | null> {
  if (!isUuid(id)) return null
  const query = PickupPoint.query().where('id', id).preload('region')
  if (!opts.includeInactive)
    query.where('status', 'active').whereHas('region', (region) => region.where('status', 'active'))
  const point = await query.first()
  return point ? toPickupPointView(point) : null
}

/**
 * 发货地址 for a platform's region: the region's own active origin, else
 * the active origin that serves every region; null if none is set up.
 */
export async function shippingOriginFor(
  regionId?: string | null
): Promise<ShippingOriginView | null> {
  if (regionId) {
    const own = await ShippingOrigin.query()
      .where('status', 'active')
      .where('region_id', regionId)
      .orderBy('created_at', 'asc')
      .first()
    if (own) return toShippingOriginView(own)
  }
  const shared = await ShippingOrigin.query()
    .where('status', 'active')
    .whereNull('region_id')
    .orderBy('created_at', 'asc')
    .first()
  return shared ? toShippingOriginView(shared) : null
}
