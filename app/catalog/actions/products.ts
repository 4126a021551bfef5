import storage from '#core/storage'
import { RuleError } from '#core/rule_error'
import TradingPlatform from '#catalog/models/trading_platform'
import Product from '#catalog/models/product'
import ProductMaterial from '#catalog/models/product_material'
import { productLifecycle } from '#catalog/lifecycles'
import { catalogUsage } from '#catalog/usage'
import type { CertKind, Medium, PackageType, ProductStatus, ReviewMode } from '#catalog/labels'
import { buildValidityOptions, checkDeliveryMethods } from '#catalog/services/product_rules'
import { buildServiceSettings, type ServiceSettingsInput } from '#catalog/services/service_fees'
import {
  codedItemActions,
  createCodedItem,
  deleteItem,
  updateCodedItem,
  itemKind,
  throwIfErrors,
} from './support.js'

/** the product form, as its validator gives it (prices typed in 元; 售后服务 fees too) */
export interface ProductInput extends ServiceSettingsInput {
  platformId: string
  code: string
  name: string
  certKind: CertKind
  medium: Medium
  caLabel: string
  description?: string
  enabled1?: boolean
  enabled2?: boolean
  enabled3?: boolean
  price1?: string
  price2?: string
  price3?: string
  firstUkeyFree?: boolean
  /** 申请前须签署电子合同 (kept in `spec.requiresContract`; the orders wizard asks the seals module) */
  requiresContract?: boolean
  reviewMode: ReviewMode
  renewalWindowDays: number
  deliveryMethods?: string[]
  status: ProductStatus
  sortOrder?: number
}

const productKind = itemKind<Product>(productLifecycle, {
  model: Product,
  fields: [
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
    'spec',
  ],
  title: (product) => ({ name: product.name }),
})

/**
 * Check a product form against the rules and turn it into column values:
 * prices typed in 元 become fen, the 取证方式 must fit the medium, the
 * first-uKey-free rule only exists for uKeys.
 */
async function values(input: ProductInput) {
  const validity = buildValidityOptions([
    { years: 1, enabled: Boolean(input.enabled1), price: input.price1 },
    { years: 2, enabled: Boolean(input.enabled2), price: input.price2 },
    { years: 3, enabled: Boolean(input.enabled3), price: input.price3 },
  ])
  const delivery = checkDeliveryMethods(input.medium, input.deliveryMethods ?? [])
  const services = buildServiceSettings(input, input.medium)
  const platform = await TradingPlatform.find(input.platformId)
  throwIfErrors(
    validity.ok ? null : validity.errors,
    delivery.ok ? null : delivery.errors,
    services.ok ? null : services.errors,
    platform ? null : { platform_id: '请选择交易平台' },
    input.firstUkeyFree && input.medium !== 'ukey'
      ? { first_ukey_free: '只有 uKey 证书可以设置首把免费' }
      : null
  )
  return {
    platformId: input.platformId,
    code: input.code,
    name: input.name,
    type: 'certificate' as const,
    certKind: input.certKind,
    medium: input.medium,
    caLabel: input.caLabel,
    description: input.description ?? null,
    validityOptions: validity.ok ? validity.value : [],
    firstUkeyFree: Boolean(input.firstUkeyFree),
    reviewMode: input.reviewMode,
    renewalWindowDays: input.renewalWindowDays,
    deliveryMethods: delivery.ok ? delivery.value : [],
    status: input.status,
    sortOrder: input.sortOrder ?? 0,
    /** the product's spec.services (售后服务 fees and rules, #catalog/services/service_fees) */
    services: services.ok ? services.value : {},
  }
}

/**
 * 证书产品: create, change, 上架/下架, delete (only when no order uses it;
 * otherwise take it off sale).
 */
export async function createProduct(input: ProductInput) {
  return createCodedItem(productKind, input.code, async () => {
    const { services, ...columns } = await values(input)
    return { ...columns, spec: withFormSpec({}, input, services) }
  })
}

/**
 * The spec keys the product form owns (requiresContract, the 售后服务
 * settings), over what the row's spec already holds.
 */
