import type { HttpContext } from '@adonisjs/core/http'
import type User from '#accounts/models/user'
import { orgProfileValidator, personProfileValidator } from '#accounts/validators'
import { updateProfile } from '#accounts/actions/profile'
import { ownPhoneRequests } from '#accounts/queries/reviews'
import { AccountError } from '#accounts/errors'
import { ACCOUNT_TEXTS } from '#accounts/messages'
import { backToForm } from '#accounts/controllers/form_support'

/**
 * 个人中心: account information and the way to every security page;
 * 修改个人信息.
 */
export default class AccountController {
  async show({ auth, view }: HttpContext) {
    const user = auth.use('web').user as User
    const requests = await ownPhoneRequests(user.id, 1)
    return view.render('accounts/account/show', {
      user,
      pendingPhoneRequest: requests.find((r) => r.status === 'pending') ?? null,
    })
  }

  async edit({ auth, view }: HttpContext) {
    const user = auth.use('web').user as User
    return view.render('accounts/account/edit', { user })
  }

  async update(ctx: HttpContext) {
    const { auth, request, response, session } = ctx
    const user = auth.use('web').user as User
    const payload =
      user.accountType === 'org'
        ? await request.validateUsing(orgProfileValidator)
        : await request.validateUsing(personProfileValidator)
    try {
      const changed = await updateProfile(user, payload)
      session.flash('success', changed.length ? ACCOUNT_TEXTS.profileUpdated : '信息没有变化')
      return response.redirect('/account')
    } catch (error) {
      if (error instanceof AccountError)
        return backToForm(ctx, '/account/edit', error.toFormError())
      throw error
    }
  }
}
