import type { HttpContext } from '@adonisjs/core/http'
import { ID_TYPES } from '#core/validation/identity'
import { findOrgByUscc, memberAccess } from '#orgs/queries/orgs'
import { requireAdmin } from '#orgs/actions/members'
import { submitAppeal, submitChange } from '#orgs/actions/cases'
import { appealValidator, changeValidator } from '#orgs/validators'
import { LETTER_HELP, LICENCE_HELP } from '#orgs/services/files'
import { orgNotFound } from '#orgs/errors'
import { applicantOf, licenceOf, readLicenceIntoForm } from '#orgs/controllers/support'

/**
 * 机构变更 (企业名称变更 / 法定代表人变更, the org's admin) and 机构申诉
 * (anyone verified, when someone else claimed the org): staff review both.
 */
export default class CasesController {
  async changeForm(ctx: HttpContext) {
    const membership = await memberAccess(applicantOf(ctx), ctx.params.id)
    requireAdmin(membership)
    const kind =
      ctx.request.input('kind') === 'change_legal_rep' ? 'change_legal_rep' : 'change_name'
    return ctx.view.render('orgs/change', {
      org: membership.org,
      kind,
      idTypes: ID_TYPES,
      licenceHelp: LICENCE_HELP,
      letterHelp: LETTER_HELP,
    })
  }

  async change(ctx: HttpContext) {
    const membership = await memberAccess(applicantOf(ctx), ctx.params.id)
    requireAdmin(membership)
    if (ctx.request.input('intent') === 'ocr') {
      /* 识别营业执照并填入: the new name or legal representative from the licence */
      const kind =
        ctx.request.input('kind') === 'change_legal_rep' ? 'change_legal_rep' : 'change_name'
      await readLicenceIntoForm(
        ctx,
        kind === 'change_name' ? { new_name: 'name' } : { legal_rep_name: 'legal_representative' },
        { credit_code: membership.org.uscc }
      )
      ctx.session.flash('info', '已识别营业执照并填入，请逐项核对后提交')
      return ctx.response
        .redirect()
        .toRoute('orgs.change.create', { id: membership.orgId }, { qs: { kind } })
    }
    const payload = await ctx.request.validateUsing(changeValidator)
    const row = await submitChange(membership, applicantOf(ctx), payload, {
      licence: await licenceOf(ctx),
      letter: ctx.request.file('letter'),
    })
    ctx.session.flash(
      'success',
      `${row.kindLabel}申请已提交（编号 ${row.requestNo}），请等待 CA 工作人员审核`
    )
    return ctx.response.redirect().toRoute('orgs.show', { id: membership.orgId })
  }

  async appealForm(ctx: HttpContext) {
    const uscc = String(ctx.request.input('uscc') ?? '')
      .trim()
      .toUpperCase()
    const org = uscc ? await findOrgByUscc(uscc) : null
    if (!org || org.status !== 'claimed') orgNotFound()
    return ctx.view.render('orgs/appeal', {
      org,
      licenceHelp: LICENCE_HELP,
      letterHelp: LETTER_HELP,
    })
  }

  async appeal(ctx: HttpContext) {
    const payload = await ctx.request.validateUsing(appealValidator)
    const row = await submitAppeal(applicantOf(ctx), payload, {
      licence: ctx.request.file('licence'),
      letter: ctx.request.file('letter'),
    })
    ctx.session.flash('success', `机构申诉已提交（编号 ${row.requestNo}），请等待 CA 工作人员审核`)
    return ctx.response.redirect().toRoute('orgs.history')
  }
}
