import type { HttpContext } from '@adonisjs/core/http'
import { fenToYuanString } from '#core/money'
import CatalogPolicy from '#catalog/policies/catalog_policy'
import type Product from '#catalog/models/product'
import { productLifecycle } from '#catalog/lifecycles'
import { PACKAGE_TYPES, PRODUCT_STATUSES } from '#catalog/labels'
import { packageProductValidator, productStatusValidator } from '#catalog/validators'
import {
  createPackageProduct,
  deleteProduct,
  setProductStatus,
  updatePackageProduct,
} from '#catalog/actions/products'
import { platformOptions } from '#catalog/queries/admin'
import { cleanKeyword } from '#catalog/queries/content'
import { ItemPagesController, itemMessages } from './item_pages.js'
import { productListPage, productOfTypes } from './products_controller.js'

const labels = { types: PACKAGE_TYPES, statuses: PRODUCT_STATUSES }
const PACKAGES = Object.keys(PACKAGE_TYPES)

/**
 * 套餐产品 (back office, super admin): 交易平台套餐 (次数 + 有效天数, bought
 * and extended from 我的交易平台) and 电子印章套餐 (印章数), each with one
 * price, sold through the ordinary order and payment.
 */
export default class PackagesController extends ItemPagesController<Product> {
  pages = {
    policy: CatalogPolicy,
    listAbility: 'view' as const,
    views: 'catalog/admin/packages',
    route: 'admin.catalog.packages',
    find: productOfTypes(PACKAGES),
    list: ({ request }: HttpContext) =>
      productListPage(request, ['platform_id', 'status', 'keyword'], PACKAGES, labels),
    form: async (product: Product | null, { request }: HttpContext) => ({
      product,
      values: product
        ? {
            platform_id: product.platformId,
            type: product.type,
            code: product.code,
            name: product.name,
            description: product.description,
            price: fenToYuanString(product.validityOptions[0]?.priceFen ?? 0),
            uses: product.spec?.uses,
            days: product.spec?.days,
            seals: product.spec?.seals,
            review: product.spec?.review === false ? '0' : '1',
            status: product.status,
            sort_order: product.sortOrder,
          }
        : {
            platform_id: cleanKeyword(request.input('platform_id')),
            type: 'platform_package',
            review: '1',
            status: 'on_sale',
            sort_order: 0,
          },
      platforms: await platformOptions(),
      labels,
    }),
    validator: packageProductValidator,
    statusValidator: productStatusValidator,
    create: createPackageProduct,
    update: updatePackageProduct,
    setStatus: setProductStatus,
    remove: deleteProduct,
    messages: itemMessages<Product>('套餐产品', (p) => p.name, productLifecycle),
    switchInPlace: true,
  }
}
