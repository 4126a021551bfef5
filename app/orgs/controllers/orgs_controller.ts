import type { HttpContext } from '@adonisjs/core/http'
import { sendPrivateFile } from '#core/http/private_file'
import { isRuleError } from '#core/rule_error'
import {
  memberAccess,
  membersOf,
  membershipsOf,
  orgHistory,
  personHistory,
  searchOrgs,
  MIN_NAME_LENGTH,
} from '#orgs/queries/orgs'
import { orgValidation } from '#orgs/queries/validation'
import { applicantOf } from '#orgs/controllers/support'
import { authorisationLetter } from '#orgs/letter_template'

/**
 * 我的机构 (关联机构): the person's orgs, 查询机构 before a claim or a
 * join, an org's page for its members, 历史关联, and the 授权委托书
 * template.
 */
export default class OrgsController {
  async index(ctx: HttpContext) {
    const applicant = applicantOf(ctx)
    const memberships = await membershipsOf(applicant.id)
    return ctx.view.render('orgs/index', { memberships, menu: 'orgs' })
  }

  /** 查询机构: GET with name or uscc; an invalid query is shown at its field */
  async search(ctx: HttpContext) {
    const { request, view } = ctx
    const name = String(request.input('name') ?? '').trim()
    const uscc = String(request.input('uscc') ?? '')
      .trim()
      .toUpperCase()
    let results = null
    let error: { field: string; message: string } | null = null
    if (name || uscc) {
      try {
        results = await searchOrgs({ name, uscc })
      } catch (failure) {
        if (!isRuleError(failure)) throw failure
        error = { field: failure.field ?? 'name', message: failure.message }
      }
    }
    return view.render('orgs/search', { name, uscc, results, error, minLength: MIN_NAME_LENGTH })
  }

  async show(ctx: HttpContext) {
    const membership = await memberAccess(applicantOf(ctx), ctx.params.id)
    const members = await membersOf(membership.orgId)
    const history = await orgHistory(membership.orgId, 20)
    const validation = await orgValidation(membership.orgId)
    return ctx.view.render('orgs/show', {
      membership,
      org: membership.org,
      members,
      history,
      validation,
    })
  }

  async licence(ctx: HttpContext) {
    const membership = await memberAccess(applicantOf(ctx), ctx.params.id)
    const org = membership.org
    if (!org.licenceKey) return ctx.response.notFound('营业执照不存在')
    return sendPrivateFile(ctx, {
      key: org.licenceKey,
      type: org.licenceType ?? 'jpg',
      name: `营业执照.${org.licenceType ?? 'jpg'}`,
      disposition: 'inline',
    })
  }

  async history(ctx: HttpContext) {
    const history = await personHistory(applicantOf(ctx).id)
    return ctx.view.render('orgs/history', history)
  }

  async letterTemplate(ctx: HttpContext) {
    return sendPrivateFile(ctx, {
      bytes: authorisationLetter(),
      mime: 'text/plain; charset=utf-8',
      name: '授权委托书（模板）.txt',
    })
  }
}
