import type { HttpContext } from '@adonisjs/core/http'
import { caCertificateDer, caCrlDer, listCas, pkiUrls } from '#issuance/queries/ca'
import { answerOcsp } from '#issuance/actions/ocsp'

const MAX_OCSP_REQUEST = 16 * 1024

/**
 * The public PKI endpoints (no login): the CA page, CA certificates,
 * CRLs and the OCSP responder.
 */
export default class PkiController {
  /**
   * GET /pki: the CAs with their download links.
   */
  async index({ view }: HttpContext) {
    const cas = await listCas()
    return view.render('issuance/pki', { cas, urls: pkiUrls() })
  }

  /**
   * GET /pki/ca/<id|root|issuing>.crt (DER)
   */
  async certificate(ctx: HttpContext) {
    const id = fileId(ctx.params.file, '.crt')
    const found = id ? await caCertificateDer(id) : null
    if (!found) return notFound(ctx, '未找到该 CA 证书')
    ctx.response.header('Content-Type', 'application/pkix-cert')
    ctx.response.header('Content-Disposition', `attachment; filename="${found.id}.crt"`)
    ctx.response.header('Cache-Control', 'public, max-age=86400')
    return ctx.response.send(found.der)
  }

  /**
   * GET /pki/crl/<id|root|issuing>.crl (DER)
   */
  async crl(ctx: HttpContext) {
    const id = fileId(ctx.params.file, '.crl')
    const crl = id ? await caCrlDer(id) : null
    if (!crl) return notFound(ctx, '未找到该 CA 的证书吊销列表')
    ctx.response.header('Content-Type', 'application/pkix-crl')
    ctx.response.header('Content-Disposition', `attachment; filename="${crl.caId}.crl"`)
    // a revocation publishes a new CRL at once: clients must revalidate
    ctx.response.header('Cache-Control', 'public, no-cache')
    ctx.response.header('Last-Modified', crl.thisUpdate.toUTCString())
    return ctx.response.send(crl.der)
  }

  /**
   * POST /pki/ocsp with an application/ocsp-request body (DER).
   */
  async ocspPost({ request, response }: HttpContext) {
    const body = await readBody(request.request, MAX_OCSP_REQUEST)
    const contentType = (request.header('content-type') ?? '').split(';')[0].trim().toLowerCase()
    const der = await answerOcsp(contentType === 'application/ocsp-request' ? body : null)
    return sendOcsp(response, der)
  }

  /**
   * GET /pki/ocsp/<base64 of the DER request, URL-encoded> (RFC 6960 A.1)
   */
  async ocspGet({ request, response }: HttpContext) {
    const path = request.url()
    const encoded = path.slice(path.indexOf('/pki/ocsp/') + '/pki/ocsp/'.length)
    let body: Buffer | null = null
    try {
      const b64 = decodeURIComponent(encoded).replace(/-/g, '+').replace(/_/g, '/')
      if (/^[A-Za-z0-9+/]+={0,2}$/.test(b64)) body = Buffer.from(b64, 'base64')
    } catch {
      body = null
    }
    return sendOcsp(response, await answerOcsp(body))
  }
}

function sendOcsp(response: HttpContext['response'], der: Buffer) {
  response.header('Content-Type', 'application/ocsp-response')
  response.header('Cache-Control', 'no-store')
  return response.send(der)
}

function fileId(file: unknown, ext: string): string | null {
  if (typeof file !== 'string' || !file.endsWith(ext)) return null
  const id = file.slice(0, -ext.length)
  return /^(root|issuing|[0-9a-fA-F-]{36})$/.test(id) ? id : null
}

async function notFound({ response, view, request }: HttpContext, message: string) {
  response.status(404)
  return view.render('errors/error', { status: 404, title: '页面不存在', message, ref: request.id() })
}

/**
 * The request body as bytes (the bodyparser leaves OCSP bodies alone);
 * null when larger than `limit`.
 */
function readBody(stream: NodeJS.ReadableStream, limit: number): Promise<Buffer | null> {
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
