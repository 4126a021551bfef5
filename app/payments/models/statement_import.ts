import { column, hasMany } from '@adonisjs/lucid/orm'
import type { HasMany } from '@adonisjs/lucid/types/relations'
import { UuidModel } from '#core/orm'
import type { PaymentMethod } from '#payments/labels'
import StatementLine from '#payments/models/statement_line'

/**
 * One imported gateway statement (导入对账单) and its lines.
 */
export default class StatementImport extends UuidModel {
  static table = 'statement_imports'

  @column()
  declare gateway: PaymentMethod

  @column()
  declare statementDate: string

  @column()
  declare fileName: string | null

  @column()
  declare statementCount: number

  @column()
  declare statementRefundCount: number

  @column()
  declare ourCount: number

  @column()
  declare ourRefundCount: number

  @column()
  declare matched: number

  @column()
  declare mismatchCount: number

  @column()
  declare staffId: string | null

  @column()
  declare staffName: string | null

  @hasMany(() => StatementLine, { foreignKey: 'importId' })
  declare lines: HasMany<typeof StatementLine>
}
