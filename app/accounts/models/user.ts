import { column } from '@adonisjs/lucid/orm'
import hash from '@adonisjs/core/services/hash'
import { compose } from '@adonisjs/core/helpers'
import { withAuthFinder } from '@adonisjs/auth/mixins/lucid'
import type { DateTime } from 'luxon'
import { UuidModel, booleanColumn } from '#core/orm'
import { maskName, maskPhone } from '#core/validation/identity'
import { accountLifecycle, type AccountStatus } from '#accounts/account_lifecycle'
import { REAL_NAME_METHODS } from '#accounts/realname/check_lifecycle'

const AuthFinder = withAuthFinder(() => hash.use('scrypt'), {
  uids: ['phone', 'email'],
  passwordColumnName: 'password',
})

export const ACCOUNT_TYPES = { person: '自然人', org: '机构/企业' } as const
export type AccountType = keyof typeof ACCOUNT_TYPES

export const REAL_NAME_STATUSES = { none: '未实名', pending: '审核中', verified: '已实名' } as const

/**
 * An applicant account (申请人). Owned by the accounts module: other
 * modules read users through #accounts/queries, never this table.
 */
export default class User extends compose(UuidModel, AuthFinder) {
  static table = 'users'

  @column()
  declare accountType: AccountType

  @column()
  declare name: string | null

  @column()
  declare phone: string

  @column()
  declare email: string | null

  @column()
  declare idType: string | null

  @column()
  declare idNumber: string | null

  @column()
  declare regionCode: string | null

  @column()
  declare orgName: string | null

  @column()
  declare uscc: string | null

  @column()
  declare legalRepName: string | null

  @column({ serializeAs: null })
  declare password: string | null

  /** accountLifecycle (#accounts/account_lifecycle) */
  @column()
  declare status: AccountStatus

  @column()
  declare realNameStatus: keyof typeof REAL_NAME_STATUSES

  @column()
  declare realName: string | null

  @column()
  declare realIdType: string | null

  @column()
  declare realIdNumber: string | null

  @column()
  declare realNameMethod: string | null

  @column.dateTime()
  declare realNameVerifiedAt: DateTime | null

  @column(booleanColumn)
  declare passwordSet: boolean

  @column.dateTime()
  declare lastLoginAt: DateTime | null

  @column.dateTime()
  declare deregisteredAt: DateTime | null

  get isActive() {
    return this.status === 'active'
  }

  get isVerified() {
    return this.realNameStatus === 'verified'
  }

  /**
   * Name shown in the header and in logs: org name, person name, or the
   * masked phone for an account made by SMS login.
   */
  get displayName(): string {
    if (this.accountType === 'org' && this.orgName) return this.orgName
    return this.realName || this.name || maskPhone(this.phone)
  }

  /**
   * What the applicant sees of their own name in the page header: a
   * verified name masked (张*), as everywhere an applicant sees it.
   */
  get maskedDisplayName(): string {
    if (this.accountType !== 'org' && this.realName) return maskName(this.realName)
    return this.displayName
  }

  get accountTypeLabel() {
    return ACCOUNT_TYPES[this.accountType] ?? this.accountType
  }

  get statusLabel() {
    return accountLifecycle.label(this.status)
  }

  get statusTone() {
    return accountLifecycle.tone(this.status)
  }

  /** how the account was verified: 身份证核验, 人脸识别, 银行卡四要素, 运营商三要素, 人工审核 */
  get realNameMethodLabel(): string {
    const method = this.realNameMethod as keyof typeof REAL_NAME_METHODS | null
    return method ? (REAL_NAME_METHODS[method] ?? method) : ''
  }

  get realNameStatusLabel() {
    return REAL_NAME_STATUSES[this.realNameStatus] ?? this.realNameStatus
  }

  /**
   * False for an account made by SMS login that has not set a password.
   */
  get hasPassword(): boolean {
    return Boolean(this.passwordSet && this.password)
  }
}
