import type { ApiRequest } from '@japa/api-client'
import type User from '#accounts/models/user'
import type Staff from '#admin/models/staff'
import deviceSessions, { DEVICE_SESSION_KEY } from '#accounts/actions/device_sessions'

/**
 * Sign a request in as an applicant: a login device row plus the session,
 * exactly what a real login leaves behind.
 */
export async function asApplicant(request: ApiRequest, user: User) {
  const device = await deviceSessions.open(user.id, { userAgent: 'japa', ip: '127.0.0.1', method: 'password' })
  return request.withSession({ [DEVICE_SESSION_KEY]: device.id }).loginAs(user)
}

/**
 * Sign a request in as a staff member (back office guard).
 */
export function asStaff(request: ApiRequest, staff: Staff) {
  return request.withGuard('admin').loginAs(staff)
}
