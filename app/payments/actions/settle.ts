import type { DateTime } from 'luxon'
import { urlFor } from '@adonisjs/core/services/url_builder'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import type { AuditActor } from '#core/audit/audit_service'
import messages from '#core/messages/message_service'
import { faultPoint } from '#core/fault_points'
import { formatFen } from '#core/money'
import Payment from '#payments/models/payment'
import { paymentHooks } from '#payments/hooks'
import { OPEN_STATUSES } from '#payments/lifecycle'
import { lockRows } from '#payments/locks'
import { transitionPayment } from '#payments/actions/transition_payment'
import { closeAtGateway, closeAttempt } from '#payments/actions/close_payment'

export type Source = 'notify' | 'query' | 'transfer'

/**
 * Money arrived for a payment (a gateway's success, or finance confirming
 * a transfer): mark it paid and tell the orders module, in one
 * transaction. When the order already has a paid attempt, or the orders
 * module refuses the payment, the money is recorded as refund_due
 * (已收款·待退款) instead. Used by gateway_results and transfers.
 */
export async function settle(
  payment: Payment,
  trx: TransactionClientContract,
  input: {
    transactionId: string | null
    paidAt: DateTime
    source: Source
    data: unknown
    actor?: AuditActor
    /** paid (a gateway) or transfer_confirm (finance) */
    event?: 'paid' | 'transfer_confirm'
  }
): Promise<'paid' | 'refund_due'> {
  payment.remember(input.source, input.data)
  const other = await lockRows(
    Payment.query({ client: trx })
      .where('paid_order_no', payment.orderNo)
      .whereNot('id', payment.id),
    trx
  ).first()
  const refusal = other
    ? `订单已由支付 ${other.outTradeNo} 完成，本笔为重复支付`
    : await paymentHooks.succeeded(
        {
          orderNo: payment.orderNo,
          paymentId: payment.id,
          userId: payment.userId,
          amountFen: payment.amountFen,
          method: payment.method,
          paidAt: input.paidAt,
          transactionId: input.transactionId,
        },
        trx
      )
  if (refusal) {
    await transitionPayment(payment, 'refund_due', trx, {
      changes: {
        transactionId: input.transactionId,
        paidAt: input.paidAt,
        failureReason: `${refusal}，待退款`.slice(0, 500),
      },
      data: {
        reason: refusal,
        paidBy: other?.id ?? null,
        transactionId: input.transactionId,
        amountFen: payment.amountFen,
        source: input.source,
      },
      actor: input.actor,
    })
    await messages.send(
      payment.userId,
      {
        category: 'order',
        title: '收到的款项将退回',
        body: `订单 ${payment.orderNo} 收到 ${formatFen(payment.amountFen)}，但${refusal}。该笔款项将由财务原路退回，请留意到账。`,
        link: urlFor('payments.show', { id: payment.id }),
      },
      trx
    )
    return 'refund_due'
  }
  await transitionPayment(payment, input.event ?? 'paid', trx, {
    changes: {
      transactionId: input.transactionId,
      paidAt: input.paidAt,
      paidOrderNo: payment.orderNo,
      failureReason: null,
    },
    data: {
      orderNo: payment.orderNo,
      amountFen: payment.amountFen,
      transactionId: input.transactionId,
      source: input.source,
    },
    actor: input.actor,
  })
  faultPoint('payments.settle.after_paid')
  /**
   * The order is paid: its other open attempts can no longer be paid
   * (closed here, and at their gateways once committed).
   */
  const others = await lockRows(
    Payment.query({ client: trx })
      .where('order_no', payment.orderNo)
      .whereNot('id', payment.id)
      .whereIn('status', [...OPEN_STATUSES]),
    trx
  )
  for (const o of others) {
    await closeAttempt(o, trx, '订单已由其他支付完成', {
      data: { paidBy: payment.id },
      actor: input.actor,
    })
  }
  if (others.length) {
    trx.after('commit', async () => {
      for (const o of others) await closeAtGateway(o)
    })
  }
  return 'paid'
}
