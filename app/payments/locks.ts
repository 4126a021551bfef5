import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import type { ModelQueryBuilderContract } from '@adonisjs/lucid/types/model'
import Payment from '#payments/models/payment'
import PaymentVoucher from '#payments/models/payment_voucher'
import { PaymentError } from '#payments/errors'

/**
 * Rows a payment action is about to change, locked for the rest of its
 * transaction on PostgreSQL (SQLite serialises writers anyway), so that a
 * notification, 我已支付 and finance never decide the same payment twice.
 */
export function lockRows<T extends ModelQueryBuilderContract<any, any>>(
  query: T,
  trx: TransactionClientContract
): T {
  if (trx.dialect.name === 'postgres') query.forUpdate()
  return query
}

export function lockPayment(id: string, trx: TransactionClientContract) {
  return lockRows(Payment.query({ client: trx }).where('id', id), trx).first()
}

/**
 * A voucher waiting for finance and its payment, locked; refused when
 * either was decided meanwhile.
 */
export async function lockSubmittedVoucher(voucherId: string, trx: TransactionClientContract) {
  const voucher = await lockRows(
    PaymentVoucher.query({ client: trx }).where('id', voucherId),
    trx
  ).first()
  if (!voucher) throw new PaymentError('汇款凭证不存在')
  const payment = await lockPayment(voucher.paymentId, trx)
  if (!payment) throw new PaymentError('支付记录不存在')
  if (voucher.status !== 'submitted' || payment.status !== 'submitted') {
    throw new PaymentError('该凭证已处理，请勿重复操作', { code: 'already_decided' })
  }
  return { voucher, payment }
}
