import { errorResponse, respond, type OcspAnswer } from '#issuance/services/ocsp'

/**
 * Answer an OCSP request (DER bytes, or null when the transport already
 * found it unreadable). Always returns a DER OCSPResponse: garbage gets
 * malformedRequest, foreign CAs unauthorized. A successful answer says
 * its thisUpdate / nextUpdate and whether it was for a nonce (the HTTP
 * side turns them into cache headers, RFC 5019).
 */
export async function answerOcsp(requestDer: Buffer | null): Promise<OcspAnswer> {
  if (!requestDer || requestDer.length === 0)
    return { der: errorResponse('malformedRequest'), status: 'malformedRequest', cached: false }
  return respond(requestDer)
}
