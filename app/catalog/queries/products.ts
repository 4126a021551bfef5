import { isUuid } from '#core/ids'
import { formatFen } from '#core/money'
import { describeRule, FILE_TYPES, type FileType, type UploadRule } from '#core/uploads'
import Product from '#catalog/models/product'
import type ProductMaterial from '#catalog/models/product_material'
import {
  CERT_KINDS,
  DELIVERY_METHODS,
  MEDIA,
  PRODUCT_TYPES,
  REVIEW_MODES,
  yearsLabel,
  type CertKind,
  type DeliveryMethod,
  type Medium,
  type ProductType,
  type ReviewMode,
} from '#catalog/labels'
import { quotePrice, typesLabel, type PriceQuote } from '#catalog/services/product_rules'

/**
 * What the orders module reads about products: plain objects, never models.
 */

export interface ValidityOptionView {
  years: number
  label: string
  priceFen: number
  priceText: string
}

export interface MaterialView {
  id: string
  name: string
  description: string | null
  types: FileType[]
  typesLabel: string
  /** accept attribute of the file input, e.g. ".jpg,.png" */
  accept: string
  minSize: number | null
  maxSize: number
  required: boolean
  sortOrder: number
  /** pass to inspectUpload(file, rule) from #core/uploads */
  rule: UploadRule
  /** e.g. "150 KB–1 MB，JPG、PNG 格式" */
  ruleText: string
  template: { name: string; type: FileType; size: number; url: string } | null
}

export interface ProductView {
  id: string
  code: string
  name: string
  type: ProductType
  typeLabel: string
  certKind: CertKind | null
  certKindLabel: string
  medium: Medium | null
  mediumLabel: string
  caLabel: string
  description: string | null
  /** on sale, and its platform and region are active */
  active: boolean
  platform: {
    id: string
    code: string
    name: string
    website: string | null
    region: { id: string; code: string; name: string }
  }
  /** enabled options only, shortest first */
  validityOptions: ValidityOptionView[]
  /** the cheapest enabled option, for "¥120.00 起" */
  fromPriceFen: number
  rules: {
    firstUkeyFree: boolean
    reviewMode: ReviewMode
    reviewModeLabel: string
    /** true: 资料审核通过 → 待支付; false: 支付 → 待审核 */
    reviewBeforePayment: boolean
    renewalWindowDays: number
  }
  deliveryMethods: Array<{ key: DeliveryMethod; label: string; help: string }>
  /** active materials, in display order */
  materials: MaterialView[]
  /** type-specific settings (seal packages later) */
  spec: Record<string, unknown>
}

/**
 * The public address of a template (route catalog.templates.show). Built
 * by hand, not with urlFor: product views are also read outside a request
 * (commands, seeders, unit tests), where the router has not committed its
 * named routes yet.
 */
export function materialTemplateUrl(materialId: string) {
  return `/catalog/materials/${materialId}/template`
}

export function toMaterialView(material: ProductMaterial): MaterialView {
  const rule: UploadRule = {
    types: material.acceptedTypes,
    maxSize: material.maxSize,
    ...(material.minSize ? { minSize: material.minSize } : {}),
  }
  return {
    id: material.id,
    name: material.name,
    description: material.description,
    types: [...material.acceptedTypes],
    typesLabel: typesLabel(material.acceptedTypes),
    accept: material.acceptedTypes
      .map((t) => `.${FILE_TYPES[t]?.ext ?? t}${t === 'jpg' ? ',.jpeg' : ''}`)
      .join(','),
    minSize: material.minSize,
    maxSize: material.maxSize,
    required: material.isRequired,
    sortOrder: material.sortOrder,
    rule,
    ruleText: describeRule(rule),
    template:
      material.templateKey && material.templateName && material.templateType
        ? {
            name: material.templateName,
            type: material.templateType,
            size: material.templateSize ?? 0,
            url: materialTemplateUrl(material.id),
          }
        : null,
  }
}

/**
 * Products come with their platform and region preloaded.
 */
