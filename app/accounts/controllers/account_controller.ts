import type { HttpContext } from '@adonisjs/core/http'
import type User from '#accounts/models/user'
import { orgProfileValidator, personProfileValidator } from '#accounts/validators'
import { updateProfile } from '#accounts/actions/profile'
import { phoneRequestsOfUser } from '#accounts/queries/reviews'
import { ACCOUNT_TEXTS } from '#accounts/messages'

/**
 * 个人中心: account information and the way to every security page;
 * 修改个人信息.
 */
export default class AccountController {
  async show({ auth, view }: HttpContext) {
    const user = auth.use('web').user as User
    const requests = await phoneRequestsOfUser(user.id, 1)
    return view.render('accounts/account/show', {
      user,
      pendingPhoneRequest: requests.find((r) => r.status === 'pending') ?? null,
    })
  }

  async edit({ auth, view }: HttpContext) {
    const user = auth.use('web').user as User
    return view.render('accounts/account/edit', { user })
  }

  async update({ auth, request, response, session }: HttpContext) {
    const user = auth.use('web').user as User
    const payload =
      user.accountType === 'org'
        ? await request.validateUsing(orgProfileValidator)
        : await request.validateUsing(personProfileValidator)
    const changed = await updateProfile(user, payload)
    session.flash('success', changed.length ? ACCOUNT_TEXTS.profileUpdated : '信息没有变化')
    return response.redirect().toRoute('accounts.account.show')
  }
}
