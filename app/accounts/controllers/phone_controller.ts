import type { HttpContext } from '@adonisjs/core/http'
import { ID_TYPES } from '#core/validation/identity'
import { inspectUpload } from '#core/uploads'
import storage from '#core/storage'
import type User from '#accounts/models/user'
import { changePhoneValidator, lostPhoneValidator } from '#accounts/validators'
import {
  ID_PHOTO_RULE,
  cancelPhoneRequest,
  changePhone,
  submitLostPhoneRequest,
} from '#accounts/actions/phone_changes'
import { findOwnPhoneRequest, ownPhoneRequests } from '#accounts/queries/reviews'
import { ReviewStateError } from '#accounts/review_status'
import { AccountError } from '#accounts/errors'
import { ACCOUNT_TEXTS } from '#accounts/messages'
import { backToForm, sendCodeFromForm, wantsCode } from '#accounts/controllers/form_support'

/**
 * 更换手机号: with the current password and a code to the new phone; when
 * the old phone is lost, a request with an ID photo that staff review.
 */
export default class PhoneController {
  async edit({ auth, view }: HttpContext) {
    const user = auth.use('web').user as User
    return view.render('accounts/account/phone', {
      user,
      requests: await ownPhoneRequests(user.id, 10),
    })
  }

  async update(ctx: HttpContext) {
    const { auth, request, response, session } = ctx
    const user = auth.use('web').user as User
    const to = '/account/phone'
    if (wantsCode(ctx))
      return sendCodeFromForm(ctx, { purpose: 'change_phone', to, phoneField: 'new_phone' })
    const payload = await request.validateUsing(changePhoneValidator)
    try {
      await changePhone(user, payload)
      session.flash('success', ACCOUNT_TEXTS.phoneChanged)
      return response.redirect('/account')
    } catch (error) {
      if (error instanceof AccountError) return backToForm(ctx, to, error.toFormError())
      throw error
    }
  }

  async lostCreate({ auth, view }: HttpContext) {
    const user = auth.use('web').user as User
    return view.render('accounts/account/phone_lost', {
      user,
      idTypes: ID_TYPES,
      guest: false,
      action: '/account/phone/lost',
    })
  }

  async lostStore(ctx: HttpContext) {
    const { auth, request, response, session } = ctx
    const user = auth.use('web').user as User
    const to = '/account/phone/lost'
    if (wantsCode(ctx))
      return sendCodeFromForm(ctx, { purpose: 'change_phone', to, phoneField: 'new_phone' })
    const payload = await request.validateUsing(lostPhoneValidator)
    const photo = await inspectUpload(request.file('id_photo'), ID_PHOTO_RULE)
    if (!photo.ok) return backToForm(ctx, to, { field: 'id_photo', message: photo.message })
    try {
      const created = await submitLostPhoneRequest(user, payload, photo, {
        source: 'account',
        ip: request.ip(),
      })
      session.flash(
        'success',
        `申请已提交（编号 ${created.requestNo}），审核结果将以短信和站内消息通知您`
      )
      return response.redirect(`/account/phone/requests/${created.id}`)
    } catch (error) {
      if (error instanceof AccountError) return backToForm(ctx, to, error.toFormError())
      throw error
    }
  }

  async showRequest({ auth, params, view, response }: HttpContext) {
    const user = auth.use('web').user as User
    const phoneRequest = await findOwnPhoneRequest(user.id, String(params.id))
    if (!phoneRequest) return response.notFound()
    return view.render('accounts/account/phone_request', { phoneRequest })
  }

  async photo({ auth, params, response }: HttpContext) {
    const user = auth.use('web').user as User
    const phoneRequest = await findOwnPhoneRequest(user.id, String(params.id))
    if (!phoneRequest) return response.notFound()
    return streamPhoto(response, phoneRequest)
  }

  async cancelRequest({ auth, params, response, session }: HttpContext) {
    const user = auth.use('web').user as User
    const phoneRequest = await findOwnPhoneRequest(user.id, String(params.id))
    if (!phoneRequest) return response.notFound()
    try {
      await cancelPhoneRequest(user, phoneRequest)
      session.flash('success', '申请已撤回')
    } catch (error) {
      if (!(error instanceof ReviewStateError) && !(error instanceof AccountError)) throw error
      session.flash('error', error.message)
    }
    return response.redirect(`/account/phone/requests/${phoneRequest.id}`)
  }
}

/**
 * The ID photo of a request, from private storage, never cached.
 */
export async function streamPhoto(
  response: HttpContext['response'],
  phoneRequest: { photoKey: string; photoType: string }
) {
  const bytes = await storage.get(phoneRequest.photoKey)
  response.header('Content-Type', phoneRequest.photoType === 'png' ? 'image/png' : 'image/jpeg')
  response.header('Cache-Control', 'private, no-store')
  response.header('X-Content-Type-Options', 'nosniff')
  response.header('Content-Disposition', 'inline')
  return response.send(bytes)
}
