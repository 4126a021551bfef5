import { column } from '@adonisjs/lucid/orm'
import type { DateTime } from 'luxon'
import { UuidModel } from '#core/orm'
import { SHARED_STATES, type EventDefinition } from '#core/lifecycle'

/**
 * The lifecycle preset of every member grant: 有效 until an admin
 * withdraws it (撤回 → 已撤回). A module's grant machine takes these and
 * adds its own (a seal grant also lapses).
 */
export const GRANT_STATES = {
  active: { label: '有效', tone: 'success' },
  withdrawn: SHARED_STATES.withdrawn,
} as const

export const GRANT_EVENTS = {
  withdraw: { label: '撤回', transitions: [['active', 'withdrawn']] },
} as const satisfies Record<string, EventDefinition<keyof typeof GRANT_STATES>>

/**
 * Base model of an authorisation an org admin gives a member for a
 * period (用章授权, 证书授权): the org, the member (and the name shown),
 * the window starts_at–ends_at (exclusive), its status, who granted it
 * and when it was withdrawn. The table has these columns next to what is
 * authorised (a seal, a certificate).
 */
export class MemberGrant extends UuidModel {
  @column()
  declare orgId: string

  @column()
  declare userId: string

  @column()
  declare memberName: string

  @column.dateTime()
  declare startsAt: DateTime

  @column.dateTime()
  declare endsAt: DateTime

  /** the grant's own lifecycle's states (active, withdrawn, …) */
  @column()
  declare status: string

  @column()
  declare grantedById: string | null

  @column.dateTime()
  declare withdrawnAt: DateTime | null
}
