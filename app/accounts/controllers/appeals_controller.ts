import type { HttpContext } from '@adonisjs/core/http'
import { appealValidator } from '#accounts/validators'
import { submitAppeal } from '#accounts/actions/appeals'
import { maskPhone } from '#core/validation/identity'
import { sendCodeFromForm, wantsCode } from '#accounts/http/form_support'

/**
 * 账号申诉 (no login): 身份证号 + 真实姓名 + contact phone (SMS) + 说明,
 * for a deregistered account; staff review it.
 */
export default class AppealsController {
  async create({ view }: HttpContext) {
    return view.render('accounts/appeal/create')
  }

  async store(ctx: HttpContext) {
    const { request, response, session } = ctx
    if (wantsCode(ctx)) {
      return sendCodeFromForm(ctx, { purpose: 'verify_phone', phoneField: 'contact_phone' })
    }
    const payload = await request.validateUsing(appealValidator)
    const appeal = await submitAppeal(payload, request.ip())
    session.flash('appealSubmitted', {
      requestNo: appeal.requestNo,
      phone: maskPhone(appeal.contactPhone),
    })
    return response.redirect().toRoute('accounts.appeals.submitted')
  }

  async submitted({ view, session, response }: HttpContext) {
    const info = session.flashMessages.get('appealSubmitted')
    if (!info) return response.redirect().toRoute('accounts.appeals.create')
    return view.render('accounts/appeal/submitted', { info })
  }
}
