import type { HttpContext } from '@adonisjs/core/http'
import realNameConfig from '#config/realname'
import { inspectUpload } from '#core/uploads'
import { ChineseMessagesProvider } from '#core/validation/messages'
import { ID_TYPES } from '#core/validation/identity'
import realNames from '#accounts/realname/real_name_service'
import { SandboxRealNameProvider } from '#accounts/realname/providers/sandbox'
import {
  manualRealNameValidator,
  onlineRealNameValidator,
  realNameMessages,
} from '#accounts/realname/validators'
import type User from '#accounts/models/user'

/**
 * 实名认证: 身份证核验 (online, through the provider) or 人工审核 (other
 * documents, with photos of both sides).
 */
export default class RealNameController {
  async show({ auth, view }: HttpContext) {
    const user = auth.getUserOrFail() as User
    return view.render('accounts/realname/show', {
      user,
      history: await realNames.history(user.id),
      sandboxRules: realNames.provider.sandbox ? SandboxRealNameProvider.RULES : null,
      manualTypes: ID_TYPES,
      photoRule: realNameConfig.photo,
    })
  }

  async verifyOnline({ auth, request, response, session }: HttpContext) {
    const user = auth.getUserOrFail() as User
    const payload = await request.validateUsing(onlineRealNameValidator, {
      messagesProvider: new ChineseMessagesProvider(realNameMessages),
    })
    const result = await realNames.verifyOnline(user, {
      name: payload.real_name,
      idNumber: payload.id_number,
    })
    if (!result.ok) {
      session.flashExcept(['_csrf', '_method'])
      if (result.field) session.flash('inputErrorsBag', { [result.field]: [result.message] })
      session.flash('error', result.message)
      return response.redirect('/account/real-name')
    }
    session.flash('success', '实名认证成功')
    return response.redirect(this.#next(session) ?? '/account/real-name')
  }

  async submitManual({ auth, request, response, session }: HttpContext) {
    const user = auth.getUserOrFail() as User
    const payload = await request.validateUsing(manualRealNameValidator)
    const errors: Record<string, string[]> = {}
    const front = await inspectUpload(request.file('front'), realNameConfig.photo)
    if (!front.ok) errors.front = [front.message]
    const back = await inspectUpload(request.file('back'), realNameConfig.photo)
    if (!back.ok) errors.back = [back.message]
    if (!front.ok || !back.ok) {
      session.flashExcept(['_csrf', '_method'])
      session.flash('inputErrorsBag', errors)
      session.flash('error', '证件照片不符合要求，请重新选择')
      return response.redirect('/account/real-name?tab=manual')
    }
    const result = await realNames.submitManual(
      user,
      { idType: payload.id_type, name: payload.real_name, idNumber: payload.id_number },
      {
        front: { buffer: front.buffer, ext: front.type },
        back: { buffer: back.buffer, ext: back.type },
      }
    )
    if (!result.ok) {
      session.flashExcept(['_csrf', '_method'])
      if (result.field) session.flash('inputErrorsBag', { [result.field]: [result.message] })
      session.flash('error', result.message)
      return response.redirect('/account/real-name?tab=manual')
    }
    session.flash('success', '已提交人工审核，审核结果将通过短信和站内消息通知您')
    return response.redirect('/account/real-name')
  }

  /**
   * Where to continue after verification (e.g. back into an application).
   */
  #next(session: HttpContext['session']) {
    const next = session.pull('after_real_name')
    return typeof next === 'string' && next.startsWith('/') && !next.startsWith('//') ? next : null
  }
}
