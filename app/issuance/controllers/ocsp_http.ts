import { createHash } from 'node:crypto'
import type { IncomingMessage, ServerResponse } from 'node:http'
import type { HttpContext } from '@adonisjs/core/http'
import { answerOcsp } from '#issuance/actions/ocsp'
import { errorResponse, type OcspAnswer } from '#issuance/services/ocsp'

const MAX_OCSP_REQUEST = 16 * 1024

/**
 * The HTTP side of OCSP (RFC 6960 appendix A): POST /pki/ocsp with an
 * application/ocsp-request body, or GET /pki/ocsp/<base64 request>.
 * Returns false when the request is not an OCSP request at all (then the
 * router answers it: 404, 405…).
 *
 * A successful GET answer without a nonce may be cached by HTTP caches
 * (RFC 5019 §6.2): Cache-Control max-age (up to the response's
 * nextUpdate), public, no-transform, must-revalidate; Expires (nextUpdate),
 * Last-Modified (thisUpdate) and an ETag (SHA-1 of the response, which
 * also answers If-None-Match with 304). Everything else is no-store.
 */
export async function handleOcspHttp({ request, response }: HttpContext): Promise<boolean> {
  const method = request.method()
  const path = rawPath(request.request.url ?? request.url())
  let answer: OcspAnswer
  if (method === 'POST' && (path === '/pki/ocsp' || path === '/pki/ocsp/')) {
    const contentType = (request.header('content-type') ?? '').split(';')[0].trim().toLowerCase()
    const body = await readBody(request.request, MAX_OCSP_REQUEST)
    answer = await answerOcsp(contentType === 'application/ocsp-request' ? body : null)
  } else if (
    method === 'GET' &&
    path.startsWith('/pki/ocsp/') &&
    path.length > '/pki/ocsp/'.length
  ) {
    answer = await answerOcsp(decodeGetRequest(path.slice('/pki/ocsp/'.length)))
    if (answer.status === 'successful' && !answer.nonce && answer.thisUpdate && answer.nextUpdate) {
      const etag = `"${createHash('sha1').update(answer.der).digest('hex')}"`
      const maxAge = Math.max(0, Math.floor((answer.nextUpdate.getTime() - Date.now()) / 1000))
      response.header('Content-Type', 'application/ocsp-response')
      response.header('Cache-Control', `max-age=${maxAge}, public, no-transform, must-revalidate`)
      response.header('Expires', answer.nextUpdate.toUTCString())
      response.header('Last-Modified', answer.thisUpdate.toUTCString())
      response.header('ETag', etag)
      const ifNoneMatch = request.header('if-none-match')
      if (ifNoneMatch && ifNoneMatch.split(',').some((tag) => tag.trim() === etag)) {
        response.status(304)
        response.send('')
        return true
      }
      response.send(answer.der)
      return true
    }
  } else {
    return false
  }
  response.header('Content-Type', 'application/ocsp-response')
  response.header('Cache-Control', 'no-store')
  response.send(answer.der)
  return true
}

/**
 * The path as the client sent it, without the query string (no decoding:
 * a malformed %-escape is the OCSP request's problem, answered as
 * malformedRequest, not the HTTP server's 400).
 */
function rawPath(url: string): string {
  const q = url.indexOf('?')
  return q === -1 ? url : url.slice(0, q)
}

function decodeGetRequest(encoded: string): Buffer | null {
  try {
    const b64 = decodeURIComponent(encoded).replace(/-/g, '+').replace(/_/g, '/')
    return /^[A-Za-z0-9+/]+={0,2}$/.test(b64) ? Buffer.from(b64, 'base64') : null
  } catch {
    return null
  }
}

/**
 * The request body as bytes (the bodyparser leaves OCSP bodies alone);
 * null when larger than `limit`.
 */
function readBody(stream: NodeJS.ReadableStream, limit: number): Promise<Buffer | null> {
  if ((stream as any).readableEnded) return Promise.resolve(null)
  return new Promise((resolve) => {
    const chunks: Buffer[] = []
    let size = 0
    let done = false
    const finish = (value: Buffer | null) => {
      if (done) return
      done = true
      resolve(value)
    }
    stream.on('data', (chunk: Buffer) => {
      size += chunk.length
      if (size > limit) {
        finish(null)
        return
      }
      chunks.push(chunk)
    })
    stream.on('end', () => finish(Buffer.concat(chunks)))
    stream.on('error', () => finish(null))
  })
}

/**
 * For the HTTP server's `onBadUrl` hook (config/app.ts, `http.onBadUrl`):
 * a GET /pki/ocsp/<…> whose path is not even valid percent-encoding
 * (e.g. %ZZ) never reaches the middleware; an OCSP client should still
 * get an OCSP answer (malformedRequest), not a plain-text 400. Returns
 * false for any other URL (the caller answers 400 as before).
 */
export function answerBadOcspUrl(req: IncomingMessage, res: ServerResponse): boolean {
  if (req.method !== 'GET' || !req.url?.startsWith('/pki/ocsp/')) return false
  res.writeHead(200, {
    'Content-Type': 'application/ocsp-response',
    'Cache-Control': 'no-store',
  })
  res.end(errorResponse('malformedRequest'))
  return true
}
