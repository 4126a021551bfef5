import type { ModelQueryBuilderContract } from '@adonisjs/lucid/types/model'
import { isUuid } from '#core/ids'
import ServiceRegion from '#catalog/models/service_region'
import TradingPlatform from '#catalog/models/trading_platform'
import Product from '#catalog/models/product'
import ProductMaterial from '#catalog/models/product_material'
import PickupPoint from '#catalog/models/pickup_point'
import ShippingOrigin from '#catalog/models/shipping_origin'
import Notice from '#catalog/models/notice'
import Guide from '#catalog/models/guide'
import Download from '#catalog/models/download'
import {
  ACTIVE_STATUSES,
  CERT_KINDS,
  CONTENT_STATUSES,
  DOWNLOAD_CATEGORIES,
  GUIDE_CATEGORIES,
  MEDIA,
  PRODUCT_STATUSES,
} from '#catalog/labels'
import { likePattern } from './content.js'

/**
 * Reads of the back office's catalog and content pages. Finders return
 * null for an unknown or malformed id (the controller answers 404).
 */

async function byId<T>(id: string, find: (id: string) => Promise<T | null>) {
  return isUuid(id) ? find(id) : null
}

export async function listRegions() {
  const regions = await ServiceRegion.query()
    .withCount('platforms')
    .orderBy('sort_order', 'asc')
    .orderBy('name', 'asc')
  return regions
}

export async function regionOptions() {
  const regions = await ServiceRegion.query().orderBy('sort_order', 'asc').orderBy('name', 'asc')
  return regions.map((r) => ({
    value: r.id,
    label: r.status === 'active' ? r.name : `${r.name}（已停用）`,
  }))
}

export const findRegion = (id: string) => byId(id, (i) => ServiceRegion.find(i))

export interface PlatformListFilters {
  regionId?: string
  status?: string
  keyword?: string
}

export async function listPlatforms(filters: PlatformListFilters = {}) {
  const query = TradingPlatform.query().preload('region').withCount('products')
  if (filters.regionId && isUuid(filters.regionId)) query.where('region_id', filters.regionId)
  if (filters.status && filters.status in ACTIVE_STATUSES) query.where('status', filters.status)
  if (filters.keyword) {
    const pattern = likePattern(filters.keyword)
    query.where((q) =>
      q
        .whereRaw("lower(name) like ? escape '\\'", [pattern])
        .orWhereRaw("lower(code) like ? escape '\\'", [pattern])
    )
  }
  return query.orderBy('sort_order', 'asc').orderBy('name', 'asc')
}

export async function platformOptions() {
  const platforms = await TradingPlatform.query()
    .preload('region')
    .orderBy('sort_order', 'asc')
    .orderBy('name', 'asc')
  return platforms.map((p) => ({
    value: p.id,
    label: `${p.region.name} · ${p.name}${p.status === 'active' ? '' : '（已停用）'}`,
  }))
}

export const findPlatform = (id: string) => byId(id, (i) => TradingPlatform.find(i))

export interface ProductListFilters {
  /** the product types listed (证书产品: certificate; 套餐产品: the package types) */
  types?: string[]
  platformId?: string
  certKind?: string
  medium?: string
  status?: string
  keyword?: string
}

export async function listProducts(filters: ProductListFilters = {}, page = 1, perPage = 20) {
  const query = Product.query()
    .preload('platform', (p) => p.preload('region'))
    .withCount('materials')
  if (filters.types) query.whereIn('type', filters.types)
  if (filters.platformId && isUuid(filters.platformId))
    query.where('platform_id', filters.platformId)
  if (filters.certKind && filters.certKind in CERT_KINDS) query.where('cert_kind', filters.certKind)
  if (filters.medium && filters.medium in MEDIA) query.where('medium', filters.medium)
  if (filters.status && filters.status in PRODUCT_STATUSES) query.where('status', filters.status)
  if (filters.keyword) {
    const pattern = likePattern(filters.keyword)
    query.where((q) =>
      q
        .whereRaw("lower(name) like ? escape '\\'", [pattern])
        .orWhereRaw("lower(code) like ? escape '\\'", [pattern])
    )
  }
  return query
    .orderBy('platform_id', 'asc')
    .orderBy('sort_order', 'asc')
    .orderBy('name', 'asc')
    .paginate(page, perPage)
}

export const findProduct = (id: string) =>
  byId(id, (i) =>
    Product.query()
      .where('id', i)
      .preload('platform', (p) => p.preload('region'))
      .preload('materials', (m) => m.orderBy('sort_order', 'asc').orderBy('created_at', 'asc'))
      .first()
  )

export const findMaterial = (id: string) =>
  byId(id, (i) => ProductMaterial.query().where('id', i).preload('product').first())

export async function listPickupPoints() {
  return PickupPoint.query().preload('region').orderBy('sort_order', 'asc').orderBy('name', 'asc')
}

export const findPickupPoint = (id: string) => byId(id, (i) => PickupPoint.find(i))

export async function listShippingOrigins() {
  return ShippingOrigin.query().preload('region').orderBy('created_at', 'asc')
}

export const findShippingOrigin = (id: string) => byId(id, (i) => ShippingOrigin.find(i))

export interface ContentListFilters {
  status?: string
  keyword?: string
  category?: string
}

/**
 * A content list (notices, guides, downloads): the status filter, the
 * category filter where the kind has categories, a case-insensitive
 * keyword on its title column, in the kind's order.
 */
function contentList(
  query: ModelQueryBuilderContract<any>,
  filters: ContentListFilters,
  kind: { titleColumn: string; categories?: Record<string, unknown>; order: string[] }
) {
  if (filters.status && filters.status in CONTENT_STATUSES) query.where('status', filters.status)
  if (kind.categories && filters.category && filters.category in kind.categories)
    query.where('category', filters.category)
  if (filters.keyword)
    query.whereRaw(`lower(${kind.titleColumn}) like ? escape '\\'`, [likePattern(filters.keyword)])
  for (const column of kind.order) {
    const [name, direction] = column.split(' ')
    query.orderBy(name, (direction as 'asc' | 'desc') ?? 'asc')
  }
  return query
}

export async function listNotices(filters: ContentListFilters = {}, page = 1, perPage = 20) {
  return contentList(Notice.query(), filters, {
    titleColumn: 'title',
    order: ['pinned desc', 'created_at desc', 'id asc'],
  }).paginate(page, perPage)
}

export const findNotice = (id: string) => byId(id, (i) => Notice.find(i))

export async function listGuides(filters: ContentListFilters = {}, page = 1, perPage = 20) {
  return contentList(Guide.query(), filters, {
    titleColumn: 'title',
    categories: GUIDE_CATEGORIES,
    order: ['sort_order asc', 'created_at desc', 'id asc'],
  }).paginate(page, perPage)
}

export const findGuide = (id: string) => byId(id, (i) => Guide.find(i))

export async function listDownloads(filters: ContentListFilters = {}, page = 1, perPage = 20) {
  return contentList(Download.query(), filters, {
    titleColumn: 'name',
    categories: DOWNLOAD_CATEGORIES,
    order: ['category asc', 'sort_order asc', 'name asc'],
  }).paginate(page, perPage)
}

export const findDownload = (id: string) => byId(id, (i) => Download.find(i))

/**
 * Figures for the back office dashboard.
 */
export async function onSaleProductCount() {
  const row = await Product.query().where('status', 'on_sale').count('* as total').first()
  return Number(row?.$extras.total ?? 0)
}
