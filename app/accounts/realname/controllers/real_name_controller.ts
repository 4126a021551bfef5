import type { HttpContext } from '@adonisjs/core/http'
import { urlFor } from '@adonisjs/core/services/url_builder'
import realNameConfig from '#config/realname'
import { inspectUpload } from '#core/uploads'
import { RuleError } from '#core/rule_error'
import { ID_TYPES } from '#core/validation/identity'
import realNames, { REAL_NAME_CODE_PURPOSE } from '#accounts/realname/real_name_service'
import { realNameReview } from '#accounts/realname/real_name_review'
import { readIdCardPhoto, readingRows } from '#accounts/realname/id_card_reading'
import {
  bankCardValidator,
  manualRealNameValidator,
  onlineRealNameValidator,
  operatorValidator,
} from '#accounts/realname/validators'
import { realNameRequestsOfUser } from '#accounts/queries/reviews'
import { sendCodeFromForm, wantsCode } from '#accounts/http/form_support'
import type User from '#accounts/models/user'

const TABS = ['online', 'face', 'bank_card', 'operator', 'manual'] as const
type Tab = (typeof TABS)[number]

/**
 * 实名认证: 身份证核验, 银行卡四要素 and 运营商三要素 (answered at once),
 * 人脸识别 (FaceController), or 人工审核 (other documents, photos of both
 * sides). The service's refusals are AccountErrors: the exception handler
 * returns to the form (each form posts with ?tab=…, so that it returns to
 * its own tab). 获取验证码 without JavaScript submits the whole form with
 * intent=send_code.
 */
export default class RealNameController {
  async show({ auth, request, view }: HttpContext) {
    const user = auth.getUserOrFail() as User
    const tab: Tab = TABS.includes(request.qs().tab) ? request.qs().tab : 'online'
    const history = await realNameRequestsOfUser(user.id)
    const { idCard, face, bankCard, operator } = realNames.providers
    const provider = { online: idCard, face, bank_card: bankCard, operator, manual: null }[tab]
    return view.render('accounts/realname/show', {
      user,
      tab,
      history,
      liveFace:
        history.find((r) => r.method === 'face' && r.status === 'pending' && r.isOwnVerification) ??
        null,
      review: realNameReview,
      sandboxRules: provider?.sandbox ? (provider.rules ?? '') : null,
      codePurpose: REAL_NAME_CODE_PURPOSE,
      manualTypes: ID_TYPES,
      photoRule: realNameConfig.photo,
    })
  }

  async verifyOnline({ auth, request, response, session }: HttpContext) {
    const user = auth.getUserOrFail() as User
    const payload = await request.validateUsing(onlineRealNameValidator)
    await realNames.verifyOnline(user, payload, request.ip())
    return this.#verified({ response, session })
  }

  /** 银行卡四要素: the code goes to the card's reserved phone */
  async bankCard(ctx: HttpContext) {
    if (wantsCode(ctx)) return this.#sendCode(ctx, 'bank_card')
    const user = ctx.auth.getUserOrFail() as User
    const payload = await ctx.request.validateUsing(bankCardValidator)
    await realNames.checkBankCard({ user, ip: ctx.request.ip() }, payload)
    return this.#verified(ctx)
  }

  /** 运营商三要素: the code goes to the phone being checked */
  async operator(ctx: HttpContext) {
    if (wantsCode(ctx)) return this.#sendCode(ctx, 'operator')
    const user = ctx.auth.getUserOrFail() as User
    const payload = await ctx.request.validateUsing(operatorValidator)
    await realNames.checkOperator({ user, ip: ctx.request.ip() }, payload)
    return this.#verified(ctx)
  }

  async submitManual(ctx: HttpContext) {
    if (ctx.request.input('intent') === 'ocr') return this.#prefillFromIdCard(ctx)
    const { auth, request, response, session } = ctx
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
   * 识别身份证人像面: the front photo is read (#ocr) and the form comes
   * back with the name and number filled in and what was read shown
   * beside it, doubtful fields marked; nothing is submitted. The photos
   * are chosen again for the submission (a browser never keeps a file
   * input across pages).
   */
  async #prefillFromIdCard({ request, response, session }: HttpContext) {
    const front = await inspectUpload(request.file('front'), realNameConfig.photo)
    if (!front.ok) throw new RuleError(front.message, { field: 'front' })
    const reading = await readIdCardPhoto(front.buffer, { field: 'front', side: 'front' })
    session.flashExcept(['_csrf', '_method', 'intent'])
    session.flash('id_type', 'resident_id')
    if (reading.fields.name) session.flash('real_name', reading.fields.name)
    if (reading.fields.id_number) session.flash('id_number', reading.fields.id_number)
    session.flash('id_card_reading', { rows: readingRows(reading) })
    session.flash(
      'info',
      '已识别身份证人像面并填入姓名和证件号码，请逐项核对，再选择证件正反面照片后提交审核'
    )
    return response.redirect().toRoute('accounts.real_name.show', {}, { qs: { tab: 'manual' } })
  }

  #sendCode(ctx: HttpContext, tab: Tab) {
    return sendCodeFromForm(ctx, {
      purpose: REAL_NAME_CODE_PURPOSE,
      phoneField: 'phone',
      to: urlFor('accounts.real_name.show', {}, { qs: { tab } }),
    })
  }

  /**
   * 实名认证成功, then where the applicant was going (e.g. back into an
   * application), else the real-name page.
   */
  #verified({ response, session }: Pick<HttpContext, 'response' | 'session'>) {
    session.flash('success', '实名认证成功')
    const next = afterRealName(session)
    return next
      ? response.redirect().toPath(next)
      : response.redirect().toRoute('accounts.real_name.show')
  }
}

/**
 * Where to continue after verification (set by the page that sent the
 * applicant here), once.
 */
export function afterRealName(session: HttpContext['session']) {
  const next = session.pull('after_real_name')
  return typeof next === 'string' && next.startsWith('/') && !next.startsWith('//') ? next : null
}
