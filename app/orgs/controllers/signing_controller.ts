import type { HttpContext } from '@adonisjs/core/http'
import { urlFor } from '@adonisjs/core/services/url_builder'
import { maskName, maskPhone } from '#core/validation/identity'
import { qrSvg } from '#core/qr'
import {
  claimToSign,
  signClaim,
  signingFace,
  signingOpen,
  startSigningFace,
  SIGN_PURPOSE,
  SIGN_LINK_DAYS,
} from '#orgs/actions/signing'
import { consentValidator } from '#orgs/validators'
import { sendCodeAndReturn, signatureOf, wantsCode } from '#orgs/controllers/support'

/**
 * 法定代表人在线签署 (the link of the SMS, or the QR code on the claimant's
 * page): the claim's org and claimant, the SMS code to the legal
 * representative's phone, the handwritten signature (pad with
 * JavaScript, a photo of it without). First 人脸识别: 开始人脸识别 starts
 * a face session (QR code and link for the phone); while it is pending the
 * page refreshes itself without JavaScript (<noscript> meta refresh); with
 * JavaScript it asks `status` quietly (/js/poll.js) and reloads only when
 * the face check's state changes, so nothing typed is lost.
 */
const FACE_REFRESH_SECONDS = 5

function faceState(face: { passed: boolean; finished: boolean } | null) {
  if (!face) return 'none'
  if (face.passed) return 'passed'
  return face.finished ? 'failed' : 'pending'
}

export default class SigningController {
  async show(ctx: HttpContext) {
    const claim = await claimToSign(ctx.params.token)
    const open = signingOpen(claim)
    const face = open && !claim.signedAt ? await signingFace(claim) : null
    return ctx.view.render('orgs/claim/sign', {
      claim,
      open,
      face,
      faceQr: face?.h5Url ? await qrSvg(face.h5Url, '人脸识别二维码') : null,
      refreshSeconds: FACE_REFRESH_SECONDS,
      faceState: faceState(face),
      phone: maskPhone(claim.legalRepPhone),
      legalRep: maskName(claim.legalRepName),
      days: SIGN_LINK_DAYS,
    })
  }

  /** for the page's quiet polling: { status } of the face check (none, pending, passed, failed) */
  async status(ctx: HttpContext) {
    const claim = await claimToSign(ctx.params.token)
    const face = signingOpen(claim) && !claim.signedAt ? await signingFace(claim) : null
    const status = claim.signedAt ? 'signed' : faceState(face)
    return ctx.response.header('Cache-Control', 'no-store').json({ status })
  }

  async store(ctx: HttpContext) {
    const claim = await claimToSign(ctx.params.token)
    const back = urlFor('orgs.sign.show', { token: ctx.params.token })
    if (ctx.request.input('intent') === 'face') {
      await startSigningFace(ctx.params.token, ctx.request.ip())
      return ctx.response.redirect().toPath(back)
    }
    if (wantsCode(ctx)) {
      return sendCodeAndReturn(ctx, { purpose: SIGN_PURPOSE, phone: claim.legalRepPhone, to: back })
    }
    const { smsCode } = await ctx.request.validateUsing(consentValidator)
    await signClaim(ctx.params.token, { smsCode, ...signatureOf(ctx) })
    ctx.session.flash('success', `签署完成，“${claim.orgName}”认领成功`)
    return ctx.response.redirect().toPath(back)
  }
}
