import { BasePolicy } from '@adonisjs/bouncer'
import { staffHasRole } from '#core/staff'

/**
 * Back office, 发票管理 and 邮件发件箱: finance staff and super admins.
 * Reviewers and operators see none of it. Applicants reach only their own
 * invoices (the queries filter by owner, 404 otherwise).
 */
export default class InvoicePolicy extends BasePolicy {
  view(actor: unknown) {
    return staffHasRole(actor, 'finance')
  }

  decide(actor: unknown) {
    return staffHasRole(actor, 'finance')
  }
}
