import type { HttpContext } from '@adonisjs/core/http'
import CatalogPolicy from '#catalog/policies/catalog_policy'
import { notFound } from '#catalog/errors'
import { activeStatusValidator, pickupPointValidator } from '#catalog/validators'
import {
  createPickupPoint,
  deletePickupPoint,
  setPickupPointStatus,
  updatePickupPoint,
} from '#catalog/actions/locations'
import { findPickupPoint, listPickupPoints, regionOptions } from '#catalog/queries/admin'

/**
 * 取证地址 (back office, super admin).
 */
export default class CatalogPickupPointsController {
  async index({ bouncer, view }: HttpContext) {
    await bouncer.with(CatalogPolicy).authorize('view')
    return view.render('admin/catalog/pickup_points/index', { points: await listPickupPoints() })
  }

  async create({ bouncer, view }: HttpContext) {
    await bouncer.with(CatalogPolicy).authorize('manage')
    return view.render('admin/catalog/pickup_points/form', {
      point: null,
      regions: await regionOptions(),
    })
  }

  async store({ bouncer, request, response, session }: HttpContext) {
    await bouncer.with(CatalogPolicy).authorize('manage')
    const payload = await request.validateUsing(pickupPointValidator)
    const point = await createPickupPoint(payload)
    session.flash('success', `已新增取证地址“${point.name}”`)
    return response.redirect('/admin/catalog/pickup-points')
  }

  async edit({ bouncer, params, view }: HttpContext) {
    await bouncer.with(CatalogPolicy).authorize('manage')
    const point = (await findPickupPoint(params.id)) ?? notFound()
    return view.render('admin/catalog/pickup_points/form', {
      point,
      regions: await regionOptions(),
    })
  }

  async update({ bouncer, params, request, response, session }: HttpContext) {
    await bouncer.with(CatalogPolicy).authorize('manage')
    const payload = await request.validateUsing(pickupPointValidator)
    const point = await updatePickupPoint(params.id, payload)
    session.flash('success', `已保存取证地址“${point.name}”`)
    return response.redirect('/admin/catalog/pickup-points')
  }

  async status({ bouncer, params, request, response, session }: HttpContext) {
    await bouncer.with(CatalogPolicy).authorize('manage')
    const { status } = await request.validateUsing(activeStatusValidator)
    const point = await setPickupPointStatus(params.id, status)
    session.flash('success', `取证地址“${point.name}”已${status === 'active' ? '启用' : '停用'}`)
    return response.redirect('/admin/catalog/pickup-points')
  }

  async destroy({ bouncer, params, response, session }: HttpContext) {
    await bouncer.with(CatalogPolicy).authorize('manage')
    const point = await deletePickupPoint(params.id)
    session.flash('success', `已删除取证地址“${point.name}”`)
    return response.redirect('/admin/catalog/pickup-points')
  }
}
