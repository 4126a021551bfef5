import type { HttpContext } from '@adonisjs/core/http'
import { page, text } from '#core/http/list_filters'
import { NotFoundError } from '#core/rule_error'
import { ACCOUNT_TYPES, REAL_NAME_STATUSES } from '#accounts/models/user'
import { accountLifecycle } from '#accounts/account_lifecycle'
import ApplicantPolicy from '#accounts/policies/applicant_policy'
import { findUserModel, searchApplicants } from '#accounts/queries/users'
import { recentEntriesForStaff } from '#accounts/queries/operation_logs'
import { appealsOfUser, phoneRequestsOfUser } from '#accounts/queries/reviews'
import deviceSessions from '#accounts/actions/device_sessions'
import { freezeAccount, unfreezeAccount } from '#accounts/actions/account_admin'
import { freezeValidator } from '#accounts/validators'

/**
 * 申请人: search applicants, read one account with its devices and its
 * recent audit entries; super admins freeze / unfreeze.
 */
export default class ApplicantsController {
  async index({ bouncer, request, view }: HttpContext) {
    await bouncer.with(ApplicantPolicy).authorize('view')
    const qs = request.qs()
    const query = {
      q: text(qs.q) ?? '',
      type: text(qs.type, 20) ?? '',
      status: text(qs.status, 20) ?? '',
      realName: text(qs.realName, 20) ?? '',
    }
    const list = await searchApplicants(query, page(qs.page))
    return view.render('accounts/admin/applicants/index', {
      list,
      query,
      accountTypes: ACCOUNT_TYPES,
      statuses: accountLifecycle.labels(),
      realNameStatuses: REAL_NAME_STATUSES,
    })
  }

  async show({ bouncer, params, view }: HttpContext) {
    await bouncer.with(ApplicantPolicy).authorize('view')
    const user = await this.#find(params.id)
    return view.render('accounts/admin/applicants/show', {
      user,
      devices: await deviceSessions.list(user.id),
      entries: await recentEntriesForStaff(user.id, 20),
      phoneRequests: await phoneRequestsOfUser(user.id),
      appeals: await appealsOfUser(user.id),
      canChangeStatus: await bouncer.with(ApplicantPolicy).allows('changeStatus'),
    })
  }

  async freeze(ctx: HttpContext) {
    return this.#changeStatus(ctx, freezeAccount, '账号已冻结，其所有设备已退出登录')
  }

  async unfreeze(ctx: HttpContext) {
    return this.#changeStatus(ctx, unfreezeAccount, '账号已解冻')
  }

  async #changeStatus(
    { bouncer, params, request, response, session }: HttpContext,
    change: (userId: string, reason: string) => Promise<unknown>,
    done: string
  ) {
    await bouncer.with(ApplicantPolicy).authorize('changeStatus')
    const user = await this.#find(params.id)
    const { reason } = await request.validateUsing(freezeValidator)
    await change(user.id, reason)
    session.flash('success', done)
    return response.redirect().toRoute('admin.applicants.show', { id: user.id })
  }

  async #find(id: unknown) {
    const user = await findUserModel(String(id))
    if (!user) throw new NotFoundError('该申请人不存在')
    return user
  }
}
