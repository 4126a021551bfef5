import { BackOfficePolicy } from '#core/staff'

/**
 * Orders in the back office: reviewers review, operators make, ship and
 * hand over; every staff member may look an order up.
 */
export default class OrderPolicy extends BackOfficePolicy {
  view(actor: unknown) {
    return this.hasRole(actor, 'reviewer', 'operator', 'finance')
  }

  review(actor: unknown) {
    return this.hasRole(actor, 'reviewer')
  }

  fulfil(actor: unknown) {
    return this.hasRole(actor, 'operator')
  }

  /** retry the issuance of an approved cloud certificate */
  issue(actor: unknown) {
    return this.hasRole(actor, 'reviewer', 'operator')
  }

  viewMaterials(actor: unknown) {
    return this.hasRole(actor, 'reviewer', 'operator')
  }
}
