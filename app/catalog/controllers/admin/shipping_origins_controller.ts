import type { HttpContext } from '@adonisjs/core/http'
import CatalogPolicy from '#catalog/policies/catalog_policy'
import { notFound } from '#catalog/errors'
import { activeStatusValidator, shippingOriginValidator } from '#catalog/validators'
import {
  createShippingOrigin,
  deleteShippingOrigin,
  setShippingOriginStatus,
  updateShippingOrigin,
} from '#catalog/actions/locations'
import { findShippingOrigin, listShippingOrigins, regionOptions } from '#catalog/queries/admin'

/**
 * 发货地址 (back office, super admin).
 */
export default class CatalogShippingOriginsController {
  async index({ bouncer, view }: HttpContext) {
    await bouncer.with(CatalogPolicy).authorize('view')
    return view.render('admin/catalog/shipping_origins/index', {
      origins: await listShippingOrigins(),
    })
  }

  async create({ bouncer, view }: HttpContext) {
    await bouncer.with(CatalogPolicy).authorize('manage')
    return view.render('admin/catalog/shipping_origins/form', {
      origin: null,
      regions: await regionOptions(),
    })
  }

  async store({ bouncer, request, response, session }: HttpContext) {
    await bouncer.with(CatalogPolicy).authorize('manage')
    const payload = await request.validateUsing(shippingOriginValidator)
    const origin = await createShippingOrigin(payload)
    session.flash('success', `已新增发货地址“${origin.name}”`)
    return response.redirect('/admin/catalog/shipping-origins')
  }

  async edit({ bouncer, params, view }: HttpContext) {
    await bouncer.with(CatalogPolicy).authorize('manage')
    const origin = (await findShippingOrigin(params.id)) ?? notFound()
    return view.render('admin/catalog/shipping_origins/form', {
      origin,
      regions: await regionOptions(),
    })
  }

  async update({ bouncer, params, request, response, session }: HttpContext) {
    await bouncer.with(CatalogPolicy).authorize('manage')
    const payload = await request.validateUsing(shippingOriginValidator)
    const origin = await updateShippingOrigin(params.id, payload)
    session.flash('success', `已保存发货地址“${origin.name}”`)
    return response.redirect('/admin/catalog/shipping-origins')
  }

  async status({ bouncer, params, request, response, session }: HttpContext) {
    await bouncer.with(CatalogPolicy).authorize('manage')
    const { status } = await request.validateUsing(activeStatusValidator)
    const origin = await setShippingOriginStatus(params.id, status)
    session.flash('success', `发货地址“${origin.name}”已${status === 'active' ? '启用' : '停用'}`)
    return response.redirect('/admin/catalog/shipping-origins')
  }

  async destroy({ bouncer, params, response, session }: HttpContext) {
    await bouncer.with(CatalogPolicy).authorize('manage')
    const origin = await deleteShippingOrigin(params.id)
    session.flash('success', `已删除发货地址“${origin.name}”`)
    return response.redirect('/admin/catalog/shipping-origins')
  }
}
