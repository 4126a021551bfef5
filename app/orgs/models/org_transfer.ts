import { belongsTo, column } from '@adonisjs/lucid/orm'
import type { BelongsTo } from '@adonisjs/lucid/types/relations'
import type { DateTime } from 'luxon'
import { UuidModel } from '#core/orm'
import { withOrgPerson } from '#orgs/models/org_row'
import Membership from '#orgs/models/membership'
import { transferLifecycle, type TransferStatus } from '#orgs/lifecycles'

/**
 * 管理员移交: the admin who asked (`userId`, `fromMembershipId`), the member
 * the role passes to, how the legal representative signs (a one-time link
 * to their phone, or on the device when the admin is the legal
 * representative), and their handwritten signature, kept privately.
 */
export default class OrgTransfer extends withOrgPerson(UuidModel) {
  static table = 'org_transfers'

  @column()
  declare requestNo: string

  @column()
  declare fromMembershipId: string

  @column()
  declare toMembershipId: string

  @belongsTo(() => Membership, { foreignKey: 'toMembershipId' })
  declare toMembership: BelongsTo<typeof Membership>

  @column()
  declare status: TransferStatus

  @column()
  declare channel: 'link' | 'device'

  @column({ serializeAs: null })
  declare signToken: string | null

  @column()
  declare legalRepName: string | null

  @column()
  declare legalRepPhone: string

  @column.dateTime()
  declare expiresAt: DateTime

  @column()
  declare signatureKey: string | null

  @column()
  declare signatureType: string | null

  @column.dateTime()
  declare signedAt: DateTime | null

  @column.dateTime()
  declare completedAt: DateTime | null

  @column()
  declare failure: string | null

  get statusLabel() {
    return transferLifecycle.label(this.status)
  }

  get statusTone() {
    return transferLifecycle.tone(this.status)
  }
}
