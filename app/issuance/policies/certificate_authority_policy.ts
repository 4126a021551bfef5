import { BackOfficePolicy } from '#core/staff'

/**
 * CA 与 CRL (back office): reviewers see the hierarchy and publish a CRL.
 */
export default class CertificateAuthorityPolicy extends BackOfficePolicy {
  view(actor: unknown) {
    return this.hasRole(actor, 'reviewer')
  }

  publishCrl(actor: unknown) {
    return this.hasRole(actor, 'reviewer')
  }
}
