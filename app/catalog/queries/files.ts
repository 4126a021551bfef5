import { isUuid } from '#core/ids'
import type { FileType } from '#core/uploads'
import ProductMaterial from '#catalog/models/product_material'
import Download from '#catalog/models/download'

/**
 * The catalog's private files as `sendPrivateFile` (#core/http/private_file)
 * takes them: storage key, the name the browser saves, the type.
 */
export interface CatalogFile {
  key: string
  name: string
  type: FileType
}

/**
 * A material's template (a blank form), for the public template route.
 */
export async function materialTemplateFile(materialId: string): Promise<CatalogFile | null> {
  if (!isUuid(materialId)) return null
  const material = await ProductMaterial.find(materialId)
  if (!material?.templateKey || !material.templateName || !material.templateType) return null
  return { key: material.templateKey, name: material.templateName, type: material.templateType }
}

/**
 * The file of a download, published or not (staff check drafts).
 */
export async function downloadFile(downloadId: string): Promise<CatalogFile | null> {
  if (!isUuid(downloadId)) return null
  const download = await Download.find(downloadId)
  return download ? fileOf(download) : null
}

export function fileOf(download: Download): CatalogFile {
  return { key: download.fileKey, name: download.fileName, type: download.fileType }
}
