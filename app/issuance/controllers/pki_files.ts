import type { HttpContext } from '@adonisjs/core/http'
import { contentDisposition } from '#core/http/private_file'
import { caCertificateDer, caCrlDer } from '#issuance/queries/ca'

/**
 * The public files of the PKI: CA certificates (/pki/ca/<id|root|issuing>.crt)
 * and CRLs (/pki/crl/<id|root|issuing>.crl), in DER. Not private files:
 * every relying party fetches them (their URLs are written into every
 * certificate) and shared caches may keep them. So they are answered by
 * the fast-path server middleware (middleware/ocsp_fast_path_middleware.ts)
 * before the router's stack: no session cookie may ride on a response a
 * cache hands to others. Returns false when there is no such file (the
 * router then answers with its Chinese 404 page).
 */
export type PkiFileKind = 'ca' | 'crl'

const EXTENSIONS: Record<PkiFileKind, string> = { ca: '.crt', crl: '.crl' }

/** the kind and file name of a /pki/ca/… or /pki/crl/… path (raw, not decoded) */
export function pkiFileOf(path: string): { kind: PkiFileKind; file: string } | null {
  const match = /^\/pki\/(ca|crl)\/([^/]+)$/.exec(path)
  return match ? { kind: match[1] as PkiFileKind, file: match[2] } : null
}

function fileId(file: unknown, ext: string): string | null {
  if (typeof file !== 'string' || !file.endsWith(ext)) return null
  const id = file.slice(0, -ext.length)
  return /^(root|issuing|[0-9a-fA-F-]{36})$/.test(id) ? id : null
}

export async function sendPkiFile(
  { response }: Pick<HttpContext, 'response'>,
  kind: PkiFileKind,
  file: unknown
): Promise<boolean> {
  const id = fileId(file, EXTENSIONS[kind])
  if (!id) return false
  if (kind === 'ca') {
    const found = await caCertificateDer(id)
    if (!found) return false
    headers(response, 'application/pkix-cert', `${found.id}.crt`)
    response.header('Cache-Control', 'public, max-age=86400')
    response.send(found.der)
    return true
  }
  const crl = await caCrlDer(id)
  if (!crl) return false
  headers(response, 'application/pkix-crl', `${crl.caId}.crl`)
  // a revocation publishes a new CRL at once: clients must revalidate
  response.header('Cache-Control', 'public, no-cache')
  response.header('Last-Modified', crl.thisUpdate.toUTCString())
  response.send(crl.der)
  return true
}

/**
 * A public file's headers: its type, an attachment with its name, no
 * sniffing, and a sandbox policy (it is never a page of this site).
 */
function headers(response: HttpContext['response'], mime: string, name: string) {
  response.header('Content-Type', mime)
  response.header('Content-Disposition', contentDisposition(name))
  response.header('X-Content-Type-Options', 'nosniff')
  response.header('Content-Security-Policy', "default-src 'none'; sandbox")
}
