import type { HttpContext } from '@adonisjs/core/http'
import storage from '#core/storage'
import { notFound } from '#catalog/errors'
import { FILE_TYPES, type FileType } from '#core/uploads'

/**
 * Content-Disposition with a Chinese file name: an ASCII fallback in
 * `filename` and the UTF-8 name in `filename*` (RFC 5987 / RFC 6266).
 */
export function contentDisposition(
  fileName: string,
  disposition: 'attachment' | 'inline' = 'attachment'
) {
  const dot = fileName.lastIndexOf('.')
  const ext = dot > 0 ? fileName.slice(dot) : ''
  const base = dot > 0 ? fileName.slice(0, dot) : fileName
  let fallback = base
    .replace(/[^\x20-\x7e]/g, '')
    .replace(/["\\;]/g, '')
    .trim()
  if (!fallback) fallback = 'download'
  fallback = `${fallback}${ext.replace(/[^\x20-\x7e]/g, '')}`
  const encoded = encodeURIComponent(fileName).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`
  )
  return `${disposition}; filename="${fallback}"; filename*=UTF-8''${encoded}`
}

/**
 * Stream a file from the private disk with its content type and name.
 * Answers 404 when the file is gone from the disk.
 */
export async function sendPrivateFile(
  { response }: HttpContext,
  file: { key: string; name: string; type: FileType },
  disposition: 'attachment' | 'inline' = 'attachment'
) {
  if (!(await storage.exists(file.key))) notFound()
  const disk = storage.disk()
  const metadata = await disk.getMetaData(file.key)
  response.header('Content-Type', FILE_TYPES[file.type]?.mime ?? 'application/octet-stream')
  response.header('Content-Length', String(metadata.contentLength))
  response.header('Content-Disposition', contentDisposition(file.name, disposition))
  response.header('X-Content-Type-Options', 'nosniff')
  return response.stream(await disk.getStream(file.key))
}
