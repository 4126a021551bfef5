import type { HttpContext } from '@adonisjs/core/http'
import realNameConfig from '#config/realname'
import { inspectUpload } from '#core/uploads'
import { RuleError } from '#core/rule_error'
import { ID_TYPES } from '#core/validation/identity'
import realNames from '#accounts/realname/real_name_service'
import { realNameReview } from '#accounts/realname/real_name_review'
import { SandboxRealNameProvider } from '#accounts/realname/providers/sandbox'
import { manualRealNameValidator, onlineRealNameValidator } from '#accounts/realname/validators'
import { realNameRequestsOfUser } from '#accounts/queries/reviews'
import type User from '#accounts/models/user'

/**
 * 实名认证: 身份证核验 (online, through the provider) or 人工审核 (other
 * documents, with photos of both sides). The service's refusals are
 * AccountErrors: the exception handler returns to the form (the manual
 * form posts with ?tab=manual, so that it returns to its own tab).
 */
export default class RealNameController {
  async show({ auth, view }: HttpContext) {
    const user = auth.getUserOrFail() as User
    return view.render('accounts/realname/show', {
      user,
      history: await realNameRequestsOfUser(user.id),
      review: realNameReview,
      sandboxRules: realNames.provider.sandbox ? SandboxRealNameProvider.RULES : null,
      manualTypes: ID_TYPES,
      photoRule: realNameConfig.photo,
    })
  }

  async verifyOnline({ auth, request, response, session }: HttpContext) {
    const user = auth.getUserOrFail() as User
    const payload = await request.validateUsing(onlineRealNameValidator)
    await realNames.verifyOnline(user, payload)
    session.flash('success', '实名认证成功')
    const next = this.#next(session)
    return next
      ? response.redirect().toPath(next)
      : response.redirect().toRoute('accounts.real_name.show')
  }

  async submitManual({ auth, request, response, session }: HttpContext) {
    const user = auth.getUserOrFail() as User
    const payload = await request.validateUsing(manualRealNameValidator)
    const front = await inspectUpload(request.file('front'), realNameConfig.photo)
    const back = await inspectUpload(request.file('back'), realNameConfig.photo)
    if (!front.ok || !back.ok) {
      /* both photos' messages at once */
      const fields: Record<string, string> = {}
      if (!front.ok) fields.front = front.message
      if (!back.ok) fields.back = back.message
      throw new RuleError('证件照片不符合要求，请重新选择', { fields })
    }
    await realNames.submitManual(user, payload, {
      front: { buffer: front.buffer, ext: front.type },
      back: { buffer: back.buffer, ext: back.type },
    })
    session.flash('success', '已提交人工审核，审核结果将通过短信和站内消息通知您')
    return response.redirect().toRoute('accounts.real_name.show')
  }

  /**
   * Where to continue after verification (e.g. back into an application).
   */
  #next(session: HttpContext['session']) {
    const next = session.pull('after_real_name')
    return typeof next === 'string' && next.startsWith('/') && !next.startsWith('//') ? next : null
  }
}
