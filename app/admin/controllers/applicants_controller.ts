import type { HttpContext } from '@adonisjs/core/http'
import { ACCOUNT_TYPES, REAL_NAME_STATUSES, USER_STATUSES } from '#accounts/models/user'
import ApplicantPolicy from '#accounts/policies/applicant_policy'
import { findUserModel, searchApplicants } from '#accounts/queries/users'
import { presentEntry, recentAccountEntries } from '#accounts/queries/operation_logs'
import { appealsOfUser, phoneRequestsOfUser } from '#accounts/queries/reviews'
import deviceSessions from '#accounts/actions/device_sessions'
import { freezeAccount, unfreezeAccount } from '#accounts/actions/account_admin'
import { AccountStateError } from '#accounts/account_status'
import { USER_STATUS_TONES } from '#accounts/account_status'
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
      q: typeof qs.q === 'string' ? qs.q : '',
      type: typeof qs.type === 'string' ? qs.type : '',
      status: typeof qs.status === 'string' ? qs.status : '',
      realName: typeof qs.realName === 'string' ? qs.realName : '',
    }
    const page = Math.max(1, Number(qs.page) || 1)
    const list = await searchApplicants(query, page)
    return view.render('admin/applicants/index', {
      list,
      query,
      accountTypes: ACCOUNT_TYPES,
      statuses: USER_STATUSES,
      realNameStatuses: REAL_NAME_STATUSES,
      statusTones: USER_STATUS_TONES,
    })
  }

  async show({ bouncer, params, view, response }: HttpContext) {
    await bouncer.with(ApplicantPolicy).authorize('view')
    const user = await findUserModel(String(params.id))
    if (!user) return response.notFound()
    const entries = await recentAccountEntries(user.id, 20)
    return view.render('admin/applicants/show', {
      user,
      devices: await deviceSessions.list(user.id),
      entries: entries.map((e) => presentEntry(e, null, { maskPhones: false })),
      phoneRequests: await phoneRequestsOfUser(user.id),
      appeals: await appealsOfUser(user.id),
      statusTones: USER_STATUS_TONES,
      canChangeStatus: await bouncer.with(ApplicantPolicy).allows('changeStatus'),
    })
  }

  async freeze(ctx: HttpContext) {
    return this.#changeStatus(ctx, 'freeze')
  }

  async unfreeze(ctx: HttpContext) {
    return this.#changeStatus(ctx, 'unfreeze')
  }

  async #changeStatus(
    { bouncer, params, request, response, session }: HttpContext,
    to: 'freeze' | 'unfreeze'
  ) {
    await bouncer.with(ApplicantPolicy).authorize('changeStatus')
    const user = await findUserModel(String(params.id))
    if (!user) return response.notFound()
    const { reason } = await request.validateUsing(freezeValidator)
    try {
      if (to === 'freeze') await freezeAccount(user.id, reason)
      else await unfreezeAccount(user.id, reason)
      session.flash('success', to === 'freeze' ? '账号已冻结，其所有设备已退出登录' : '账号已解冻')
    } catch (error) {
      if (!(error instanceof AccountStateError)) throw error
      session.flash('error', error.message)
    }
    return response.redirect(`/admin/applicants/${user.id}`)
  }
}
