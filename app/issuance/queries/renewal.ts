/**
 * The renewal rule (pure): may this certificate be renewed now, and what
 * is the new term? See services/renewal.ts.
 */
export {
  renewalTerm,
  addYears,
  type RenewalInput,
  type RenewalDecision,
} from '#issuance/services/renewal'
