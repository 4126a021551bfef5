import { BaseModel, beforeCreate, column } from '@adonisjs/lucid/orm'
import type { DateTime } from 'luxon'
import { randomUUID } from 'node:crypto'

/**
 * Base for models addressed from URLs: a random UUID primary key (stored
 * as a 36-character string on both SQLite and PostgreSQL) and timestamps.
 */
export class UuidModel extends BaseModel {
  static selfAssignPrimaryKey = true

  @column({ isPrimary: true })
  declare id: string

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @column.dateTime({ autoCreate: true, autoUpdate: true })
  declare updatedAt: DateTime

  @beforeCreate()
  static assignUuid(model: UuidModel) {
    if (!model.id) model.id = randomUUID()
  }
}

/**
 * JSON stored as text: works the same on SQLite and PostgreSQL.
 */
export const jsonColumn = {
  prepare: (value: unknown) =>
    value === undefined || value === null ? null : JSON.stringify(value),
  consume: (value: unknown) => {
    if (value === null || value === undefined || value === '') return null
    if (typeof value !== 'string') return value
    try {
      return JSON.parse(value)
    } catch {
      return null
    }
  },
}

/**
 * Booleans come back from SQLite as 0/1.
 */
export const booleanColumn = {
  prepare: (value: unknown) => (value === null || value === undefined ? value : Boolean(value)),
  consume: (value: unknown) => (value === null || value === undefined ? value : Boolean(value)),
}
