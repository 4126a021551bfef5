import type { HttpContext } from '@adonisjs/core/http'
import { ID_TYPES } from '#core/validation/identity'
import { NotFoundError } from '#core/rule_error'
import type User from '#accounts/models/user'
import { changePhoneValidator, lostPhoneValidator } from '#accounts/validators'
import {
  cancelPhoneRequest,
  changePhone,
  phoneChangeReview,
  submitLostPhoneRequest,
} from '#accounts/actions/phone_changes'
import { findOwnPhoneRequest, phoneRequestsOfUser } from '#accounts/queries/reviews'
import { ACCOUNT_TEXTS } from '#accounts/messages'
import { wantsCode } from '#accounts/http/form_support'
import { idPhotoFrom, sendNewPhoneCode } from '#accounts/controllers/phone_forms'
import { sendIdPhoto } from '#accounts/controllers/id_photo'

/**
 * 更换手机号: with the current password and a code to the new phone; when
 * the old phone is lost, a request with an ID photo that staff review.
 */
export default class PhoneController {
  async edit({ auth, view }: HttpContext) {
    const user = auth.use('web').user as User
    return view.render('accounts/account/phone', {
      user,
      requests: await phoneRequestsOfUser(user.id, 10),
    })
  }

  async update(ctx: HttpContext) {
    const { auth, request, response, session } = ctx
    const user = auth.use('web').user as User
    if (wantsCode(ctx)) return sendNewPhoneCode(ctx)
    const payload = await request.validateUsing(changePhoneValidator)
    await changePhone(user, payload)
    session.flash('success', ACCOUNT_TEXTS.phoneChanged)
    return response.redirect().toRoute('accounts.account.show')
  }

  async lostCreate({ auth, view }: HttpContext) {
    const user = auth.use('web').user as User
    return view.render('accounts/account/phone_lost', {
      user,
      idTypes: ID_TYPES,
      guest: false,
      action: 'accounts.phone.lostStore',
    })
  }

  async lostStore(ctx: HttpContext) {
    const { auth, request, response, session } = ctx
    const user = auth.use('web').user as User
    if (wantsCode(ctx)) return sendNewPhoneCode(ctx)
    const payload = await request.validateUsing(lostPhoneValidator)
    const photo = await idPhotoFrom(request)
    const created = await submitLostPhoneRequest(user, payload, photo, {
      source: 'account',
      ip: request.ip(),
    })
    session.flash(
      'success',
      `申请已提交（编号 ${created.requestNo}），审核结果将以短信和站内消息通知您`
    )
    return response.redirect().toRoute('accounts.phone.showRequest', { id: created.id })
  }

  async showRequest({ auth, params, view }: HttpContext) {
    const user = auth.use('web').user as User
    const phoneRequest = await this.#own(user, params.id)
    return view.render('accounts/account/phone_request', {
      phoneRequest,
      review: phoneChangeReview,
    })
  }

  async photo({ auth, params, response }: HttpContext) {
    const user = auth.use('web').user as User
    return sendIdPhoto({ response }, await this.#own(user, params.id))
  }

  async cancelRequest({ auth, params, response, session }: HttpContext) {
    const user = auth.use('web').user as User
    const phoneRequest = await this.#own(user, params.id)
    await cancelPhoneRequest(user, phoneRequest)
    session.flash('success', '申请已撤回')
    return response.redirect().toRoute('accounts.phone.showRequest', { id: phoneRequest.id })
  }

  async #own(user: User, id: unknown) {
    const phoneRequest = await findOwnPhoneRequest(user.id, String(id))
    if (!phoneRequest) throw new NotFoundError('该申请不存在')
    return phoneRequest
  }
}
