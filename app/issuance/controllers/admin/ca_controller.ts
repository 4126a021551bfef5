import type { HttpContext } from '@adonisjs/core/http'
import CertificateAuthorityPolicy from '#issuance/policies/certificate_authority_policy'
import { certificateCounts, listCas, pkiUrls } from '#issuance/queries/ca'
import { publishAllCrls } from '#issuance/actions/crl'

/**
 * CA 与 CRL (back office, reviewers): the chain, fingerprints, CRL numbers
 * and next updates, counts of certificates by status; 立即发布 CRL.
 */
export default class CaController {
  async index({ bouncer, view }: HttpContext) {
    await bouncer.with(CertificateAuthorityPolicy).authorize('view')
    return view.render('issuance/admin/ca/index', {
      cas: await listCas(),
      counts: await certificateCounts(),
      urls: pkiUrls(),
    })
  }

  async publishCrl({ bouncer, response, session }: HttpContext) {
    await bouncer.with(CertificateAuthorityPolicy).authorize('publishCrl')
    const crls = await publishAllCrls({ note: '后台手动发布' })
    if (crls.length === 0) session.flash('error', 'CA 尚未初始化，无法发布 CRL')
    else
      session.flash(
        'success',
        `已发布新的 CRL：${crls.map((c) => `第 ${c.crlNumber} 号`).join('、')}`
      )
    return response.redirect().toRoute('admin.ca.index')
  }
}
