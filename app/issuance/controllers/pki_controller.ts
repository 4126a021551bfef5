import type { HttpContext } from '@adonisjs/core/http'
import { caCertificateDer, caCrlDer, listCas, pkiUrls } from '#issuance/queries/ca'
import { handleOcspHttp } from '#issuance/controllers/ocsp_http'

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
   * POST /pki/ocsp and GET /pki/ocsp/<base64>: normally answered by the
   * OCSP fast-path server middleware before routing; the routes document
   * the endpoints and answer the same way if the middleware is absent.
   */
  async ocsp(ctx: HttpContext) {
    if (!(await handleOcspHttp(ctx))) return notFound(ctx, '请求的 OCSP 地址无效')
  }
}

function fileId(file: unknown, ext: string): string | null {
  if (typeof file !== 'string' || !file.endsWith(ext)) return null
  const id = file.slice(0, -ext.length)
  return /^(root|issuing|[0-9a-fA-F-]{36})$/.test(id) ? id : null
}

async function notFound({ response, view, request }: HttpContext, message: string) {
  response.status(404)
  return view.render('errors/error', {
    status: 404,
    title: '页面不存在',
    message,
    ref: request.id(),
  })
}
