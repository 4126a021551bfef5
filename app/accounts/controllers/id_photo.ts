import type { HttpContext } from '@adonisjs/core/http'
import { sendPrivateFile } from '#core/http/private_file'

/**
 * The ID photo of a phone change request, from private storage, shown
 * inline (to its applicant, and to reviewers), after the caller's own
 * authorisation check.
 */
export function sendIdPhoto(
  ctx: Pick<HttpContext, 'response'>,
  request: { requestNo: string; photoKey: string; photoType: string }
) {
  return sendPrivateFile(ctx, {
    key: request.photoKey,
    type: request.photoType,
    name: `证件照片-${request.requestNo}.${request.photoType}`,
    disposition: 'inline',
  })
}
