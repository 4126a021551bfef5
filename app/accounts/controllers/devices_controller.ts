import type { HttpContext } from '@adonisjs/core/http'
import type User from '#accounts/models/user'
import deviceSessions, { DEVICE_SESSION_KEY } from '#accounts/actions/device_sessions'
import { signOutDevice, signOutOtherDevices } from '#accounts/actions/devices'
import { NotFoundError } from '#core/rule_error'

/**
 * 登录设备: where this account is signed in; sign out one device or all
 * the others.
 */
export default class DevicesController {
  async index({ auth, view, session }: HttpContext) {
    const user = auth.use('web').user as User
    const devices = await deviceSessions.list(user.id)
    return view.render('accounts/account/devices', {
      devices,
      currentDeviceId: session.get(DEVICE_SESSION_KEY) ?? null,
    })
  }

  async destroy({ auth, params, session, response }: HttpContext) {
    const user = auth.use('web').user as User
    const current = session.get(DEVICE_SESSION_KEY) ?? null
    const done = await signOutDevice(user, String(params.id), current)
    if (!done) throw new NotFoundError('该设备不存在或已退出登录')
    session.flash('success', '该设备已退出登录')
    return response.redirect().toRoute('accounts.devices.index')
  }

  async destroyOthers({ auth, session, response }: HttpContext) {
    const user = auth.use('web').user as User
    const count = await signOutOtherDevices(user, session.get(DEVICE_SESSION_KEY) ?? null)
    session.flash('success', count ? `已退出其他 ${count} 台设备` : '没有其他已登录的设备')
    return response.redirect().toRoute('accounts.devices.index')
  }
}
