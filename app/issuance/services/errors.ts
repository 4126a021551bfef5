/**
 * Every refusal of the issuance module: a stable code for callers and a
 * Chinese message that can be shown to the user as it is.
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

export class IssuanceError extends Error {
  /** HTTP status when a controller lets it through */
  status: number

  constructor(
    public code: IssuanceErrorCode,
    message: string,
    public details: Record<string, unknown> = {}
  ) {
    super(message)
    this.name = 'IssuanceError'
    this.status = code === 'not_found' ? 404 : 422
  }
}

export function isIssuanceError(error: unknown): error is IssuanceError {
  return error instanceof IssuanceError
}
