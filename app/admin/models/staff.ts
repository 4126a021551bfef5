import { column } from '@adonisjs/lucid/orm'
import hash from '@adonisjs/core/services/hash'
import { compose } from '@adonisjs/core/helpers'
import { withAuthFinder } from '@adonisjs/auth/mixins/lucid'
import type { DateTime } from 'luxon'
import { UuidModel, booleanColumn } from '#core/orm'
import { staffRoleLabel, type StaffActor } from '#core/staff'

const AuthFinder = withAuthFinder(() => hash.use('scrypt'), {
  uids: ['username'],
  passwordColumnName: 'password',
})

/** a role key of the core registry (#core/staff): base roles and those modules add */
export type StaffRole = string

/**
 * A staff member of the CA office (后台工作人员): the back office's
 * account, and the StaffActor every module's policies and reviews see.
 */
export default class Staff extends compose(UuidModel, AuthFinder) implements StaffActor {
  readonly actorKind = 'staff' as const

  static table = 'staff'

  @column()
  declare username: string

  @column()
  declare name: string

  @column()
  declare phone: string | null

  @column({ serializeAs: null })
  declare password: string

  @column({
    prepare: (value: StaffRole[]) => (Array.isArray(value) ? value.join(',') : value),
    consume: (value: string) => (value ? value.split(',').filter(Boolean) : []),
  })
  declare roles: StaffRole[]

  @column(booleanColumn)
  declare isActive: boolean

  @column(booleanColumn)
  declare mustChangePassword: boolean

  @column.dateTime()
  declare lastLoginAt: DateTime | null

  get displayName() {
    return this.name || this.username
  }

  get roleLabels() {
    return this.roles.map((r) => staffRoleLabel(r)).join('、')
  }

  hasRole(...roles: StaffRole[]) {
    return this.roles.includes('super_admin') || roles.some((r) => this.roles.includes(r))
  }

  get isSuperAdmin() {
    return this.roles.includes('super_admin')
  }
}
