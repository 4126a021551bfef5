import type { HttpContext } from '@adonisjs/core/http'
import { NotFoundError } from '#core/rule_error'
import { listCas, pkiUrls } from '#issuance/queries/ca'
import { handleOcspHttp } from '#issuance/controllers/ocsp_http'
import { sendPkiFile } from '#issuance/controllers/pki_files'

/**
 * The public PKI endpoints (no login): the CA page, CA certificates,
 * CRLs and the OCSP responder. Files and OCSP are normally answered by
 * the fast-path server middleware before routing; the routes document
 * the endpoints, answer the same way if the middleware is absent, and
 * give the Chinese 404 page for what does not exist.
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
    if (!(await sendPkiFile(ctx, 'ca', ctx.params.file))) {
      throw new NotFoundError('未找到该 CA 证书')
    }
  }

  /**
   * GET /pki/crl/<id|root|issuing>.crl (DER)
   */
  async crl(ctx: HttpContext) {
    if (!(await sendPkiFile(ctx, 'crl', ctx.params.file))) {
      throw new NotFoundError('未找到该 CA 的证书吊销列表')
    }
  }

  /**
   * POST /pki/ocsp and GET /pki/ocsp/<base64>.
   */
  async ocsp(ctx: HttpContext) {
    if (!(await handleOcspHttp(ctx))) throw new NotFoundError('请求的 OCSP 地址无效')
  }
}
