import type { HttpContext } from '@adonisjs/core/http'
import { requestVerificationCode } from '#accounts/actions/sms_codes'

/**
 * POST /sms/codes (the 获取验证码 button with JavaScript):
 * { ok, message, cooldown, retryAfter }.
 */
export default class SmsCodesController {
  async store({ request, response, auth }: HttpContext) {
    const result = await requestVerificationCode({
      purpose: String(request.input('purpose') ?? ''),
      phone: String(request.input('phone') ?? ''),
      user: (auth.use('web').user as any) ?? null,
      ip: request.ip(),
    })
    if (result.ok) {
      return response.ok({
        ok: true,
        message: result.message,
        cooldown: result.cooldown,
        retryAfter: null,
      })
    }
    return response.status(result.retryAfter ? 429 : 422).send({
      ok: false,
      message: result.message,
      cooldown: 0,
      retryAfter: result.retryAfter ?? null,
    })
  }
}
