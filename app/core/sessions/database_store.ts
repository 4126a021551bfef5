import { MessageBuilder } from '@adonisjs/core/helpers'
import string from '@adonisjs/core/helpers/string'
import type { QueryClientContract } from '@adonisjs/lucid/types/database'
import type {
  SessionData,
  SessionStoreWithTaggingContract,
  TaggedSession,
} from '@adonisjs/session/types'

/**
 * The session store of CertDesk on its own database (SQLite or
 * PostgreSQL): the same table layout and data format as the framework's
 * database store (@adonisjs/session `stores.database`), with what the
 * framework's store does not do:
 *
 * - owner columns (staff member, applicant, login device) copied from the
 *   session data on every write, so that `endSessions` (#core/sessions/sessions)
 *   can end every session of a staff member or a device at once, on every
 *   instance sharing the database;
 * - no database write for a request that changed nothing: the framework
 *   store extends the expiry on every such request (a write per page
 *   view); here the expiry moves only when it is more than `touchAfter`
 *   old. Idle and absolute lifetimes are decided by
 *   #middleware/session_lifetime_middleware from times kept in the data;
 *   the row's expiry only lets the store forget abandoned sessions;
 * - expired rows are deleted by the scheduled job core.sessions_gc, not
 *   on the request path.
 */
export interface CoreSessionStoreOptions {
  tableName?: string
  /** session data keys that name the owners (guards' keys, the device key) */
  owners: SessionOwnerKeys
  /** extend the expiry of an unchanged session at most this often */
  touchAfter?: string | number
  /** the clock (tests move it) */
  now?: () => number
}

export interface SessionOwnerKeys {
  staff: string
  applicant: string
  device: string
}

export interface SessionOwners {
  staffId: string | null
  applicantId: string | null
  deviceId: string | null
}

export function ownersOf(
  data: SessionData | null | undefined,
  keys: SessionOwnerKeys
): SessionOwners {
  const pick = (key: string) => {
    const value = data?.[key]
    return value === undefined || value === null || value === '' ? null : String(value)
  }
  return {
    staffId: pick(keys.staff),
    applicantId: pick(keys.applicant),
    deviceId: pick(keys.device),
  }
}

export class CoreSessionStore implements SessionStoreWithTaggingContract {
  readonly #client: () => QueryClientContract
  readonly #table: string
  readonly #ttl: number
  readonly #touchAfter: number
  readonly #owners: SessionOwnerKeys
  readonly #now: () => number
  /** expiry of the row read in this request (the store lives for one request) */
  #readExpiry: number | null = null

  constructor(
    client: () => QueryClientContract,
    age: string | number,
    options: CoreSessionStoreOptions
  ) {
    this.#client = client
    this.#table = options.tableName ?? 'sessions'
    this.#ttl = string.seconds.parse(age) * 1000
    this.#touchAfter = string.seconds.parse(options.touchAfter ?? '5 min') * 1000
    this.#owners = options.owners
    this.#now = options.now ?? Date.now
  }

  #parse(contents: string, sessionId: string): SessionData | null {
    try {
      return new MessageBuilder().verify<SessionData>(contents, sessionId)
    } catch {
      return null
    }
  }

  async read(sessionId: string): Promise<SessionData | null> {
    const row = await this.#client()
      .from(this.#table)
      .select('data', 'expires_at')
      .where('id', sessionId)
      .first()
    if (!row) return null
    const expiresAt = Number(row.expires_at)
    if (expiresAt <= this.#now()) return null
    this.#readExpiry = expiresAt
    return this.#parse(row.data, sessionId)
  }

  async write(sessionId: string, values: SessionData): Promise<void> {
    const now = this.#now()
    const owners = ownersOf(values, this.#owners)
    const row = {
      data: new MessageBuilder().build(values, undefined, sessionId),
      expires_at: now + this.#ttl,
      staff_id: owners.staffId,
      applicant_id: owners.applicantId,
      device_id: owners.deviceId,
    }
    await this.#client()
      .insertQuery()
      .table(this.#table)
      .insert({ id: sessionId, created_at: now, ...row })
      .knexQuery.onConflict('id')
      .merge(Object.keys(row))
  }

  async destroy(sessionId: string): Promise<void> {
    await this.#client().from(this.#table).where('id', sessionId).delete()
  }

  async touch(sessionId: string): Promise<void> {
    const now = this.#now()
    const expiresAt = now + this.#ttl
    if (this.#readExpiry !== null && expiresAt - this.#readExpiry < this.#touchAfter) return
    await this.#client().from(this.#table).where('id', sessionId).update({ expires_at: expiresAt })
    this.#readExpiry = expiresAt
  }

  async tag(sessionId: string, userId: string | number): Promise<void> {
    const now = this.#now()
    await this.#client()
      .insertQuery()
      .table(this.#table)
      .insert({
        id: sessionId,
        user_id: String(userId),
        data: new MessageBuilder().build({}, undefined, sessionId),
        expires_at: now + this.#ttl,
        created_at: now,
      })
      .knexQuery.onConflict('id')
      .merge(['user_id'])
  }

  async untag(sessionId: string): Promise<void> {
    await this.#client().from(this.#table).where('id', sessionId).update({ user_id: null })
  }

  async tagged(userId: string | number): Promise<TaggedSession[]> {
    const rows = await this.#client()
      .from(this.#table)
      .select('id', 'data')
      .where('user_id', String(userId))
      .where('expires_at', '>', this.#now())
    return rows.flatMap((row: { id: string; data: string }) => {
      const data = this.#parse(row.data, row.id)
      return data ? [{ id: row.id, data }] : []
    })
  }
}
