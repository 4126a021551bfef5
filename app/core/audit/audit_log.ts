import { BaseModel, column } from '@adonisjs/lucid/orm'
import { jsonColumn } from '#core/orm'

/**
 * One entry of the append-only, hash-chained audit log.
 */
export default class AuditLog extends BaseModel {
  static table = 'audit_logs'

  @column({ isPrimary: true })
  declare id: number

  @column()
  declare seq: number

  /** UTC ISO-8601 with milliseconds, exactly as hashed */
  @column()
  declare createdAt: string

  @column()
  declare actorType: string

  @column()
  declare actorId: string | null

  @column()
  declare actorName: string | null

  @column()
  declare action: string

  @column()
  declare subjectType: string | null

  @column()
  declare subjectId: string | null

  /** JSON text, exactly as hashed */
  @column()
  declare data: string | null

  @column()
  declare ip: string | null

  @column()
  declare userAgent: string | null

  @column()
  declare prevHash: string

  @column()
  declare hash: string

  get details(): Record<string, unknown> | null {
    return jsonColumn.consume(this.data) as Record<string, unknown> | null
  }
}
