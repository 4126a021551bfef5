import type { HttpContext } from '@adonisjs/core/http'
import { NotFoundError } from '#core/rule_error'
import { applicantsByIds, type Applicant } from '#accounts/queries/users'
import { actingIdentityOf } from '#orgs/queries/acting'
import { SESSION_KINDS } from '#platforms/models/session'
import {
  myPlatforms,
  ownAccount,
  packagesByPlatform,
  platformsToOpen,
} from '#platforms/queries/accounts'
import { scanReports } from '#platforms/queries/sessions'
import { sealQuotaOf } from '#seals/queries/packages'
import { tasksOf } from '#platforms/queries/tasks'
import { bindCertificate, openPlatform, unbindCertificate } from '#platforms/actions/accounts'
import { refuseTask, signTasks } from '#platforms/actions/tasks'
import { usableCertificates } from '#platforms/actions/sessions'
import { bindValidator, refuseValidator, signTasksValidator } from '#platforms/validators'

/**
 * 我的交易平台 (opened platforms, 开通新交易平台, 主体注册/绑定, 证书解绑),
 * 扫码报告 and 待办, the signed-in holder's own (another's id is a 404).
 */
export default class MyPlatformsController {
  #user(ctx: HttpContext) {
    return ctx.auth.getUserOrFail() as Applicant
  }

  async index(ctx: HttpContext) {
    const user = this.#user(ctx)
    const acting = await actingIdentityOf(ctx)
    return ctx.view.render('platforms/index', {
      items: await myPlatforms(user.id),
      /* 套餐余量: the org's when acting for it, else the person's */
      packages: await packagesByPlatform(
        acting?.kind === 'org' ? { orgId: acting.org.id } : { userId: user.id }
      ),
      packageOwner: acting?.kind === 'org' ? acting.org.name : null,
      /* 印章机构套餐余量: the org's 印章套餐 (seals), its admin may buy and extend */
      sealQuota: acting?.kind === 'org' ? await sealQuotaOf(acting.org.id) : null,
      sealAdmin: acting?.kind === 'org' && acting.isAdmin,
      toOpen: await platformsToOpen(user.id),
      certificates: await usableCertificates(user.id),
    })
  }

  async open(ctx: HttpContext) {
    const user = this.#user(ctx)
    await openPlatform(user.id, String(ctx.request.input('integration_id') ?? ''))
    ctx.session.flash('success', '已开通该交易平台')
    return ctx.response.redirect().toRoute('platforms.index')
  }

  async register(ctx: HttpContext) {
    const user = this.#user(ctx)
    const account = await ownAccount(user.id, ctx.params.id)
    if (!account) throw new NotFoundError()
    const items = await myPlatforms(user.id)
    const item = items.find((i) => i.account.id === account.id)!
    return ctx.view.render('platforms/register', {
      item,
      certificates: await usableCertificates(user.id),
    })
  }

  async bind(ctx: HttpContext) {
    const user = this.#user(ctx)
    const account = await ownAccount(user.id, ctx.params.id)
    if (!account) throw new NotFoundError()
    const payload = await ctx.request.validateUsing(bindValidator)
    await bindCertificate(account, user.id, payload)
    ctx.session.flash('success', '主体注册完成，证书已绑定')
    return ctx.response.redirect().toRoute('platforms.index')
  }

  async unbind(ctx: HttpContext) {
    const user = this.#user(ctx)
    const account = await ownAccount(user.id, ctx.params.id)
    if (!account) throw new NotFoundError()
    await unbindCertificate(account, user.id)
    ctx.session.flash('success', '证书已解绑')
    return ctx.response.redirect().toRoute('platforms.index')
  }

  async reports(ctx: HttpContext) {
    const user = this.#user(ctx)
    const qs = ctx.request.qs()
    const q = typeof qs.q === 'string' ? qs.q.trim().slice(0, 50) : ''
    const kind = typeof qs.kind === 'string' && qs.kind in SESSION_KINDS ? qs.kind : ''
    const page = Math.max(1, Number(qs.page) || 1)
    const acting = await actingIdentityOf(ctx)
    const org = acting?.kind === 'org' ? acting : null
    const reports = await scanReports(
      org ? { orgId: org.org.id, userId: user.id, allMembers: org.isAdmin } : { userId: user.id },
      { q, kind },
      page
    )
    reports.baseUrl(ctx.request.url())
    reports.queryString({ q, kind })
    const operators = org?.isAdmin
      ? await applicantsByIds([...new Set(reports.all().map((r) => r.userId!))])
      : null
    return ctx.view.render('platforms/reports', {
      reports,
      query: { q, kind },
      kinds: SESSION_KINDS,
      orgName: org?.org.name ?? null,
      operators,
    })
  }

  async tasks(ctx: HttpContext) {
    const user = this.#user(ctx)
    const done = ctx.request.qs().tab === 'done'
    return ctx.view.render('platforms/tasks', {
      tasks: await tasksOf(user.id, done),
      done,
      certificates: await usableCertificates(user.id),
    })
  }

  async signTasks(ctx: HttpContext) {
    const user = this.#user(ctx)
    const raw = ctx.request.input('task_ids')
    const payload = await ctx.request.validateUsing(signTasksValidator, {
      data: {
        task_ids: (Array.isArray(raw) ? raw : raw ? [raw] : []).map(String),
        certificate_id: ctx.request.input('certificate_id'),
        pin: ctx.request.input('pin'),
      },
    })
    const count = await signTasks(user.id, payload.taskIds, payload)
    ctx.session.flash('success', `已签署 ${count} 项待办，验签成功`)
    return ctx.response.redirect().toRoute('platforms.tasks')
  }

  async refuseTask(ctx: HttpContext) {
    const user = this.#user(ctx)
    const payload = await ctx.request.validateUsing(refuseValidator)
    await refuseTask(user.id, String(ctx.params.id), payload.reason)
    ctx.session.flash('success', '已拒签')
    return ctx.response.redirect().toRoute('platforms.tasks')
  }
}
