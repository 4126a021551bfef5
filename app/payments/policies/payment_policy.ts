import { BasePolicy } from '@adonisjs/bouncer'
import { staffHasRole } from '#core/staff'

/**
 * Back office, finance area (支付记录, 汇款凭证确认): finance staff and
 * super admins. Applicants reach only their own payments (the queries
 * filter by owner, 404 otherwise).
 */
function finance(actor: unknown) {
  return staffHasRole(actor, 'finance')
}

export default class PaymentPolicy extends BasePolicy {
  /** list and open payments, view vouchers */
  view(actor: unknown) {
    return finance(actor)
  }

  /** ask a gateway for a payment's state */
  sync(actor: unknown) {
    return finance(actor)
  }

  /** confirm or return a transfer voucher */
  review(actor: unknown) {
    return finance(actor)
  }
}
