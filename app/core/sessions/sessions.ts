import app from '@adonisjs/core/services/app'
import { configProvider } from '@adonisjs/core'
import type { ConfigProvider } from '@adonisjs/core/types'
import type {
  ResolvedSessionConfig,
  SessionData,
  SessionStoreFactory,
} from '@adonisjs/session/types'
import {
  CoreSessionStore,
  ownersOf,
  type CoreSessionStoreOptions,
  type SessionOwnerKeys,
} from '#core/sessions/database_store'

/**
 * Sessions held on the server, ended from the server.
 *
 *   coreSessionStore({...})   the store factory config/session.ts names "database"
 *   endSessions({ staffId })  ends every session of a staff member (password
 *                             reset, deactivation), of an applicant, or of a
 *                             login device (设备下线), at once and on every
 *                             instance that shares the database
 *
 * With the memory store (tests) the same owners are found by scanning the
 * process's sessions; the cookie store cannot end a session it does not
 * hold (it is not offered any more, see config/session.ts).
 */
export function coreSessionStore(
  options: CoreSessionStoreOptions & { connectionName?: string }
): ConfigProvider<SessionStoreFactory> {
  return configProvider.create(async (application) => {
    const db = await application.container.make('lucid.db')
    return (_, sessionConfig) =>
      new CoreSessionStore(() => db.connection(options.connectionName), sessionConfig.age, options)
  })
}

/** config/session.ts (read when needed: it imports this file) */
async function sessionSettings(): Promise<{ store: string; owners: SessionOwnerKeys }> {
  const { sessionStoreName, sessionOwners } = await import('#config/session')
  return { store: sessionStoreName, owners: sessionOwners }
}

export interface SessionOwnerFilter {
  staffId?: string
  applicantId?: string
  deviceId?: string
  /** keep the sessions of this device (the one the applicant is using) */
  exceptDeviceId?: string | null
  /** keep this session (the request's own) */
  exceptSessionId?: string | null
}

function matches(
  data: SessionData | null,
  sessionId: string,
  filter: SessionOwnerFilter,
  keys: SessionOwnerKeys
) {
  const owners = ownersOf(data, keys)
  if (filter.exceptSessionId && sessionId === filter.exceptSessionId) return false
  if (filter.exceptDeviceId && owners.deviceId === filter.exceptDeviceId) return false
  if (filter.staffId !== undefined && owners.staffId !== String(filter.staffId)) return false
  if (filter.applicantId !== undefined && owners.applicantId !== String(filter.applicantId))
    return false
  if (filter.deviceId !== undefined && owners.deviceId !== String(filter.deviceId)) return false
  return true
}

/**
 * End (delete) the sessions matching the filter; returns how many.
 * At least one of staffId, applicantId, deviceId is required.
 */
export async function endSessions(filter: SessionOwnerFilter): Promise<number> {
  if (filter.staffId === undefined && filter.applicantId === undefined && !filter.deviceId) {
    throw new Error('endSessions needs an owner (staffId, applicantId or deviceId)')
  }
  const { store, owners } = await sessionSettings()
  if (store === 'database') {
    const { default: db } = await import('@adonisjs/lucid/services/db')
    const query = db.from('sessions')
    if (filter.staffId !== undefined) query.where('staff_id', String(filter.staffId))
    if (filter.applicantId !== undefined) query.where('applicant_id', String(filter.applicantId))
    if (filter.deviceId !== undefined) query.where('device_id', String(filter.deviceId))
    if (filter.exceptSessionId) query.whereNot('id', filter.exceptSessionId)
    if (filter.exceptDeviceId) {
      query.where((q) => q.whereNull('device_id').orWhereNot('device_id', filter.exceptDeviceId!))
    }
    return Number(await query.delete())
  }
  if (store === 'memory') {
    const sessions = await memorySessions()
    let ended = 0
    for (const [id, data] of sessions) {
      if (matches(data, id, filter, owners)) {
        sessions.delete(id)
        ended++
      }
    }
    return ended
  }
  return 0
}

/**
 * The memory store keeps every session of the process in one static map
 * (used by the tests' session driver).
 */
async function memorySessions(): Promise<Map<string, SessionData>> {
  const config = await configProvider.resolve<ResolvedSessionConfig>(app, app.config.get('session'))
  const instance = config!.stores.memory({} as any, config!) as object
  return (instance.constructor as unknown as { sessions: Map<string, SessionData> }).sessions
}
