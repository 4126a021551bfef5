import { errorResponse, respond } from '#issuance/services/ocsp'

/**
 * Answer an OCSP request (DER bytes, or null when the transport already
 * found it unreadable). Always returns a DER OCSPResponse: garbage gets
 * malformedRequest, foreign CAs unauthorized.
 */
export async function answerOcsp(requestDer: Buffer | null): Promise<Buffer> {
  if (!requestDer || requestDer.length === 0) return errorResponse('malformedRequest')
  const result = await respond(requestDer)
  return result.der
}
