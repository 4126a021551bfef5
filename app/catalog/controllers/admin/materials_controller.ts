import type { HttpContext } from '@adonisjs/core/http'
import { notFound } from '#catalog/errors'
import CatalogPolicy from '#catalog/policies/catalog_policy'
import { MATERIAL_FILE_TYPES, TEMPLATE_FILE_TYPES } from '#catalog/labels'
import { materialValidator } from '#catalog/validators'
import { createMaterial, deleteMaterial, updateMaterial } from '#catalog/actions/materials'
import { findMaterial, findProduct } from '#catalog/queries/admin'

const formOptions = { fileTypes: MATERIAL_FILE_TYPES, templateTypes: TEMPLATE_FILE_TYPES }

/**
 * 申请资料 of a product (back office, super admin): accepted types, size
 * window, required or not, and a template to download. Its pages are
 * part of the product's page (no list, no status button of their own).
 */
export default class MaterialsController {
  async create({ bouncer, params, view }: HttpContext) {
    await bouncer.with(CatalogPolicy).authorize('manage')
    const product = (await findProduct(params.productId)) ?? notFound()
    return view.render('catalog/admin/materials/form', {
      product,
      material: null,
      values: {
        accepted_types: ['jpg', 'png'],
        max_size_kb: 5120,
        is_required: true,
        is_active: true,
        sort_order: product.materials.length + 1,
      },
      ...formOptions,
    })
  }

  async store({ bouncer, params, request, response, session }: HttpContext) {
    await bouncer.with(CatalogPolicy).authorize('manage')
    const product = (await findProduct(params.productId)) ?? notFound()
    const payload = await request.validateUsing(materialValidator)
    const material = await createMaterial(product.id, payload, request.file('template'))
    session.flash('success', `已新增申请资料“${material.name}”`)
    return response.redirect().toRoute('admin.catalog.products.show', { id: product.id })
  }

  async edit({ bouncer, params, view }: HttpContext) {
    await bouncer.with(CatalogPolicy).authorize('manage')
    const material = (await findMaterial(params.id)) ?? notFound()
    return view.render('catalog/admin/materials/form', {
      product: material.product,
      material,
      values: {
        name: material.name,
        description: material.description,
        accepted_types: material.acceptedTypes,
        min_size_kb: material.minSize ? Math.round(material.minSize / 1024) : '',
        max_size_kb: Math.round(material.maxSize / 1024),
        is_required: material.isRequired,
        is_active: material.isActive,
        sort_order: material.sortOrder,
      },
      ...formOptions,
    })
  }

  async update({ bouncer, params, request, response, session }: HttpContext) {
    await bouncer.with(CatalogPolicy).authorize('manage')
    const payload = await request.validateUsing(materialValidator)
    const material = await updateMaterial(params.id, payload, request.file('template'))
    session.flash('success', `已保存申请资料“${material.name}”`)
    return response.redirect().toRoute('admin.catalog.products.show', { id: material.productId })
  }

  async destroy({ bouncer, params, response, session }: HttpContext) {
    await bouncer.with(CatalogPolicy).authorize('manage')
    const material = await deleteMaterial(params.id)
    session.flash('success', `已删除申请资料“${material.name}”`)
    return response.redirect().toRoute('admin.catalog.products.show', { id: material.productId })
  }
}
