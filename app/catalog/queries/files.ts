import { isUuid } from '#core/ids'
import type { FileType } from '#core/uploads'
import ProductMaterial from '#catalog/models/product_material'

export interface PrivateFile {
  key: string
  name: string
  type: FileType
}

/**
 * A material's template (a blank form), for the public template route.
 */
export async function materialTemplateFile(materialId: string): Promise<PrivateFile | null> {
  if (!isUuid(materialId)) return null
  const material = await ProductMaterial.find(materialId)
  if (!material?.templateKey || !material.templateName || !material.templateType) return null
  return { key: material.templateKey, name: material.templateName, type: material.templateType }
}
