import '#issuance/audit_actions'
import '#issuance/certificate_lifecycle'
import '#issuance/background'

/**
 * What the issuance module registers at boot (its module.ts `boot`): the
 * Chinese labels of its audit actions (audit_actions.ts) and of its
 * certificate lifecycle (certificate_lifecycle.ts), and the CRL refresh
 * that runs while the server does (background.ts).
 */
