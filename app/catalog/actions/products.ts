import db from '@adonisjs/lucid/services/db'
import audit from '#core/audit/audit_service'
import storage from '#core/storage'
import TradingPlatform from '#catalog/models/trading_platform'
import Product from '#catalog/models/product'
import ProductMaterial from '#catalog/models/product_material'
import { CatalogRuleError } from '#catalog/errors'
import { catalogUsage } from '#catalog/usage'
import type { CertKind, Medium, ProductStatus, ReviewMode } from '#catalog/labels'
import { buildValidityOptions, checkDeliveryMethods } from '#catalog/services/product_rules'
import { assertCodeFree, changes, snapshot, throwIfErrors } from './support.js'

export interface ProductInput {
  platform_id: string
  code: string
  name: string
  cert_kind: CertKind
  medium: Medium
  ca_label: string
  description?: string
  enabled_1?: boolean
  enabled_2?: boolean
  enabled_3?: boolean
  price_1?: string
  price_2?: string
  price_3?: string
  first_ukey_free?: boolean
  review_mode: ReviewMode
  renewal_window_days: number
  delivery_methods?: string[]
  status: ProductStatus
  sort_order?: number
}

const FIELDS = [
  'platformId',
  'code',
  'name',
  'type',
  'certKind',
  'medium',
  'caLabel',
  'description',
  'validityOptions',
  'firstUkeyFree',
  'reviewMode',
  'renewalWindowDays',
  'deliveryMethods',
  'status',
  'sortOrder',
]

/**
 * Check a product form against the rules and turn it into column values:
 * prices typed in 元 become fen, the 取证方式 must fit the medium, the
 * first-uKey-free rule only exists for uKeys.
 */
async function values(input: ProductInput) {
  const validity = buildValidityOptions([
    { years: 1, enabled: Boolean(input.enabled_1), price: input.price_1 },
    { years: 2, enabled: Boolean(input.enabled_2), price: input.price_2 },
    { years: 3, enabled: Boolean(input.enabled_3), price: input.price_3 },
  ])
  const delivery = checkDeliveryMethods(input.medium, input.delivery_methods ?? [])
  const platform = await TradingPlatform.find(input.platform_id)
  throwIfErrors(
    validity.ok ? null : validity.errors,
    delivery.ok ? null : delivery.errors,
    platform ? null : { platform_id: '请选择交易平台' },
    input.first_ukey_free && input.medium !== 'ukey'
      ? { first_ukey_free: '只有 uKey 证书可以设置首把免费' }
      : null
  )
  return {
    platformId: input.platform_id,
    code: input.code,
    name: input.name,
    type: 'certificate' as const,
    certKind: input.cert_kind,
    medium: input.medium,
    caLabel: input.ca_label,
    description: input.description ?? null,
    validityOptions: validity.ok ? validity.value : [],
    firstUkeyFree: Boolean(input.first_ukey_free),
    reviewMode: input.review_mode,
    renewalWindowDays: input.renewal_window_days,
    deliveryMethods: delivery.ok ? delivery.value : [],
    status: input.status,
    sortOrder: input.sort_order ?? 0,
  }
}

/**
 * 证书产品: create, change, 上架/下架, delete (only when no order uses it;
 * otherwise take it off sale).
 */
export async function createProduct(input: ProductInput) {
  await assertCodeFree(Product, input.code)
  const fill = await values(input)
  return db.transaction(async (trx) => {
    const product = new Product()
    product.fill({ ...fill, spec: {} })
    product.useTransaction(trx)
    await product.save()
    await audit.record(
      {
        action: 'catalog.product.create',
        subjectType: 'product',
        subjectId: product.id,
        data: snapshot(product, FIELDS),
      },
      trx
    )
    return product
  })
}

export async function updateProduct(id: string, input: ProductInput) {
  const product = await Product.findOrFail(id)
  await assertCodeFree(Product, input.code, product.id)
  const fill = await values(input)
  return db.transaction(async (trx) => {
    const before = snapshot(product, FIELDS)
    product.merge(fill)
    product.useTransaction(trx)
    await product.save()
    await audit.record(
      {
        action: 'catalog.product.update',
        subjectType: 'product',
        subjectId: product.id,
        data: { name: product.name, changes: changes(before, snapshot(product, FIELDS)) },
      },
      trx
    )
    return product
  })
}

export async function setProductStatus(id: string, status: ProductStatus) {
  const product = await Product.findOrFail(id)
  if (product.status === status) return product
  return db.transaction(async (trx) => {
    product.status = status
    product.useTransaction(trx)
    await product.save()
    await audit.record(
      {
        action: status === 'on_sale' ? 'catalog.product.on_sale' : 'catalog.product.off_sale',
        subjectType: 'product',
        subjectId: product.id,
        data: { name: product.name },
      },
      trx
    )
    return product
  })
}

export async function deleteProduct(id: string) {
  const product = await Product.findOrFail(id)
  const materials = await ProductMaterial.query().where('product_id', product.id)
  let used = await catalogUsage.count('product', product.id)
  for (const material of materials) used += await catalogUsage.count('material', material.id)
  if (used > 0) throw new CatalogRuleError('已有订单使用该产品，不能删除；如不再销售，请改为下架')
  await db.transaction(async (trx) => {
    await ProductMaterial.query({ client: trx }).where('product_id', product.id).delete()
    product.useTransaction(trx)
    await product.delete()
    await audit.record(
      {
        action: 'catalog.product.delete',
        subjectType: 'product',
        subjectId: product.id,
        data: { ...snapshot(product, FIELDS), materials: materials.map((m) => m.name) },
      },
      trx
    )
  })
  for (const material of materials) {
    if (material.templateKey) await storage.delete(material.templateKey).catch(() => undefined)
  }
  return product
}
