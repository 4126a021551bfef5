import { column } from '@adonisjs/lucid/orm'
import type { DateTime } from 'luxon'
import { UuidModel } from '#core/orm'
import { regionName } from '#core/regions'
import { ORG_KINDS, type OrgKind } from '#orgs/labels'
import { orgLifecycle, type OrgStatus } from '#orgs/lifecycles'

/**
 * An organisation (机构): one per unified social credit code. Unclaimed
 * until a claim passes; its admins act for it.
 */
export default class Org extends UuidModel {
  static table = 'orgs'

  @column()
  declare name: string

  @column()
  declare uscc: string

  @column()
  declare kind: OrgKind

  @column()
  declare legalRepName: string | null

  @column()
  declare legalRepIdType: string | null

  @column()
  declare legalRepIdNumber: string | null

  @column()
  declare legalRepPhone: string | null

  @column()
  declare regionCode: string | null

  @column()
  declare licenceKey: string | null

  @column()
  declare licenceType: string | null

  @column()
  declare status: OrgStatus

  @column.dateTime()
  declare claimedAt: DateTime | null

  @column.dateTime()
  declare validatedAt: DateTime | null

  @column.dateTime()
  declare changedAt: DateTime | null

  @column.dateTime()
  declare deregisteredAt: DateTime | null

  get kindLabel() {
    return ORG_KINDS[this.kind] ?? this.kind
  }

  get statusLabel() {
    return orgLifecycle.label(this.status)
  }

  get statusTone() {
    return orgLifecycle.tone(this.status)
  }

  get regionLabel() {
    return regionName(this.regionCode)
  }
}
