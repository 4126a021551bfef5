import type { HttpContext } from '@adonisjs/core/http'
import { urlFor } from '@adonisjs/core/services/url_builder'
import { NotFoundError } from '#core/rule_error'
import { sendPrivateFile } from '#core/http/private_file'
import type { Applicant } from '#accounts/queries/users'
import { pinState } from '#certificates/queries/certificates'
import { actingIdentityOf } from '#orgs/queries/acting'
import { sealImageFile } from '#seals/queries/seals'
import { sessionByTid, tidFromQr } from '#platforms/queries/sessions'
import { findApplicant } from '#accounts/queries/users'
import { openDuringScan, scanOpening } from '#platforms/actions/scan_opening'
import {
  abortSession,
  accountFor,
  completeSession,
  expireIfDue,
  markScanned,
  usableCertificates,
  usableSeal,
  usableSeals,
  type ScanIdentity,
} from '#platforms/actions/sessions'
import { scanValidator } from '#platforms/validators'

/**
 * The applicant's scan page (the QR's link opened on the phone while
 * signed in): 系统标识码, 交易系统名称, identity, the certificates usable,
 * PIN, the action; then the result. 取消 ends the session.
 */
export default class ScanController {
  async #load(ctx: HttpContext) {
    const user = ctx.auth.getUserOrFail() as Applicant
    const found = await sessionByTid(ctx.params.tid)
    if (!found || (found.session.userId && found.session.userId !== user.id))
      throw new NotFoundError()
    const acting = await actingIdentityOf(ctx)
    const who: ScanIdentity = {
      userId: user.id,
      name: user.realName ?? user.name ?? null,
      org:
        acting?.kind === 'org'
          ? { id: acting.org.id, name: acting.org.name, uscc: acting.org.uscc }
          : null,
    }
    return { user, who, acting, ...found }
  }

  /** a QR in an adapter's own format (base64 payload with the TId) */
  async qr({ request, response }: HttpContext) {
    const tid = await tidFromQr(String(request.qs().c ?? ''))
    if (!tid) throw new NotFoundError()
    return response.redirect().toRoute('platforms.scan.show', { tid })
  }

  async show(ctx: HttpContext) {
    const { user, who, acting, session, integration } = await this.#load(ctx)
    /* back from an order (开通) after the QR's lifetime: it says 已过期, not 已扫码 */
    await expireIfDue(session)
    if (session.isOpen) await markScanned(session, who)
    if (session.state === 'done')
      return ctx.response.redirect().toRoute('platforms.scan.done', { tid: session.tid })
    const certificates = await usableCertificates(user.id, who.org)
    const pins = await Promise.all(certificates.map((v) => pinState(v.certificate)))
    const seals = session.kind === 'seal_sign' ? await usableSeals(who) : []
    return ctx.view.render('platforms/scan', {
      session,
      integration,
      user,
      acting,
      certificates: certificates.map((v, i) => ({ view: v, pin: pins[i] })),
      seals,
      notOpenYet:
        session.kind === 'decrypt' && session.openAt && session.openAt.toMillis() > Date.now(),
      /* 开通 (or its 办理进度) when the platform is not opened for the holder yet */
      opening: session.isOpen
        ? await scanOpening(session, integration, who, certificates.length)
        : null,
    })
  }

  /**
   * 开通并支付 during the scan: a package order for the holder (the org
   * when acting for it) that comes back here once paid and opened.
   */
  async open(ctx: HttpContext) {
    const { user, who, session, integration } = await this.#load(ctx)
    await expireIfDue(session)
    const applicant = await findApplicant(user.id)
    if (!applicant) throw new NotFoundError()
    if (!applicant.isVerified && session.isOpen) {
      /* 实名认证 first, then back to this scan */
      ctx.session.put('after_real_name', urlFor('platforms.scan.show', { tid: session.tid }))
      ctx.session.flash('info', '开通交易平台前，请先完成实名认证')
      return ctx.response.redirect().toRoute('accounts.real_name.show')
    }
    const { orderNo, next } = await openDuringScan(
      session,
      integration,
      who,
      applicant,
      ctx.request.input('product_id')
    )
    if (next === 'pay') return ctx.response.redirect().toRoute('orders.pay', { orderNo })
    ctx.session.flash('info', '套餐订单已提交，正在为您开通，完成后可返回扫码继续')
    return ctx.response.redirect().toRoute('orders.show', { orderNo })
  }

  async submit(ctx: HttpContext) {
    const { user, who, session, integration, adapter } = await this.#load(ctx)
    const payload = await ctx.request.validateUsing(scanValidator)
    await completeSession(session, who, payload)
    if (session.kind === 'login' && adapter?.firstLogin === 'register') {
      const { account } = await accountFor(integration, user.id)
      if (!account.certificateId) {
        ctx.session.flash('info', '首次在该平台登录：请完成主体注册并绑定证书')
        return ctx.response.redirect().toRoute('platforms.accounts.register', { id: account.id })
      }
    }
    return ctx.response.redirect().toRoute('platforms.scan.done', { tid: session.tid })
  }

  async done(ctx: HttpContext) {
    const { session, integration } = await this.#load(ctx)
    return ctx.view.render('platforms/scan_done', { session, integration })
  }

  /** the image of a seal the holder may use now (an org seal authorised to them included) */
  async sealImage(ctx: HttpContext) {
    const { who } = await this.#load(ctx)
    const seal = await usableSeal(who, ctx.params.sealId)
    if (!seal) throw new NotFoundError()
    return sendPrivateFile(ctx, sealImageFile(seal))
  }

  async abort(ctx: HttpContext) {
    const { user, session } = await this.#load(ctx)
    await abortSession(session, user.id)
    ctx.session.flash('info', '已取消，本次扫码未向交易平台提供任何信息')
    return ctx.response.redirect().toRoute('platforms.scan.done', { tid: session.tid })
  }
}
