import db from '@adonisjs/lucid/services/db'
import { DateTime } from 'luxon'
import { randomBytes } from 'node:crypto'
import ServiceRegion from '#catalog/models/service_region'
import TradingPlatform from '#catalog/models/trading_platform'
import Product, { type ValidityOption } from '#catalog/models/product'
import ProductMaterial from '#catalog/models/product_material'
import PickupPoint from '#catalog/models/pickup_point'
import ShippingOrigin from '#catalog/models/shipping_origin'
import Notice from '#catalog/models/notice'
import Guide from '#catalog/models/guide'
import Download from '#catalog/models/download'
import storage from '#core/storage'
import { makeDocx, makePdf, makeZip } from '#catalog/services/documents'

/**
 * Fixtures of the catalog's tests: rows made directly (the catalog's own
 * tables) and small files recognised by their content.
 */
let counter = 0
const next = () => `${++counter}${randomBytes(2).toString('hex')}`

export async function makeRegion(overrides: Partial<ServiceRegion> = {}) {
  return ServiceRegion.create({
    code: `r-${next()}`,
    name: '测试区域',
    status: 'active',
    sortOrder: 0,
    ...overrides,
  } as any)
}

export async function makePlatform(overrides: Partial<TradingPlatform> = {}) {
  const regionId = overrides.regionId ?? (await makeRegion()).id
  return TradingPlatform.create({
    code: `p-${next()}`,
    name: '测试交易平台',
    status: 'active',
    sortOrder: 0,
    ...overrides,
    regionId,
  } as any)
}

export const prices = (
  y1: number | null,
  y2: number | null = null,
  y3: number | null = null
): ValidityOption[] =>
  [y1, y2, y3].map((fen, i) => ({ years: i + 1, enabled: fen !== null, priceFen: fen ?? 0 }))

export async function makeProduct(overrides: Partial<Product> = {}) {
  const platformId = overrides.platformId ?? (await makePlatform()).id
  return Product.create({
    code: `prod-${next()}`,
    name: '测试个人移动证书',
    type: 'certificate',
    certKind: 'personal',
    medium: 'cloud',
    caLabel: '测试CA',
    description: null,
    validityOptions: prices(12000, 22000),
    firstUkeyFree: false,
    reviewMode: 'after_payment',
    renewalWindowDays: 90,
    deliveryMethods: ['online_install'],
    spec: {},
    status: 'on_sale',
    sortOrder: 0,
    ...overrides,
    platformId,
  } as any)
}

export async function makeMaterial(productId: string, overrides: Partial<ProductMaterial> = {}) {
  return ProductMaterial.create({
    productId,
    name: '身份证复印件',
    description: null,
    acceptedTypes: ['jpg', 'png'],
    minSize: 150 * 1024,
    maxSize: 1024 * 1024,
    isRequired: true,
    isActive: true,
    sortOrder: 0,
    ...overrides,
  } as any)
}

export async function makePickupPoint(regionId: string, overrides: Partial<PickupPoint> = {}) {
  return PickupPoint.create({
    regionId,
    name: `取证点${next()}`,
    address: '示例市示例路 1 号',
    phone: '400-000-0000',
    hours: '工作日 9:00-17:00',
    status: 'active',
    sortOrder: 0,
    ...overrides,
  } as any)
}

export async function makeShippingOrigin(overrides: Partial<ShippingOrigin> = {}) {
  return ShippingOrigin.create({
    regionId: null,
    name: `发货点${next()}`,
    contact: '发货组',
    phone: '400-000-0000',
    address: '示例市示例路 2 号',
    courier: null,
    status: 'active',
    ...overrides,
  } as any)
}

export async function makeNotice(overrides: Partial<Notice> = {}) {
  return Notice.create({
    title: `公告${next()}`,
    body: '公告正文',
    status: 'published',
    pinned: false,
    publishedAt: DateTime.utc().minus({ hours: 1 }),
    ...overrides,
  } as any)
}

export async function makeGuide(overrides: Partial<Guide> = {}) {
  return Guide.create({
    title: `指南${next()}`,
    category: 'apply',
    body: '指南正文',
    status: 'published',
    sortOrder: 0,
    publishedAt: DateTime.utc(),
    ...overrides,
  } as any)
}

export async function makeDownload(overrides: Partial<Download> = {}, bytes: Buffer = sampleZip()) {
  const key = storage.makeKey('catalog/downloads', overrides.fileType ?? 'zip')
  await storage.put(key, bytes)
  return Download.create({
    name: `下载${next()}`,
    category: 'driver',
    description: null,
    version: 'V1.0',
    fileKey: key,
    fileName: 'uKey驱动程序.zip',
    fileType: 'zip',
    fileSize: bytes.length,
    downloadCount: 0,
    status: 'published',
    sortOrder: 0,
    publishedAt: DateTime.utc(),
    ...overrides,
  } as any)
}

export function sampleZip() {
  return makeZip([{ name: '说明.txt', data: '测试驱动' }])
}

export function sampleDocx() {
  return makeDocx({ title: '测试申请表', rows: ['姓名', '证件号码'] })
}

export function samplePdf() {
  return makePdf('测试手册', ['第一步', '第二步'])
}

/**
 * A PNG signature followed by padding: recognised as PNG by content.
 */
export function samplePng(size = 2048) {
  const buffer = Buffer.alloc(size, 0)
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]).copy(buffer)
  return buffer
}

/**
 * Audit entries of an action on a subject.
 */
export async function auditEntries(action: string, subjectId?: string) {
  const query = db.from('audit_logs').where('action', action)
  if (subjectId) query.where('subject_id', subjectId)
  return query
}

/**
 * The flash messages a redirect left behind (errors at fields, kept input).
 */
export function flashed(response: any) {
  return (response.flashMessages?.() ?? {}) as Record<string, any>
}
