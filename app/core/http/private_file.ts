import type { HttpContext } from '@adonisjs/core/http'
import storage from '#core/storage'
import { FILE_TYPES } from '#core/uploads'
import { NotFoundError } from '#core/rule_error'

/**
 * The one responder for private files (materials, ID photos, vouchers,
 * templates, certificates, PDFs): after the caller's own authorisation
 * check, the bytes go out with their real type, a Chinese file name,
 * `nosniff`, no caching anywhere, and a sandbox CSP so that a file
 * opened inline can never run as a page of this site.
 *
 *   return sendPrivateFile(ctx, { key: m.fileKey, type: 'pdf', name: '营业执照.pdf' })
 *   return sendPrivateFile(ctx, { bytes: der, mime: 'application/pkix-cert', name: 'x.cer' })
 */
export type PrivateFileSource =
  { key: string; bytes?: never } | { bytes: Buffer | Uint8Array | string; key?: never }

export type PrivateFile = PrivateFileSource & {
  /** the name the browser saves it as (Chinese allowed) */
  name: string
  /** a type of #core/uploads FILE_TYPES (jpg, png, pdf…) or an explicit MIME type */
  type?: string
  mime?: string
  /** inline for images and PDFs shown on a page; attachment (default) otherwise */
  disposition?: 'inline' | 'attachment'
}

/** types a browser may show inline; everything else downloads */
const INLINE_TYPES = new Set(['jpg', 'png', 'gif', 'bmp', 'pdf'])

export function canShowInline(type: string | undefined) {
  return Boolean(type && INLINE_TYPES.has(type))
}

/**
 * Content-Disposition with a Chinese file name: an ASCII fallback in
 * `filename` and the UTF-8 name in `filename*` (RFC 6266 / RFC 8187).
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

function mimeOf(file: PrivateFile) {
  if (file.mime) return file.mime
  const known = file.type ? FILE_TYPES[file.type as keyof typeof FILE_TYPES] : undefined
  return known?.mime ?? 'application/octet-stream'
}

/**
 * Send the file. A stored key that is gone from the disk is a 404.
 */
export async function sendPrivateFile(
  { response }: Pick<HttpContext, 'response'>,
  file: PrivateFile
) {
  const wantsInline = file.disposition === 'inline' && (canShowInline(file.type) || !!file.mime)
  response.header('Content-Type', mimeOf(file))
  response.header(
    'Content-Disposition',
    contentDisposition(file.name, wantsInline ? 'inline' : 'attachment')
  )
  response.header('X-Content-Type-Options', 'nosniff')
  response.header('Cache-Control', 'private, no-store')
  // a file opened on its own can never act as a page of this site (PDFs keep the
  // site's policy: Chromium does not show a sandboxed PDF)
  if (mimeOf(file) !== 'application/pdf') {
    response.header('Content-Security-Policy', "default-src 'none'; sandbox")
  }
  if (file.key !== undefined) {
    if (!(await storage.exists(file.key))) throw new NotFoundError('文件不存在或已被删除')
    const disk = storage.disk()
    const metadata = await disk.getMetaData(file.key)
    response.header('Content-Length', String(metadata.contentLength))
    return response.stream(await disk.getStream(file.key))
  }
  const body = typeof file.bytes === 'string' ? Buffer.from(file.bytes) : Buffer.from(file.bytes)
  response.header('Content-Length', String(body.length))
  return response.send(body)
}
