import env from '#start/env'

/**
 * The office's refund rule (退费): before the certificate is issued an
 * order is refunded in full; after issuance either not at all (`none`) or
 * the unused part of its validity (`unused`: the amount times the days
 * left over the days of the term, down to the fen). A refunded order's
 * certificate is revoked when `revokeOnRefund` (the unused-part rule
 * refunds a certificate that is then no longer in force).
 */
const refundsConfig = {
  afterIssuance: env.get('REFUND_AFTER_ISSUANCE', 'none') as 'none' | 'unused',
  revokeOnRefund: env.get('REFUND_REVOKE_CERTIFICATE', true),
}

export default refundsConfig
