import { column } from '@adonisjs/lucid/orm'
import { UuidModel, booleanColumn } from '#core/orm'

export default class Address extends UuidModel {
  static table = 'addresses'

  @column()
  declare userId: string

  @column()
  declare receiver: string

  @column()
  declare phone: string

  @column()
  declare regionCode: string

  @column()
  declare detail: string

  @column()
  declare label: string | null

  @column(booleanColumn)
  declare isDefault: boolean
}
