/**
 * What the issuance actions throw: IssuanceError with a stable `code` and
 * a Chinese `message` that can be shown as it is (status 404 for
 * not_found, 422 otherwise).
 */
export { IssuanceError, isIssuanceError, type IssuanceErrorCode } from '#issuance/services/errors'
