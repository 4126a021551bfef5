import type { HttpContext } from '@adonisjs/core/http'
import { fenToYuanString } from '#core/money'
import CatalogPolicy from '#catalog/policies/catalog_policy'
import { notFound } from '#catalog/errors'
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

/**
 * 证书产品 (back office, super admin): products of each platform with
 * validity options and prices (typed in 元, kept in 分), rules and the
 * materials they require.
 */
export default class CatalogProductsController {
  async index({ bouncer, request, view }: HttpContext) {
    await bouncer.with(CatalogPolicy).authorize('view')
    const query = {
      platform_id: cleanKeyword(request.input('platform_id')),
      cert_kind: cleanKeyword(request.input('cert_kind')),
      medium: cleanKeyword(request.input('medium')),
      status: cleanKeyword(request.input('status')),
      keyword: cleanKeyword(request.input('keyword')),
    }
    const page = Math.max(1, Number(request.input('page')) || 1)
    const products = await listProducts(
      {
        platformId: query.platform_id,
        certKind: query.cert_kind,
        medium: query.medium,
        status: query.status,
        keyword: query.keyword,
      },
      page
    )
    return view.render('admin/catalog/products/index', {
      products,
      query,
      platforms: await platformOptions(),
      labels: { kinds: CERT_KINDS, media: MEDIA, statuses: PRODUCT_STATUSES },
    })
  }

  async show({ bouncer, params, view }: HttpContext) {
    await bouncer.with(CatalogPolicy).authorize('view')
    const product = (await findProduct(params.id)) ?? notFound()
    return view.render('admin/catalog/products/show', {
      product,
      materials: product.materials.map((m) => ({ ...toMaterialView(m), active: m.isActive })),
      labels: {
        kinds: CERT_KINDS,
        media: MEDIA,
        statuses: PRODUCT_STATUSES,
        reviewModes: REVIEW_MODES,
        delivery: DELIVERY_METHODS,
      },
    })
  }

  async create({ bouncer, request, view }: HttpContext) {
    await bouncer.with(CatalogPolicy).authorize('manage')
    return view.render('admin/catalog/products/form', {
      product: null,
      values: {
        platform_id: cleanKeyword(request.input('platform_id')),
        status: 'on_sale',
        review_mode: 'after_payment',
        renewal_window_days: 90,
        enabled_1: true,
        delivery_methods: [],
        sort_order: 0,
      },
      ...(await this.formOptions()),
    })
  }

  async store({ bouncer, request, response, session }: HttpContext) {
    await bouncer.with(CatalogPolicy).authorize('manage')
    const payload = await request.validateUsing(productValidator)
    const product = await createProduct(payload)
    session.flash('success', `已新增证书产品“${product.name}”，请继续配置所需资料`)
    return response.redirect(`/admin/catalog/products/${product.id}`)
  }

  async edit({ bouncer, params, view }: HttpContext) {
    await bouncer.with(CatalogPolicy).authorize('manage')
    const product = (await findProduct(params.id)) ?? notFound()
    const values: Record<string, unknown> = {
      platform_id: product.platformId,
      code: product.code,
      name: product.name,
      cert_kind: product.certKind,
      medium: product.medium,
      ca_label: product.caLabel,
      description: product.description,
      first_ukey_free: product.firstUkeyFree,
      review_mode: product.reviewMode,
      renewal_window_days: product.renewalWindowDays,
      delivery_methods: product.deliveryMethods,
      status: product.status,
      sort_order: product.sortOrder,
    }
    for (const option of product.validityOptions) {
      values[`enabled_${option.years}`] = option.enabled
      values[`price_${option.years}`] = fenToYuanString(option.priceFen)
    }
    return view.render('admin/catalog/products/form', {
      product,
      values,
      ...(await this.formOptions()),
    })
  }

  async update({ bouncer, params, request, response, session }: HttpContext) {
    await bouncer.with(CatalogPolicy).authorize('manage')
    const payload = await request.validateUsing(productValidator)
    const product = await updateProduct(params.id, payload)
    session.flash('success', `已保存证书产品“${product.name}”`)
    return response.redirect(`/admin/catalog/products/${product.id}`)
  }

  async status({ bouncer, params, request, response, session }: HttpContext) {
    await bouncer.with(CatalogPolicy).authorize('manage')
    const { status } = await request.validateUsing(productStatusValidator)
    const product = await setProductStatus(params.id, status)
    session.flash('success', `证书产品“${product.name}”已${PRODUCT_STATUSES[status]}`)
    return response.redirect().back()
  }

  async destroy({ bouncer, params, response, session }: HttpContext) {
    await bouncer.with(CatalogPolicy).authorize('manage')
    const product = await deleteProduct(params.id)
    session.flash('success', `已删除证书产品“${product.name}”`)
    return response.redirect('/admin/catalog/products')
  }

  private async formOptions() {
    return {
      platforms: await platformOptions(),
      years: VALIDITY_YEARS,
      labels: {
        kinds: CERT_KINDS,
        media: MEDIA,
        statuses: PRODUCT_STATUSES,
        reviewModes: REVIEW_MODES,
        delivery: DELIVERY_METHODS,
      },
    }
  }
}
