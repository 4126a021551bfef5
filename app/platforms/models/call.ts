import { column } from '@adonisjs/lucid/orm'
import { UuidModel } from '#core/orm'

/** one call of a platform to the integrator API (accepted or refused) */
export default class PlatformCall extends UuidModel {
  static table = 'platform_calls'

  @column() declare integrationId: string | null
  @column() declare appId: string | null
  @column() declare method: string
  @column() declare path: string
  @column() declare status: number
  @column() declare outcome: string | null
  @column() declare ip: string | null
}
