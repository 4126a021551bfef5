import type { ApiRequest } from '@japa/api-client'
import { randomUUID } from 'node:crypto'
import { DateTime } from 'luxon'
import type User from '#accounts/models/user'
import type Staff from '#admin/models/staff'
import UserDevice from '#accounts/models/user_device'
import { DEVICE_SESSION_KEY } from '#accounts/actions/device_sessions'

/**
 * Sign a request in as an applicant: a login device row plus the session,
 * exactly what a real login leaves behind. Returns the request, so it
 * chains: asApplicant(client.post(url), user).withCsrfToken().form({...})
 */
export function asApplicant(request: ApiRequest, user: User, deviceId: string = randomUUID()) {
  return request
    .setup(async () => {
      if (!(await UserDevice.find(deviceId))) {
        await UserDevice.create({
          id: deviceId,
          userId: user.id,
          label: 'Japa · 测试',
          userAgent: 'japa',
          ip: '127.0.0.1',
          loginMethod: 'password',
          lastSeenAt: DateTime.utc(),
          revokedAt: null,
        })
      }
    })
    .withSession({ [DEVICE_SESSION_KEY]: deviceId })
    .loginAs(user)
}

/**
 * Sign a request in as a staff member (back office guard).
 */
export function asStaff(request: ApiRequest, staff: Staff) {
  return request.withGuard('admin').loginAs(staff)
}
