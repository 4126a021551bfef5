import type { HttpContext } from '@adonisjs/core/http'
import realNames from '#accounts/realname/real_name_service'

/**
 * The face provider's side, without a login: POST /realname/callback/face
 * (no session, no CSRF: the provider's signature authenticates it; the
 * raw body is verified byte for byte), and the page the phone lands on
 * after the provider's H5 page.
 */
export default class FaceCallbackController {
  async handle({ request, response }: HttpContext) {
    const headers: Record<string, string | undefined> = {}
    for (const [key, value] of Object.entries(request.headers())) {
      headers[key.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value
    }
    const answer = await realNames.receiveFaceCallback({ headers, body: request.raw() ?? '' })
    return response.status(answer.status).json(answer.body)
  }

  async done({ view }: HttpContext) {
    return view.render('accounts/realname/face_done')
  }
}
