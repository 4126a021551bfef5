import audit from '#core/audit/audit_service'
import { isUuid } from '#core/ids'
import type User from '#accounts/models/user'
import deviceSessions from '#accounts/actions/device_sessions'
import { AccountError } from '#accounts/errors'

/**
 * 登录设备 → 退出: that browser is signed out on its next request.
 * Returns false when the device is not this user's (or already out).
 */
export async function signOutDevice(user: User, deviceId: string, currentDeviceId: string | null) {
  if (!isUuid(deviceId)) return false
  if (deviceId === currentDeviceId) throw new AccountError('当前设备请使用“退出登录”')
  const device = await deviceSessions.revoke(user.id, deviceId)
  if (!device) return false
  await audit.record({
    action: 'accounts.device.revoke',
    subjectType: 'user',
    subjectId: user.id,
    data: { device: device.label },
  })
  return true
}

/**
 * 退出其他所有设备.
 */
export async function signOutOtherDevices(user: User, currentDeviceId: string | null) {
  const count = await deviceSessions.revokeAllExcept(user.id, currentDeviceId)
  if (count) {
    await audit.record({
      action: 'accounts.device.revoke_others',
      subjectType: 'user',
      subjectId: user.id,
      data: { devices: count },
    })
  }
  return count
}
