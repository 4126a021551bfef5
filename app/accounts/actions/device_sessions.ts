import { DateTime } from 'luxon'
import app from '@adonisjs/core/services/app'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import UserDevice from '#accounts/models/user_device'
import { endSessions } from '#core/sessions/sessions'

export const DEVICE_SESSION_KEY = 'device_id'

/**
 * A short, readable name for a browser: "Chrome · Windows", "微信 · iPhone".
 */
export function deviceLabel(userAgent: string | null | undefined): string {
  const ua = userAgent ?? ''
  let browser = '浏览器'
  if (/MicroMessenger/i.test(ua)) browser = '微信'
  else if (/Edg\//.test(ua)) browser = 'Edge'
  else if (/Firefox\//.test(ua)) browser = 'Firefox'
  else if (/Chrome\//.test(ua)) browser = 'Chrome'
  else if (/Safari\//.test(ua)) browser = 'Safari'
  else if (/curl|node|undici|axios|python/i.test(ua)) browser = '程序客户端'
  let os = '未知系统'
  if (/iPhone/.test(ua)) os = 'iPhone'
  else if (/iPad/.test(ua)) os = 'iPad'
  else if (/Android/.test(ua)) os = 'Android'
  else if (/HarmonyOS/i.test(ua)) os = '鸿蒙'
  else if (/Windows/.test(ua)) os = 'Windows'
  else if (/Mac OS X/.test(ua)) os = 'macOS'
  else if (/Linux/.test(ua)) os = 'Linux'
  return `${browser} · ${os}`
}

/**
 * A device found signed in is not looked up again for CHECKED_FOR_MS in
 * this process (the device query ran on every page view). Signing a device
 * out never relies on this check alone: revoke and revokeAllExcept also
 * delete its sessions (endSessions), which ends them at once on every
 * instance; this process also forgets its own record. Tests check always.
 */
const CHECKED_FOR_MS = app.inTest ? 0 : 30_000
const checked = new Map<string, number>()

export class DeviceSessions {
  async open(
    userId: string,
    info: { userAgent: string | null; ip: string | null; method: 'password' | 'sms' }
  ) {
    return UserDevice.create({
      userId,
      label: deviceLabel(info.userAgent),
      userAgent: info.userAgent?.slice(0, 255) ?? null,
      ip: info.ip,
      loginMethod: info.method,
      lastSeenAt: DateTime.utc(),
      revokedAt: null,
    })
  }

  /**
   * The device of this session if it is still signed in; touches
   * last_seen_at at most once a minute.
   */
  async touch(userId: string, deviceId: string | undefined | null): Promise<boolean> {
    if (!deviceId) return false
    const key = `${userId}:${deviceId}`
    const at = checked.get(key)
    if (at !== undefined && Date.now() - at < CHECKED_FOR_MS) return true
    const device = await UserDevice.query().where('id', deviceId).where('user_id', userId).first()
    if (!device || device.revokedAt) {
      checked.delete(key)
      return false
    }
    if (device.lastSeenAt.diffNow('seconds').seconds < -60) {
      device.lastSeenAt = DateTime.utc()
      await device.save()
    }
    if (CHECKED_FOR_MS > 0) {
      if (checked.size > 10_000) checked.clear()
      checked.set(key, Date.now())
    }
    return true
  }

  async list(userId: string) {
    return UserDevice.query().where('user_id', userId).orderBy('last_seen_at', 'desc').limit(50)
  }

  async revoke(userId: string, deviceId: string) {
    const device = await UserDevice.query()
      .where('id', deviceId)
      .where('user_id', userId)
      .whereNull('revoked_at')
      .first()
    if (!device) return null
    device.revokedAt = DateTime.utc()
    await device.save()
    checked.delete(`${userId}:${deviceId}`)
    // the device's session ends at once, on every instance (server-side sessions)
    await endSessions({ deviceId })
    return device
  }

  /**
   * Sign out every device but one (none: all), in the caller's
   * transaction when given (a staff decision that changes the phone).
   */
  async revokeAllExcept(
    userId: string,
    keepDeviceId: string | null,
    trx?: TransactionClientContract
  ) {
    const query = UserDevice.query({ client: trx }).where('user_id', userId).whereNull('revoked_at')
    if (keepDeviceId) query.whereNot('id', keepDeviceId)
    const devices = await query
    for (const device of devices) {
      device.revokedAt = DateTime.utc()
      await device.save()
      checked.delete(`${userId}:${device.id}`)
    }
    await endSessions({ applicantId: userId, exceptDeviceId: keepDeviceId })
    return devices.length
  }
}

const deviceSessions = new DeviceSessions()
export default deviceSessions
