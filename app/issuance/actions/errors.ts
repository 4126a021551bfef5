/**
 * What the issuance actions throw: IssuanceError, a rule error with a
 * stable `code` and a Chinese `message` that can be shown as it is; its
 * `status` follows the code (404 not_found, 409 a state that does not
 * allow it, 423 pin_locked, 503 the CA cannot serve, 422 otherwise).
 */
export {
  IssuanceError,
  isIssuanceError,
  statusOf,
  type IssuanceErrorCode,
} from '#issuance/services/errors'
