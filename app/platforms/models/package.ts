import { column } from '@adonisjs/lucid/orm'
import type { DateTime } from 'luxon'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { UuidModel } from '#core/orm'
import { dbTime } from '#core/db_time'

/** whose package: a person's (as 自然人) or an org's (acting for it) */
export type PackageOwner = { userId: string; orgId?: null } | { orgId: string; userId?: null }

/** 套餐: uses of a platform bought by (or granted to) a person or an org */
export default class PlatformPackage extends UuidModel {
  static table = 'platform_packages'

  @column() declare integrationId: string
  @column() declare userId: string | null
  @column() declare orgId: string | null
  @column() declare name: string
  @column() declare totalUses: number
  @column() declare usedUses: number
  @column.dateTime() declare expiresAt: DateTime | null
  @column() declare source: string

  /** the owner's packages on the platform */
  static ofOwner(integrationId: string, owner: PackageOwner, client?: TransactionClientContract) {
    const query = this.query({ client }).where('integration_id', integrationId)
    return owner.orgId
      ? query.where('org_id', owner.orgId)
      : query.where('user_id', owner.userId!).whereNull('org_id')
  }

  /** those with uses left and not expired */
  static inForce(integrationId: string, owner: PackageOwner, client?: TransactionClientContract) {
    const now = dbTime(new Date())
    return this.ofOwner(integrationId, owner, client)
      .whereRaw('used_uses < total_uses')
      .where((q) => q.whereNull('expires_at').orWhere('expires_at', '>', now))
  }

  get remaining() {
    return Math.max(0, this.totalUses - this.usedUses)
  }
}