export function toProductView(product: Product, materials: ProductMaterial[]): ProductView {
  const platform = product.platform
  const region = platform.region
  const options = product.validityOptions
    .filter((o) => o.enabled)
    .sort((a, b) => a.years - b.years)
    .map((o) => ({
      years: o.years,
      label: yearsLabel(o.years),
      priceFen: o.priceFen,
      priceText: o.priceFen === 0 ? '免费' : formatFen(o.priceFen),
    }))
  return {
    id: product.id,
    code: product.code,
    name: product.name,
    type: product.type,
    typeLabel: PRODUCT_TYPES[product.type] ?? product.type,
    certKind: product.certKind,
    certKindLabel: product.certKind ? CERT_KINDS[product.certKind] : '',
    medium: product.medium,
    mediumLabel: product.medium ? MEDIA[product.medium] : '',
    caLabel: product.caLabel,
    description: product.description,
    active:
      product.status === 'on_sale' && platform.status === 'active' && region.status === 'active',
    platform: {
      id: platform.id,
      code: platform.code,
      name: platform.name,
      website: platform.website,
      region: { id: region.id, code: region.code, name: region.name },
    },
    validityOptions: options,
    fromPriceFen: options.length ? Math.min(...options.map((o) => o.priceFen)) : 0,
    rules: {
      firstUkeyFree: product.firstUkeyFree,
      reviewMode: product.reviewMode,
      reviewModeLabel: REVIEW_MODES[product.reviewMode],
      reviewBeforePayment: product.reviewMode === 'before_payment',
      renewalWindowDays: product.renewalWindowDays,
    },
    deliveryMethods: product.deliveryMethods
      .filter((m) => m in DELIVERY_METHODS)
      .map((m) => ({ key: m, label: DELIVERY_METHODS[m].label, help: DELIVERY_METHODS[m].help })),
    materials: materials
      .filter((m) => m.isActive)
      .sort((a, b) => a.sortOrder - b.sortOrder || a.createdAt.toMillis() - b.createdAt.toMillis())
      .map(toMaterialView),
    spec: product.spec ?? {},
  }
}

function activeProductQuery() {
  return Product.query()
    .where('products.status', 'on_sale')
    .whereHas('platform', (platform) => {
      platform
        .where('status', 'active')
        .whereHas('region', (region) => region.where('status', 'active'))
    })
    .preload('platform', (platform) => platform.preload('region'))
    .preload('materials')
}

export interface ProductFilters {
  type?: ProductType
  certKind?: CertKind
  medium?: Medium
}

/**
 * On-sale products of an active platform, with enabled validity options,
 * prices, rules and materials. Empty when the platform (or its region)
 * is switched off.
 */
export async function activeProductsOfPlatform(
  platformId: string,
  filters: ProductFilters = {}
): Promise<ProductView[]> {
  const query = activeProductQuery().where('platform_id', platformId)
  if (filters.type) query.where('type', filters.type)
  if (filters.certKind) query.where('cert_kind', filters.certKind)
  if (filters.medium) query.where('medium', filters.medium)
  const products = await query.orderBy('sort_order', 'asc').orderBy('name', 'asc')
  return products
    .map((p) => toProductView(p, p.materials))
    .filter((p) => p.validityOptions.length > 0)
}

/**
 * One product with everything an order needs. Only an active product
 * unless `includeInactive` (an existing order showing what it bought).
 * Null for an unknown or malformed id.
 */
export async function findProductForOrder(
  id: string,
  opts: { includeInactive?: boolean } = {}
): Promise<ProductView | null> {
  if (!isUuid(id)) return null
  const query = opts.includeInactive
    ? Product.query()
        .preload('platform', (platform) => platform.preload('region'))
        .preload('materials')
    : activeProductQuery()
  const product = await query.where('products.id', id).first()
  if (!product) return null
  const view = toProductView(product, product.materials)
  if (!opts.includeInactive && !view.validityOptions.length) return null
  return view
}

/**
 * The price of (product, years). Refuses an unknown, inactive product and
 * a validity option that is not enabled. `firstUkey`: the orders module
 * says this is the applicant's or organisation's first uKey, so a product
 * with the first-uKey-free rule costs nothing.
 */
export async function priceFor(
  productId: string,
  years: number,
  opts: { firstUkey?: boolean } = {}
): Promise<PriceQuote> {
  const product = await findProductForOrder(productId)
  if (!product) return { ok: false, message: '该产品已下架或不存在，请重新选择' }
  return quotePrice(
    {
      medium: product.medium,
      firstUkeyFree: product.rules.firstUkeyFree,
      validityOptions: product.validityOptions,
    },
    years,
    opts
  )
}

export type { PriceQuote }

/**
 * The after-sales services of a product (更新, 变更, 补办 fees, review,
 * holder suspension), pure: see services/service_fees.ts.
 */
export {
  serviceFee,
  serviceSettings,
  serviceNeedsReview,
  type PricedService,
  type ServiceQuote,
  type ServiceSettings,
} from '#catalog/services/service_fees'
