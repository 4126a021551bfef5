import type { HttpContext } from '@adonisjs/core/http'
import storage from '#core/storage'
import { FILE_TYPES } from '#core/uploads'

/**
 * Stream a stored order material with its real type, after the caller's
 * authorisation check: images and PDFs inline, the rest as a download.
 * Used by the applicant's order pages and the back office.
 */
export async function sendMaterial(
  response: HttpContext['response'],
  material: { fileKey: string; fileType: string; materialName: string }
) {
  const type = FILE_TYPES[material.fileType as keyof typeof FILE_TYPES]
  const inline = ['jpg', 'png', 'gif', 'bmp', 'pdf'].includes(material.fileType)
  const name = `${material.materialName}.${type?.ext ?? material.fileType}`
  response.header('Content-Type', type?.mime ?? 'application/octet-stream')
  response.header(
    'Content-Disposition',
    `${inline ? 'inline' : 'attachment'}; filename="material.${type?.ext ?? 'bin'}"; filename*=UTF-8''${encodeURIComponent(name)}`
  )
  response.header('Cache-Control', 'private, no-store')
  response.header('X-Content-Type-Options', 'nosniff')
  return response.send(await storage.get(material.fileKey))
}
