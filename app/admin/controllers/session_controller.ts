import type { HttpContext } from '@adonisjs/core/http'
import { staffLoginValidator } from '#admin/validators'
import staffAuth, {
  STAFF_PASSWORD_STAMP_KEY,
  STAFF_SIGNED_IN_AT_KEY,
  passwordStamp,
} from '#admin/actions/staff_auth'

/**
 * Staff login at /admin/login (separate from the applicants' login).
 */
export default class SessionController {
  async create({ view, auth, response }: HttpContext) {
    if (await auth.use('admin').check()) return response.redirect().toRoute('admin.dashboard')
    return view.render('admin/auth/login')
  }

  async store(ctx: HttpContext) {
    const { request, auth, session, response } = ctx
    const payload = await request.validateUsing(staffLoginValidator)
    const result = await staffAuth.attempt(payload.username, payload.password, request.ip())
    if (!result.ok) {
      session.flashExcept(['_csrf', 'password'])
      session.flash('error', result.message)
      return response.redirect().toRoute('admin.session.create')
    }
    const intended = session.pull('admin_intended_url')
    await auth.use('admin').login(result.staff)
    session.put(STAFF_PASSWORD_STAMP_KEY, passwordStamp(result.staff))
    session.put(STAFF_SIGNED_IN_AT_KEY, Date.now())
    if (result.staff.mustChangePassword) {
      session.flash('warning', '首次登录或密码已被重置，请先修改密码')
      return response.redirect().toRoute('admin.profile.password')
    }
    if (
      typeof intended === 'string' &&
      intended.startsWith('/admin') &&
      !intended.startsWith('//')
    ) {
      return response.redirect().toPath(intended)
    }
    return response.redirect().toRoute('admin.dashboard')
  }

  async destroy({ auth, response, session }: HttpContext) {
    if (await auth.use('admin').check()) {
      await staffAuth.recordLogout(auth.use('admin').user!)
      await auth.use('admin').logout()
    }
    session.forget(STAFF_PASSWORD_STAMP_KEY)
    session.forget(STAFF_SIGNED_IN_AT_KEY)
    session.flash('success', '已退出后台')
    return response.redirect().toRoute('admin.session.create')
  }
}
