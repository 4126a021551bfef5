import { RuleError } from '#core/rule_error'

/**
 * Every refusal of the issuance module: a stable code for callers and a
 * Chinese message that can be shown to the user as it is. A rule error
 * (#core/rule_error): controllers do not catch it, the exception handler
 * shows it on the form or on a Chinese page with the status below.
 */
export type IssuanceErrorCode =
  | 'ca_missing'
  | 'ca_exists'
  | 'ca_passphrase_missing'
  | 'ca_key_unreadable'
  | 'ca_validity_exceeded'
  | 'csr_invalid'
  | 'csr_signature'
  | 'key_unsupported'
  | 'key_weak'
  | 'key_reused'
  | 'subject_invalid'
  | 'profile_invalid'
  | 'validity_invalid'
  | 'not_found'
  | 'transition_invalid'
  | 'expired'
  | 'reason_invalid'
  | 'not_cloud'
  | 'credential_inactive'
  | 'pin_invalid'
  | 'pin_wrong'
  | 'pin_locked'
  | 'pin_same'
  | 'pin_weak'
  | 'envelope_invalid'
  | 'envelope_not_for_key'
  | 'signature_invalid'
  | 'hash_invalid'
  | 'renewal_refused'
  | 'archive_missing'
  | 'csr_sha1'
  | 'pki_url_invalid'
  | 'ca_key_offline'
  | 'root_key_file'
  | 'export_password_invalid'
  | 'policy_oid_invalid'

/**
 * The HTTP status of each refusal that is not a plain 422 (the request
 * breaks a rule): the thing is not there (404), it is in a state that
 * does not allow it (409), the key is locked (423), or the CA cannot
 * serve at all (503, an operator must act).
 */
const STATUSES: Partial<Record<IssuanceErrorCode, number>> = {
  not_found: 404,
  transition_invalid: 409,
  expired: 409,
  renewal_refused: 409,
  credential_inactive: 409,
  ca_exists: 409,
  key_reused: 409,
  pin_locked: 423,
  ca_missing: 503,
  ca_passphrase_missing: 503,
  ca_key_unreadable: 503,
  ca_key_offline: 503,
  archive_missing: 503,
}

export function statusOf(code: IssuanceErrorCode): number {
  return STATUSES[code] ?? 422
}

export class IssuanceError extends RuleError {
  declare code: IssuanceErrorCode

  constructor(
    code: IssuanceErrorCode,
    message: string,
    public details: Record<string, unknown> = {}
  ) {
    super(message, { code, status: statusOf(code), data: details })
  }
}

export function isIssuanceError(error: unknown): error is IssuanceError {
  return error instanceof IssuanceError
}
