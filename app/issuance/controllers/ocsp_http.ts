import type { HttpContext } from '@adonisjs/core/http'
import { answerOcsp } from '#issuance/actions/ocsp'

const MAX_OCSP_REQUEST = 16 * 1024

/**
 * The HTTP side of OCSP (RFC 6960 appendix A): POST /pki/ocsp with an
 * application/ocsp-request body, or GET /pki/ocsp/<base64 request>.
 * Returns false when the request is not an OCSP request at all (then the
 * router answers it: 404, 405…).
 */
export async function handleOcspHttp({ request, response }: HttpContext): Promise<boolean> {
  const method = request.method()
  const path = request.url()
  let der: Buffer
  if (method === 'POST' && (path === '/pki/ocsp' || path === '/pki/ocsp/')) {
    const contentType = (request.header('content-type') ?? '').split(';')[0].trim().toLowerCase()
    const body = await readBody(request.request, MAX_OCSP_REQUEST)
    der = await answerOcsp(contentType === 'application/ocsp-request' ? body : null)
  } else if (
    method === 'GET' &&
    path.startsWith('/pki/ocsp/') &&
    path.length > '/pki/ocsp/'.length
  ) {
    der = await answerOcsp(decodeGetRequest(path.slice('/pki/ocsp/'.length)))
  } else {
    return false
  }
  response.header('Content-Type', 'application/ocsp-response')
  response.header('Cache-Control', 'no-store')
  response.send(der)
  return true
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
