import type { HttpContext } from '@adonisjs/core/http'
import { urlFor } from '@adonisjs/core/services/url_builder'
import { maskName, maskPhone } from '#core/validation/identity'
import {
  claimToSign,
  signClaim,
  signingOpen,
  SIGN_PURPOSE,
  SIGN_LINK_DAYS,
} from '#orgs/actions/signing'
import { consentValidator } from '#orgs/validators'
import { sendCodeAndReturn, wantsCode } from '#orgs/controllers/support'

/**
 * 法定代表人在线签署 (the link of the SMS, or the QR code on the claimant's
 * page): the claim's org and claimant, the SMS code to the legal
 * representative's phone, the handwritten signature (pad with
 * JavaScript, a photo of it without).
 */
export default class SigningController {
  async show(ctx: HttpContext) {
    const claim = await claimToSign(ctx.params.token)
    return ctx.view.render('orgs/claim/sign', {
      claim,
      open: signingOpen(claim),
      phone: maskPhone(claim.legalRepPhone),
      legalRep: maskName(claim.legalRepName),
      days: SIGN_LINK_DAYS,
    })
  }

  async store(ctx: HttpContext) {
    const claim = await claimToSign(ctx.params.token)
    const back = urlFor('orgs.sign.show', { token: ctx.params.token })
    if (wantsCode(ctx)) {
      return sendCodeAndReturn(ctx, { purpose: SIGN_PURPOSE, phone: claim.legalRepPhone, to: back })
    }
    const { smsCode } = await ctx.request.validateUsing(consentValidator)
    await signClaim(ctx.params.token, {
      smsCode,
      signatureData: ctx.request.input('signature_data'),
      signatureFile: ctx.request.file('signature'),
    })
    ctx.session.flash('success', `签署完成，“${claim.orgName}”认领成功`)
    return ctx.response.redirect().toPath(back)
  }
}
