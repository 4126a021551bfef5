import type { HttpContext } from '@adonisjs/core/http'
import { requestVerificationCode } from '#accounts/actions/sms_codes'
import { secretFields } from '#core/form_secrets'
import type { Applicant } from '#accounts/queries/users'

/**
 * Helpers of the organisations' controllers: the signed-in applicant, and
 * the 获取验证码 button of a form without JavaScript (send the code, keep
 * every field, return to the form).
 */
export function applicantOf(ctx: HttpContext): Applicant {
  return ctx.auth.use('web').user as unknown as Applicant
}

export function wantsCode(ctx: HttpContext) {
  return ctx.request.input('intent') === 'send_code'
}

const NEVER_FLASH = [
  '_csrf',
  '_method',
  'intent',
  'licence',
  'letter',
  'signature',
  'signature_data',
]

export async function sendCodeAndReturn(
  ctx: HttpContext,
  options: { purpose: string; phone: string; to: string; phoneField?: string }
) {
  const result = await requestVerificationCode({
    purpose: options.purpose,
    phone: options.phone,
    user: (applicantOf(ctx) as any) ?? null,
    ip: ctx.request.ip(),
  })
  ctx.session.flashExcept([...NEVER_FLASH, ...secretFields(ctx.request.all())])
  if (!result.ok) {
    const field = result.field === 'phone' ? (options.phoneField ?? 'phone') : 'sms_code'
    ctx.session.flash('inputErrorsBag', { [field]: [result.message] })
    ctx.session.flashErrors({ E_VALIDATION_ERROR: '提交的信息有误，请按提示修改' })
  } else {
    ctx.session.flash('success', result.message)
  }
  return ctx.response.redirect().toPath(options.to)
}
