import db from '@adonisjs/lucid/services/db'
import type { MultipartFile } from '@adonisjs/core/bodyparser'
import audit from '#core/audit/audit_service'
import storage from '#core/storage'
import { inspectUpload } from '#core/uploads'
import Product from '#catalog/models/product'
import ProductMaterial from '#catalog/models/product_material'
import { CatalogRuleError } from '#catalog/errors'
import { catalogUsage } from '#catalog/usage'
import { MATERIAL_FILE_TYPES, TEMPLATE_FILE_TYPES, TEMPLATE_MAX_SIZE } from '#catalog/labels'
import { checkAcceptedTypes, checkSizeWindow } from '#catalog/services/product_rules'
import { changes, snapshot, throwIfErrors } from './support.js'

export interface MaterialInput {
  name: string
  description?: string
  accepted_types?: string[]
  min_size_kb?: number
  max_size_kb: number
  is_required?: boolean
  is_active?: boolean
  remove_template?: boolean
  sort_order?: number
}

const FIELDS = [
  'name',
  'description',
  'acceptedTypes',
  'minSize',
  'maxSize',
  'isRequired',
  'isActive',
  'templateName',
  'sortOrder',
]

interface StoredTemplate {
  key: string
  name: string
  type: string
  size: number
}

function values(input: MaterialInput) {
  const types = checkAcceptedTypes(input.accepted_types ?? [], MATERIAL_FILE_TYPES)
  const sizes = checkSizeWindow(
    input.min_size_kb === undefined || input.min_size_kb === null ? null : input.min_size_kb * 1024,
    input.max_size_kb * 1024
  )
  return { types, sizes }
}

/**
 * Check the template (a form applicants download and fill in) by its
 * content and keep it on the private disk.
 */
async function storeTemplate(
  file: MultipartFile | null | undefined,
  errors: Record<string, string>
): Promise<StoredTemplate | null> {
  if (!file) return null
  const inspected = await inspectUpload(file, {
    types: TEMPLATE_FILE_TYPES,
    maxSize: TEMPLATE_MAX_SIZE,
  })
  if (!inspected.ok) {
    errors.template = `模板文件：${inspected.message}`
    return null
  }
  const key = storage.makeKey('catalog/templates', inspected.type)
  await storage.put(key, inspected.buffer)
  const base = inspected.clientName.replace(/\.[^.]*$/, '').trim() || '模板'
  return { key, name: `${base}.${inspected.type}`, type: inspected.type, size: inspected.size }
}

/**
 * 申请资料 of a product: what applicants upload, with an optional template.
 */
export async function createMaterial(
  productId: string,
  input: MaterialInput,
  template?: MultipartFile | null
) {
  const product = await Product.findOrFail(productId)
  const { types, sizes } = values(input)
  const errors: Record<string, string> = {}
  throwIfErrors(types.ok ? null : types.errors, sizes.ok ? null : sizes.errors)
  const stored = await storeTemplate(template, errors)
  throwIfErrors(errors)
  try {
    return await db.transaction(async (trx) => {
      const material = new ProductMaterial()
      material.fill({
        productId: product.id,
        name: input.name,
        description: input.description ?? null,
        acceptedTypes: types.ok ? types.value : [],
        minSize: sizes.ok ? sizes.value.minSize : null,
        maxSize: sizes.ok ? sizes.value.maxSize : 0,
        isRequired: Boolean(input.is_required),
        isActive: Boolean(input.is_active),
        templateKey: stored?.key ?? null,
        templateName: stored?.name ?? null,
        templateType: (stored?.type as any) ?? null,
        templateSize: stored?.size ?? null,
        sortOrder: input.sort_order ?? 0,
      })
      material.useTransaction(trx)
      await material.save()
      await audit.record(
        {
          action: 'catalog.material.create',
          subjectType: 'product_material',
          subjectId: material.id,
          data: { product: product.name, ...snapshot(material, FIELDS) },
        },
        trx
      )
      return material
    })
  } catch (error) {
    if (stored) await storage.delete(stored.key).catch(() => undefined)
    throw error
  }
}

export async function updateMaterial(
  id: string,
  input: MaterialInput,
  template?: MultipartFile | null
) {
  const material = await ProductMaterial.findOrFail(id)
  const { types, sizes } = values(input)
  const errors: Record<string, string> = {}
  throwIfErrors(types.ok ? null : types.errors, sizes.ok ? null : sizes.errors)
  const stored = await storeTemplate(template, errors)
  throwIfErrors(errors)
  const oldKey = material.templateKey
  const dropOld = Boolean(stored) || Boolean(input.remove_template)
  try {
    await db.transaction(async (trx) => {
      const before = snapshot(material, FIELDS)
      material.merge({
        name: input.name,
        description: input.description ?? null,
        acceptedTypes: types.ok ? types.value : [],
        minSize: sizes.ok ? sizes.value.minSize : null,
        maxSize: sizes.ok ? sizes.value.maxSize : 0,
        isRequired: Boolean(input.is_required),
        isActive: Boolean(input.is_active),
        sortOrder: input.sort_order ?? 0,
      })
      if (stored) {
        material.merge({
          templateKey: stored.key,
          templateName: stored.name,
          templateType: stored.type as any,
          templateSize: stored.size,
        })
      } else if (input.remove_template) {
        material.merge({
          templateKey: null,
          templateName: null,
          templateType: null,
          templateSize: null,
        })
      }
      material.useTransaction(trx)
      await material.save()
      await audit.record(
        {
          action: 'catalog.material.update',
          subjectType: 'product_material',
          subjectId: material.id,
          data: { name: material.name, changes: changes(before, snapshot(material, FIELDS)) },
        },
        trx
      )
    })
  } catch (error) {
    if (stored) await storage.delete(stored.key).catch(() => undefined)
    throw error
  }
  if (dropOld && oldKey && oldKey !== material.templateKey)
    await storage.delete(oldKey).catch(() => undefined)
  return material
}

export async function deleteMaterial(id: string) {
  const material = await ProductMaterial.findOrFail(id)
  if ((await catalogUsage.count('material', material.id)) > 0) {
    throw new CatalogRuleError('已有订单上传了该资料，不能删除；如不再需要，请改为停用')
  }
  await db.transaction(async (trx) => {
    material.useTransaction(trx)
    await material.delete()
    await audit.record(
      {
        action: 'catalog.material.delete',
        subjectType: 'product_material',
        subjectId: material.id,
        data: { productId: material.productId, ...snapshot(material, FIELDS) },
      },
      trx
    )
  })
  if (material.templateKey) await storage.delete(material.templateKey).catch(() => undefined)
  return material
}
