import { column } from '@adonisjs/lucid/orm'
import { UuidModel } from '#core/orm'

const fen = { consume: (v: unknown) => (v === null || v === undefined ? null : Number(v)) }

/**
 * A line of an imported statement: a payment or a refund, of the
 * statement, of ours, or of both, and what the comparison found.
 */
export default class StatementLine extends UuidModel {
  static table = 'statement_lines'

  @column()
  declare importId: string

  @column()
  declare line: 'payment' | 'refund'

  @column()
  declare result: 'matched' | 'missing_there' | 'amount_differs' | 'missing_here'

  @column()
  declare outTradeNo: string

  @column()
  declare refundNo: string | null

  @column()
  declare orderNo: string | null

  @column(fen)
  declare oursFen: number | null

  @column(fen)
  declare theirsFen: number | null
}
