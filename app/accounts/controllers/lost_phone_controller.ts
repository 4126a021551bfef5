import type { HttpContext } from '@adonisjs/core/http'
import { ID_TYPES } from '#core/validation/identity'
import { guestLostPhoneValidator } from '#accounts/validators'
import { submitGuestLostPhoneRequest } from '#accounts/actions/phone_changes'
import { wantsCode } from '#accounts/http/form_support'
import { idPhotoFrom, sendNewPhoneCode } from '#accounts/controllers/phone_forms'

/**
 * 变更手机号？ from the forgot-password page (manual 003 §3.1.4): the
 * account's old phone no longer works and its password is forgotten. The
 * account (phone or email) plus the ID number designate it; staff check
 * the ID photo.
 */
export default class LostPhoneController {
  async create({ view }: HttpContext) {
    return view.render('accounts/account/phone_lost', {
      user: null,
      idTypes: ID_TYPES,
      guest: true,
      action: 'accounts.lost_phone.store',
    })
  }

  async store(ctx: HttpContext) {
    const { request, response, session } = ctx
    if (wantsCode(ctx)) return sendNewPhoneCode(ctx)
    const payload = await request.validateUsing(guestLostPhoneValidator)
    const photo = await idPhotoFrom(request)
    const created = await submitGuestLostPhoneRequest(payload, photo, { ip: request.ip() })
    session.flash(
      'success',
      `申请已提交（编号 ${created.requestNo}），审核结果将以短信发送至新手机号，通过后请使用新手机号登录或找回密码`
    )
    return response.redirect().toRoute('accounts.session.create')
  }
}
