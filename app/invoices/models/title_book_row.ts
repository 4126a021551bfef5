import { column } from '@adonisjs/lucid/orm'
import type { NormalizeConstructor } from '@adonisjs/core/types/helpers'
import type { UuidModel } from '#core/orm'

export type OwnerKind = 'user' | 'org'

/**
 * The title book a row belongs to (owner kind `user` or `org` + id): its
 * 发票抬头, the invoices asked for it and the intents of its orders.
 */
export function withTitleBook<T extends NormalizeConstructor<typeof UuidModel>>(superclass: T) {
  class TitleBookRow extends superclass {
    @column()
    declare ownerKind: OwnerKind

    @column()
    declare ownerId: string
  }
  return TitleBookRow
}
