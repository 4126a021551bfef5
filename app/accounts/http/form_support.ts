import type { HttpContext } from '@adonisjs/core/http'
import { requestVerificationCode } from '#accounts/actions/sms_codes'
import { secretFields } from '#core/form_secrets'
import { isRuleError } from '#core/rule_error'
import { formPageOf } from '#exceptions/handler'

/**
 * Helpers of the applicants' forms: send a code when the 获取验证码 button
 * submitted the form (no JavaScript; the accounts forms and any module's
 * form for a signed-in applicant, e.g. the organisations'), and send the
 * user back to a given form page with a message at a field and everything
 * typed kept — for the pages the exception handler cannot find by itself
 * (a page with a query string: /login?mode=sms, /register?type=org).
 * Every other refusal is thrown (AccountError, a RuleError) and the
 * handler does the same.
 */
const NEVER_FLASH = ['_csrf', '_method', 'intent', 'id_photo']

/**
 * Passwords and PINs are never kept in the session (same rule as the
 * exception handler): the forms put the SMS code before the password fields.
 */
function keepInput(ctx: HttpContext, neverKeep: string[] = []) {
  ctx.session.flashExcept([...NEVER_FLASH, ...neverKeep, ...secretFields(ctx.request.all())])
}

export interface FormError {
  field?: string
  message: string
}

export function wantsCode(ctx: HttpContext) {
  return ctx.request.input('intent') === 'send_code'
}

/**
 * Back to the form page `to` (a URL made by urlFor): the message at its
 * field (or on top of the form when it belongs to no field), every typed
 * value kept.
 */
function backToForm(
  ctx: HttpContext,
  to: string,
  { field, message }: FormError,
  neverKeep?: string[]
) {
  keepInput(ctx, neverKeep)
  if (field) {
    ctx.session.flash('inputErrorsBag', { [field]: [message] })
    ctx.session.flashErrors({ E_VALIDATION_ERROR: '提交的信息有误，请按提示修改' })
  } else {
    ctx.session.flash('error', message)
  }
  return ctx.response.redirect().toPath(to)
}

/**
 * Run an action whose refusal returns to a form page with a query string
 * (the handler would find the page without it): the one place that
 * catches an AccountError, for that reason only.
 */
export async function onFormPage<T>(ctx: HttpContext, to: string, run: () => Promise<T>) {
  try {
    return await run()
  } catch (error) {
    if (isRuleError(error)) return backToForm(ctx, to, error.toFormError())
    throw error
  }
}

/**
 * The passwords typed before 获取验证码 (no JavaScript), kept for the one
 * round trip back to the same form: flashed into the server-side session
 * (the cookie carries only the session id), read once by the form page
 * (flashMessages `keptSecrets`), gone at the request after.
 */
function keepSecretsForOneTrip(ctx: HttpContext, fields: string[]) {
  const kept: Record<string, string> = {}
  for (const field of fields) {
    const value = ctx.request.input(field)
    if (typeof value === 'string' && value && value.length <= 128) kept[field] = value
  }
  if (Object.keys(kept).length) ctx.session.flash('keptSecrets', kept)
}

/**
 * The 获取验证码 button without JavaScript: send the code to the phone in
 * `phoneField` (or the given phone), keep every field, say where the code
 * went, and return to the form. `keepPasswords`: password fields kept
 * for that round trip only (keepSecretsForOneTrip); `neverKeep`: more
 * fields never kept (files, drawn signatures).
 */
export async function sendCodeFromForm(
  ctx: HttpContext,
  options: {
    purpose: string
    /** the form page (default: the page the form was posted from, as the exception handler finds it) */
    to?: string
    phoneField?: string
    phone?: string
    codeField?: string
    keepPasswords?: string[]
    neverKeep?: string[]
  }
) {
  const to = options.to ?? formPageOf(ctx)
  const phoneField = options.phoneField ?? 'phone'
  const codeField = options.codeField ?? 'sms_code'
  const phone = options.phone ?? String(ctx.request.input(phoneField) ?? '')
  if (options.keepPasswords) keepSecretsForOneTrip(ctx, options.keepPasswords)
  const result = await requestVerificationCode({
    purpose: options.purpose,
    phone,
    user: (ctx.auth.use('web').user as any) ?? null,
    ip: ctx.request.ip(),
  })
  if (!result.ok) {
    return backToForm(
      ctx,
      to,
      { field: result.field === 'phone' ? phoneField : codeField, message: result.message },
      options.neverKeep
    )
  }
  keepInput(ctx, options.neverKeep)
  ctx.session.flash('success', result.message)
  return ctx.response.redirect().toPath(to)
}