function withFormSpec(
  spec: Record<string, unknown> | null,
  input: ProductInput,
  services: Record<string, unknown>
) {
  const next: Record<string, unknown> = { ...(spec ?? {}), services }
  if (input.requiresContract) next.requiresContract = true
  else delete next.requiresContract
  return next
}

export async function updateProduct(id: string, input: ProductInput) {
  const product = await Product.findOrFail(id)
  return updateCodedItem(productKind, id, input.code, async () => {
    const { services, ...columns } = await values(input)
    return { ...columns, spec: withFormSpec(product.spec, input, services) }
  })
}

const actions = codedItemActions<Product, ProductInput, ProductStatus>(productKind, values)
export const setProductStatus = actions.setStatus

export async function deleteProduct(id: string) {
  const product = await Product.findOrFail(id)
  const materials = await ProductMaterial.query().where('product_id', product.id)
  let used = await catalogUsage.count('product', product.id)
  for (const material of materials) used += await catalogUsage.count('material', material.id)
  if (used > 0) throw new RuleError('已有订单使用该产品，不能删除；如不再销售，请改为下架')
  await deleteItem(productKind, product, {
    data: { materials: materials.map((m) => m.name) },
    alsoDelete: (trx) =>
      ProductMaterial.query({ client: trx }).where('product_id', product.id).delete(),
  })
  for (const material of materials) {
    if (material.templateKey) await storage.delete(material.templateKey).catch(() => undefined)
  }
  return product
}

/** the 套餐产品 form, as its validator gives it (the price typed in 元) */
export interface PackageProductInput {
  platformId: string
  type: PackageType
  code: string
  name: string
  description?: string
  price: string
  /** 交易平台套餐: uses and validity days */
  uses?: number
  days?: number
  /** 电子印章套餐: how many seals it pays for (and, optionally, for how many days) */
  seals?: number
  /** 电子印章套餐: '0' when paid orders need no staff review (default: reviewed) */
  review?: '1' | '0'
  status: ProductStatus
  sortOrder?: number
}

/**
 * A package product's column values: one price (kept as the 1-year
 * validity option, so prices, orders and payments read it as any
 * product's), what it gives in `spec` ({ uses, days } or { seals }),
 * no certificate kind, medium or delivery.
 */
async function packageValues(input: PackageProductInput) {
  const price = buildValidityOptions([{ years: 1, enabled: true, price: input.price }])
  const platform = await TradingPlatform.find(input.platformId)
  const isPlatform = input.type === 'platform_package'
  throwIfErrors(
    price.ok ? null : { price: price.errors.price_1 ?? '请填写价格' },
    platform ? null : { platform_id: '请选择交易平台' },
    isPlatform && !input.uses ? { uses: '请填写套餐包含的次数' } : null,
    isPlatform && !input.days ? { days: '请填写套餐的有效天数' } : null,
    !isPlatform && !input.seals ? { seals: '请填写套餐可制作的印章数' } : null
  )
  return {
    platformId: input.platformId,
    code: input.code,
    name: input.name,
    type: input.type,
    certKind: null,
    medium: null,
    caLabel: '',
    description: input.description ?? null,
    validityOptions: price.ok ? price.value.filter((o) => o.years === 1) : [],
    firstUkeyFree: false,
    reviewMode: 'after_payment' as const,
    renewalWindowDays: 30,
    deliveryMethods: [],
    status: input.status,
    sortOrder: input.sortOrder ?? 0,
    spec: isPlatform
      ? { uses: input.uses, days: input.days }
      : {
          seals: input.seals,
          ...(input.days ? { days: input.days } : {}),
          review: input.review !== '0',
        },
  }
}

/** 套餐产品 (交易平台套餐, 电子印章套餐): create and change; status and delete as any product */
export const createPackageProduct = (input: PackageProductInput) =>
  createCodedItem(productKind, input.code, () => packageValues(input))

export const updatePackageProduct = (id: string, input: PackageProductInput) =>
  updateCodedItem(productKind, id, input.code, () => packageValues(input))
