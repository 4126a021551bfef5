import type { HttpContext } from '@adonisjs/core/http'
import CatalogPolicy from '#catalog/policies/catalog_policy'
import { notFound } from '#catalog/errors'
import { activeStatusValidator, regionValidator } from '#catalog/validators'
import { createRegion, deleteRegion, setRegionStatus, updateRegion } from '#catalog/actions/regions'
import { findRegion, listRegions } from '#catalog/queries/admin'

/**
 * 服务区域 (back office, super admin).
 */
export default class CatalogRegionsController {
  async index({ bouncer, view }: HttpContext) {
    await bouncer.with(CatalogPolicy).authorize('view')
    return view.render('admin/catalog/regions/index', { regions: await listRegions() })
  }

  async create({ bouncer, view }: HttpContext) {
    await bouncer.with(CatalogPolicy).authorize('manage')
    return view.render('admin/catalog/regions/form', { region: null })
  }

  async store({ bouncer, request, response, session }: HttpContext) {
    await bouncer.with(CatalogPolicy).authorize('manage')
    const payload = await request.validateUsing(regionValidator)
    const region = await createRegion(payload)
    session.flash('success', `已新增服务区域“${region.name}”`)
    return response.redirect('/admin/catalog/regions')
  }

  async edit({ bouncer, params, view }: HttpContext) {
    await bouncer.with(CatalogPolicy).authorize('manage')
    const region = (await findRegion(params.id)) ?? notFound()
    return view.render('admin/catalog/regions/form', { region })
  }

  async update({ bouncer, params, request, response, session }: HttpContext) {
    await bouncer.with(CatalogPolicy).authorize('manage')
    const payload = await request.validateUsing(regionValidator)
    const region = await updateRegion(params.id, payload)
    session.flash('success', `已保存服务区域“${region.name}”`)
    return response.redirect('/admin/catalog/regions')
  }

  async status({ bouncer, params, request, response, session }: HttpContext) {
    await bouncer.with(CatalogPolicy).authorize('manage')
    const { status } = await request.validateUsing(activeStatusValidator)
    const region = await setRegionStatus(params.id, status)
    session.flash('success', `服务区域“${region.name}”已${status === 'active' ? '启用' : '停用'}`)
    return response.redirect('/admin/catalog/regions')
  }

  async destroy({ bouncer, params, response, session }: HttpContext) {
    await bouncer.with(CatalogPolicy).authorize('manage')
    const region = await deleteRegion(params.id)
    session.flash('success', `已删除服务区域“${region.name}”`)
    return response.redirect('/admin/catalog/regions')
  }
}
