import { BackOfficePolicy } from '#core/staff'

/**
 * 证书查询 (back office): reviewers and operators look certificates up;
 * only reviewers revoke, suspend (冻结) and resume them.
 */
export default class IssuedCertificatePolicy extends BackOfficePolicy {
  view(actor: unknown) {
    return this.hasRole(actor, 'reviewer', 'operator')
  }

  changeStatus(actor: unknown) {
    return this.hasRole(actor, 'reviewer')
  }
}
