import type { HttpContext } from '@adonisjs/core/http'
import { urlFor } from '@adonisjs/core/services/url_builder'
import { maskName, maskPhone } from '#core/validation/identity'
import { memberAccess, membersOf } from '#orgs/queries/orgs'
import { transferOfOrg, transfersOf } from '#orgs/queries/transfers'
import { requireAdmin } from '#orgs/actions/members'
import {
  assertLinkOpen,
  cancelTransfer,
  openTransferOf,
  signsForThemselves,
  signTransfer,
  startTransfer,
  transferClosedReason,
  transferOfLink,
  transferOnDevice,
  TRANSFER_LINK_DAYS,
  TRANSFER_PURPOSE,
} from '#orgs/actions/transfers'
import { consentValidator, transferTargetValidator, transferValidator } from '#orgs/validators'
import {
  applicantOf,
  sendCodeAndReturn,
  sendConsentCodeAndReturn,
  sendTransferSignature,
  signatureOf,
  wantsCode,
} from '#orgs/controllers/support'

/**
 * 管理员移交 (admins of the org): pick a member; the legal representative
 * signs through a one-time link on their own phone (or here, when the
 * signed-in admin is the legal representative); 撤回 while it waits; the
 * 移交记录 with each signature (private file). The link's page
 * (`signShow`/`signStore`, no sign-in): the SMS code to the legal
 * representative's phone, then the signature (pad, or a photo without
 * JavaScript). Another org's transfer or token: 404.
 */
export default class TransfersController {
  async create(ctx: HttpContext) {
    const membership = await memberAccess(applicantOf(ctx), ctx.params.id)
    requireAdmin(membership)
    const everyone = await membersOf(membership.orgId)
    const open = await openTransferOf(membership.orgId)
    return ctx.view.render('orgs/transfers/create', {
      org: membership.org,
      members: everyone.filter((row) => row.membership.id !== membership.id),
      onDevice: signsForThemselves(applicantOf(ctx), membership),
      open,
      mayCancel: open?.userId === membership.userId,
      history: await transfersOf(membership.orgId),
      legalRepPhone: maskPhone(membership.org.legalRepPhone),
      days: TRANSFER_LINK_DAYS,
    })
  }

  async store(ctx: HttpContext) {
    const membership = await memberAccess(applicantOf(ctx), ctx.params.id)
    requireAdmin(membership)
    const actor = applicantOf(ctx)
    if (!signsForThemselves(actor, membership)) {
      const { membershipId } = await ctx.request.validateUsing(transferTargetValidator)
      await startTransfer(membership, actor, membershipId)
      ctx.session.flash('success', '签署链接已通过短信发送给法定代表人，法定代表人签署后移交生效')
      return ctx.response.redirect().toRoute('orgs.transfer.create', { id: membership.orgId })
    }
    if (wantsCode(ctx)) {
      return sendConsentCodeAndReturn(ctx, membership.org, 'orgs.transfer.create')
    }
    const payload = await ctx.request.validateUsing(transferValidator)
    await transferOnDevice(membership, actor, { ...payload, ...signatureOf(ctx) })
    ctx.session.flash('success', '管理员已移交，您现为该机构员工')
    return ctx.response.redirect().toRoute('orgs.show', { id: membership.orgId })
  }

  async cancel(ctx: HttpContext) {
    const membership = await memberAccess(applicantOf(ctx), ctx.params.id)
    await cancelTransfer(membership, applicantOf(ctx))
    ctx.session.flash('success', '已撤回管理员移交，签署链接已失效')
    return ctx.response.redirect().toRoute('orgs.transfer.create', { id: membership.orgId })
  }

  /** the legal representative's signature of a transfer (the org's admins) */
  async signature(ctx: HttpContext) {
    const membership = await memberAccess(applicantOf(ctx), ctx.params.id)
    requireAdmin(membership)
    return sendTransferSignature(ctx, await transferOfOrg(membership.orgId, ctx.params.transferId))
  }

  async signShow(ctx: HttpContext) {
    const transfer = await transferOfLink(ctx.params.id, ctx.params.token)
    const everyone = await membersOf(transfer.orgId)
    const target = everyone.find((row) => row.membership.id === transfer.toMembershipId)
    return ctx.view.render('orgs/transfers/sign', {
      transfer,
      org: transfer.org,
      closed: transferClosedReason(transfer),
      target: target ? `${maskName(target.name)} ${maskPhone(target.phone)}` : '—',
      legalRep: maskName(transfer.legalRepName ?? ''),
      phone: maskPhone(transfer.legalRepPhone),
    })
  }

  async signStore(ctx: HttpContext) {
    const transfer = await transferOfLink(ctx.params.id, ctx.params.token)
    const back = urlFor('orgs.transfer_sign.show', {
      id: transfer.orgId,
      token: ctx.params.token,
    })
    await assertLinkOpen(transfer)
    if (wantsCode(ctx)) {
      return sendCodeAndReturn(ctx, {
        purpose: TRANSFER_PURPOSE,
        phone: transfer.legalRepPhone,
        to: back,
      })
    }
    const { smsCode } = await ctx.request.validateUsing(consentValidator)
    await signTransfer(transfer.orgId, ctx.params.token, { smsCode, ...signatureOf(ctx) })
    ctx.session.flash('success', `签署完成，“${transfer.org.name}”的管理员移交已生效`)
    return ctx.response.redirect().toPath(back)
  }
}
