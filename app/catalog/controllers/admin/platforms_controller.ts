import type { HttpContext } from '@adonisjs/core/http'
import CatalogPolicy from '#catalog/policies/catalog_policy'
import { notFound } from '#catalog/errors'
import { ACTIVE_STATUSES } from '#catalog/labels'
import { activeStatusValidator, platformValidator } from '#catalog/validators'
import {
  createPlatform,
  deletePlatform,
  setPlatformStatus,
  updatePlatform,
} from '#catalog/actions/platforms'
import { findPlatform, listPlatforms, regionOptions } from '#catalog/queries/admin'
import { cleanKeyword } from '#catalog/queries/content'

/**
 * 交易平台 (back office, super admin).
 */
export default class CatalogPlatformsController {
  async index({ bouncer, request, view }: HttpContext) {
    await bouncer.with(CatalogPolicy).authorize('view')
    const query = {
      region_id: cleanKeyword(request.input('region_id')),
      status: cleanKeyword(request.input('status')),
      keyword: cleanKeyword(request.input('keyword')),
    }
    const platforms = await listPlatforms({
      regionId: query.region_id,
      status: query.status,
      keyword: query.keyword,
    })
    return view.render('admin/catalog/platforms/index', {
      platforms,
      query,
      regions: await regionOptions(),
      statuses: ACTIVE_STATUSES,
    })
  }

  async create({ bouncer, view }: HttpContext) {
    await bouncer.with(CatalogPolicy).authorize('manage')
    return view.render('admin/catalog/platforms/form', {
      platform: null,
      regions: await regionOptions(),
    })
  }

  async store({ bouncer, request, response, session }: HttpContext) {
    await bouncer.with(CatalogPolicy).authorize('manage')
    const payload = await request.validateUsing(platformValidator)
    const platform = await createPlatform(payload)
    session.flash('success', `已新增交易平台“${platform.name}”`)
    return response.redirect('/admin/catalog/platforms')
  }

  async edit({ bouncer, params, view }: HttpContext) {
    await bouncer.with(CatalogPolicy).authorize('manage')
    const platform = (await findPlatform(params.id)) ?? notFound()
    return view.render('admin/catalog/platforms/form', { platform, regions: await regionOptions() })
  }

  async update({ bouncer, params, request, response, session }: HttpContext) {
    await bouncer.with(CatalogPolicy).authorize('manage')
    const payload = await request.validateUsing(platformValidator)
    const platform = await updatePlatform(params.id, payload)
    session.flash('success', `已保存交易平台“${platform.name}”`)
    return response.redirect('/admin/catalog/platforms')
  }

  async status({ bouncer, params, request, response, session }: HttpContext) {
    await bouncer.with(CatalogPolicy).authorize('manage')
    const { status } = await request.validateUsing(activeStatusValidator)
    const platform = await setPlatformStatus(params.id, status)
    session.flash('success', `交易平台“${platform.name}”已${status === 'active' ? '启用' : '停用'}`)
    return response.redirect('/admin/catalog/platforms')
  }

  async destroy({ bouncer, params, response, session }: HttpContext) {
    await bouncer.with(CatalogPolicy).authorize('manage')
    const platform = await deletePlatform(params.id)
    session.flash('success', `已删除交易平台“${platform.name}”`)
    return response.redirect('/admin/catalog/platforms')
  }
}
