import type { HttpContext } from '@adonisjs/core/http'
import { fenToYuanString } from '#core/money'
import { notFound } from '#catalog/errors'
import CatalogPolicy from '#catalog/policies/catalog_policy'
import type Product from '#catalog/models/product'
import { productLifecycle } from '#catalog/lifecycles'
import {
  CERT_KINDS,
  DELIVERY_METHODS,
  MEDIA,
  PRODUCT_STATUSES,
  REVIEW_MODES,
  VALIDITY_YEARS,
} from '#catalog/labels'
import { productStatusValidator, productValidator } from '#catalog/validators'
import {
  createProduct,
  deleteProduct,
  setProductStatus,
  updateProduct,
} from '#catalog/actions/products'
import { findProduct, listProducts, platformOptions } from '#catalog/queries/admin'
import { cleanKeyword } from '#catalog/queries/content'
import { toMaterialView } from '#catalog/queries/products'
import { serviceFormValues, serviceSettings } from '#catalog/services/service_fees'
import { ItemPagesController, itemMessages, listFilters } from './item_pages.js'

const labels = {
  kinds: CERT_KINDS,
  media: MEDIA,
  statuses: PRODUCT_STATUSES,
  reviewModes: REVIEW_MODES,
  delivery: DELIVERY_METHODS,
}

const messages = itemMessages<Product>('证书产品', (p) => p.name, productLifecycle)

/**
 * The form's fields as the product has them (prices in 元).
 */
function formValues(product: Product) {
  const values: Record<string, unknown> = {
    platform_id: product.platformId,
    code: product.code,
    name: product.name,
    cert_kind: product.certKind,
    medium: product.medium,
    ca_label: product.caLabel,
    description: product.description,
    first_ukey_free: product.firstUkeyFree,
    requires_contract: product.spec?.requiresContract === true,
    review_mode: product.reviewMode,
    renewal_window_days: product.renewalWindowDays,
    delivery_methods: product.deliveryMethods,
    status: product.status,
    sort_order: product.sortOrder,
    ...serviceFormValues(product),
  }
  for (const option of product.validityOptions) {
    values[`enabled_${option.years}`] = option.enabled
    values[`price_${option.years}`] = fenToYuanString(option.priceFen)
  }
  return values
}

/**
 * 证书产品 (back office, super admin): products of each platform with
 * validity options and prices (typed in 元, kept in 分), rules and the
 * materials they require.
 */
/** a product by id, only of these types (another kind's page answers 404) */
export function productOfTypes(types: string[]) {
  return async (id: string) => {
    const product = await findProduct(id)
    return product && types.includes(product.type) ? product : null
  }
}

/** the list page of products of these types, filtered by the given fields */
export async function productListPage(
  request: HttpContext['request'],
  fields: string[],
  types: string[],
  pageLabels: Record<string, unknown>
) {
  const { query, filters, page } = listFilters(request, fields)
  return {
    products: await listProducts({ ...filters, types }, page),
    query,
    platforms: await platformOptions(),
    labels: pageLabels,
    lifecycle: productLifecycle,
  }
}

export default class ProductsController extends ItemPagesController<Product> {
  pages = {
    policy: CatalogPolicy,
    listAbility: 'view' as const,
    views: 'catalog/admin/products',
    route: 'admin.catalog.products',
    find: productOfTypes(['certificate']),
    list: ({ request }: HttpContext) =>
      productListPage(
        request,
        ['platform_id', 'cert_kind', 'medium', 'status', 'keyword'],
        ['certificate'],
        labels
      ),
    form: async (product: Product | null, { request }: HttpContext) => ({
      product,
      values: product
        ? formValues(product)
        : {
            platform_id: cleanKeyword(request.input('platform_id')),
            status: 'on_sale',
            review_mode: 'after_payment',
            renewal_window_days: 90,
            enabled_1: true,
            delivery_methods: [],
            sort_order: 0,
            ...serviceFormValues({ medium: null, validityOptions: [], spec: null }),
          },
      platforms: await platformOptions(),
      years: VALIDITY_YEARS,
      labels,
    }),
    validator: productValidator,
    statusValidator: productStatusValidator,
    create: createProduct,
    update: updateProduct,
    setStatus: setProductStatus,
    remove: deleteProduct,
    messages: {
      ...messages,
      created: (product: Product) => `${messages.created(product)}，请继续配置所需资料`,
    },
    showAfterSave: true,
    switchInPlace: true,
  }

  async show({ bouncer, params, view }: HttpContext) {
    await bouncer.with(CatalogPolicy).authorize('view')
    const product = (await findProduct(params.id)) ?? notFound()
    return view.render('catalog/admin/products/show', {
      product,
      materials: product.materials.map((m) => ({ ...toMaterialView(m), active: m.isActive })),
      services: serviceSettings(product),
      labels,
      lifecycle: productLifecycle,
    })
  }
}
