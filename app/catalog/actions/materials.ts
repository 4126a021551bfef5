import type { MultipartFile } from '@adonisjs/core/bodyparser'
import storage from '#core/storage'
import { inspectUpload } from '#core/uploads'
import { RuleError } from '#core/rule_error'
import Product from '#catalog/models/product'
import ProductMaterial from '#catalog/models/product_material'
import { catalogUsage } from '#catalog/usage'
import { MATERIAL_FILE_TYPES, TEMPLATE_FILE_TYPES, TEMPLATE_MAX_SIZE } from '#catalog/labels'
import { checkAcceptedTypes, checkSizeWindow } from '#catalog/services/product_rules'
import {
  createItem,
  deleteItem,
  throwIfErrors,
  updateItem,
  withStoredFile,
  type ItemKind,
} from './support.js'

/** the material form, as its validator gives it (sizes typed in KB) */
export interface MaterialInput {
  name: string
  description?: string
  acceptedTypes?: string[]
  minSizeKb?: number
  maxSizeKb: number
  isRequired?: boolean
  isActive?: boolean
  removeTemplate?: boolean
  sortOrder?: number
}

/** 启用 is a flag of the form here, not a lifecycle: no action switches it */
const kind: ItemKind<ProductMaterial> = {
  model: ProductMaterial,
  action: 'catalog.material',
  subject: 'product_material',
  fields: [
    'name',
    'description',
    'acceptedTypes',
    'minSize',
    'maxSize',
    'isRequired',
    'isActive',
    'templateName',
    'sortOrder',
  ],
  title: (material) => ({ name: material.name }),
}

/**
 * The form checked against the rules (accepted types, size window) and
 * the template checked by its content and kept on the private disk.
 */
async function values(input: MaterialInput, template: MultipartFile | null | undefined) {
  const types = checkAcceptedTypes(input.acceptedTypes ?? [], MATERIAL_FILE_TYPES)
  const sizes = checkSizeWindow(
    input.minSizeKb === undefined || input.minSizeKb === null ? null : input.minSizeKb * 1024,
    input.maxSizeKb * 1024
  )
  throwIfErrors(types.ok ? null : types.errors, sizes.ok ? null : sizes.errors)
  const stored = await storeTemplate(template)
  return {
    stored,
    values: {
      name: input.name,
      description: input.description ?? null,
      acceptedTypes: types.ok ? types.value : [],
      minSize: sizes.ok ? sizes.value.minSize : null,
      maxSize: sizes.ok ? sizes.value.maxSize : 0,
      isRequired: Boolean(input.isRequired),
      isActive: Boolean(input.isActive),
      sortOrder: input.sortOrder ?? 0,
      ...(stored
        ? {
            templateKey: stored.key,
            templateName: stored.name,
            templateType: stored.type as any,
            templateSize: stored.size,
          }
        : {}),
    },
  }
}

async function storeTemplate(file: MultipartFile | null | undefined) {
  if (!file) return null
  const inspected = await inspectUpload(file, {
    types: TEMPLATE_FILE_TYPES,
    maxSize: TEMPLATE_MAX_SIZE,
  })
  if (!inspected.ok) throw new RuleError(`模板文件：${inspected.message}`, { field: 'template' })
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
  const { stored, values: fill } = await values(input, template)
  return withStoredFile(stored?.key, () =>
    createItem(kind, { ...fill, productId: product.id }, { product: product.name })
  )
}

export async function updateMaterial(
  id: string,
  input: MaterialInput,
  template?: MultipartFile | null
) {
  const material = await ProductMaterial.findOrFail(id)
  const { stored, values: fill } = await values(input, template)
  const oldKey = material.templateKey
  const removed =
    !stored && input.removeTemplate
      ? { templateKey: null, templateName: null, templateType: null, templateSize: null }
      : {}
  await withStoredFile(stored?.key, () => updateItem(kind, material, { ...fill, ...removed }))
  if (oldKey && oldKey !== material.templateKey) await storage.delete(oldKey).catch(() => undefined)
  return material
}

export async function deleteMaterial(id: string) {
  const material = await ProductMaterial.findOrFail(id)
  if ((await catalogUsage.count('material', material.id)) > 0) {
    throw new RuleError('已有订单上传了该资料，不能删除；如不再需要，请改为停用')
  }
  await deleteItem(kind, material, { data: { productId: material.productId } })
  if (material.templateKey) await storage.delete(material.templateKey).catch(() => undefined)
  return material
}
