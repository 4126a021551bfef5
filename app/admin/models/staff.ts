import { column } from '@adonisjs/lucid/orm'
import hash from '@adonisjs/core/services/hash'
import { compose } from '@adonisjs/core/helpers'
import { withAuthFinder } from '@adonisjs/auth/mixins/lucid'
import type { DateTime } from 'luxon'
import { UuidModel, booleanColumn } from '#core/models/base'

const AuthFinder = withAuthFinder(() => hash.use('scrypt'), {
  uids: ['username'],
  passwordColumnName: 'password',
})

export const STAFF_ROLES = {
  super_admin: '超级管理员',
  reviewer: '审核员',
  operator: '制证/发货员',
  finance: '财务',
} as const

export type StaffRole = keyof typeof STAFF_ROLES
export const STAFF_ROLE_KEYS = Object.keys(STAFF_ROLES) as StaffRole[]

/**
 * A staff member of the CA office (后台工作人员).
 */
export default class Staff extends compose(UuidModel, AuthFinder) {
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
    return this.roles.map((r) => STAFF_ROLES[r] ?? r).join('、')
  }

  hasRole(...roles: StaffRole[]) {
    return this.roles.includes('super_admin') || roles.some((r) => this.roles.includes(r))
  }

  get isSuperAdmin() {
    return this.roles.includes('super_admin')
  }
}
