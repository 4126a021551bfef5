import db from '@adonisjs/lucid/services/db'
import audit from '#core/audit/audit_service'
import type { Reviewer } from '#core/staff'
import type { PaymentMethod } from '#payments/labels'
import StatementImport from '#payments/models/statement_import'
import StatementLine from '#payments/models/statement_line'
import { reconcileStatement } from './queries.js'
import type { StatementRefundRow, StatementRow } from './statement.js'

/**
 * 导入对账单, kept: each import is a record with every line compared
 * (payments and refunds, matched or not), listed on 日对账 and shown again
 * at its own page. One transaction, one audit entry.
 */
export async function importStatement(input: {
  gateway: PaymentMethod
  date: string
  fileName: string | null
  rows: StatementRow[]
  refunds: StatementRefundRow[]
  staff: Reviewer | null
}) {
  const result = await reconcileStatement(input.gateway, input.date, input.rows, input.refunds)
  return db.transaction(async (trx) => {
    const record = new StatementImport()
    record.useTransaction(trx)
    record.merge({
      gateway: input.gateway,
      statementDate: input.date,
      fileName: input.fileName?.slice(0, 200) ?? null,
      statementCount: result.statementCount,
      statementRefundCount: result.statementRefundCount,
      ourCount: result.ourCount,
      ourRefundCount: result.ourRefundCount,
      matched: result.matched,
      mismatchCount: result.mismatches.length,
      staffId: input.staff?.id ?? null,
      staffName: input.staff?.displayName.slice(0, 100) ?? null,
    })
    await record.save()
    if (result.lines.length) {
      await StatementLine.createMany(
        result.lines.map((l) => ({
          importId: record.id,
          line: l.line,
          result: l.result,
          outTradeNo: l.outTradeNo.slice(0, 64),
          refundNo: l.refundNo?.slice(0, 64) ?? null,
          orderNo: l.orderNo,
          oursFen: l.ours,
          theirsFen: l.theirs,
        })),
        { client: trx }
      )
    }
    await audit.record(
      {
        action: 'payments.books.statement_import',
        subjectType: 'statement_import',
        subjectId: record.id,
        data: {
          gateway: input.gateway,
          date: input.date,
          rows: input.rows.length,
          refunds: input.refunds.length,
          mismatches: result.mismatches.length,
        },
      },
      trx
    )
    return record
  })
}

/** the imports, newest first */
export async function statementImports(limit = 20) {
  return StatementImport.query().orderBy('created_at', 'desc').orderBy('id', 'desc').limit(limit)
}

/** one import with its lines (mismatches first) */
export async function findStatementImport(id: string) {
  const record = await StatementImport.find(id)
  if (!record) return null
  const lines = await StatementLine.query().where('import_id', id).orderBy('created_at', 'asc')
  const order = { missing_there: 0, amount_differs: 1, missing_here: 2, matched: 3 }
  lines.sort(
    (a, b) =>
      order[a.result] - order[b.result] ||
      a.line.localeCompare(b.line) ||
      a.outTradeNo.localeCompare(b.outTradeNo)
  )
  return { record, lines }
}
