/**
 * The registry of what blocks an org's deregistration, for the higher
 * modules (certificates, orders) to fill at boot; see
 * #orgs/deregistration_checks.
 */
export {
  registerOrgDeregistrationCheck,
  unregisterOrgDeregistrationCheck,
  orgDeregistrationBlockers,
} from '#orgs/deregistration_checks'
