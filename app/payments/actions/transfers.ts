import db from '@adonisjs/lucid/services/db'
import { urlFor } from '@adonisjs/core/services/url_builder'
import { DateTime } from 'luxon'
import type { AuditActor } from '#core/audit/audit_service'
import messages from '#core/messages/message_service'
import storage from '#core/storage'
import { formatFen } from '#core/money'
import type { Reviewer } from '#core/staff'
import type Payment from '#payments/models/payment'
import PaymentVoucher from '#payments/models/payment_voucher'
import { OPEN_STATUSES, voucherLifecycle } from '#payments/lifecycle'
import { lockPayment, lockSubmittedVoucher } from '#payments/locks'
import { PaymentError } from '#payments/errors'
import { transitionPayment } from '#payments/actions/transition_payment'
import { settle } from '#payments/actions/settle'

/**
 * 银行汇款: the applicant uploads the remittance voucher (汇款凭证); finance
 * checks the bank statement and confirms it (the order is paid) or
 * returns it with a reason (the applicant may upload another).
 */
export interface VoucherInput {
  file: { buffer: Buffer; type: 'jpg' | 'png' | 'pdf'; size: number; clientName?: string | null }
  payerName: string
  payerAccount: string
  amountFen: number
  transferDate: string
  note?: string | null
}

function staffActor(staff: Reviewer): AuditActor {
  return { type: 'staff', id: staff.id, name: staff.displayName }
}

/**
 * The applicant's voucher with the payer's details (the file was checked
 * by content and size by the caller).
 */
export async function submitVoucher(
  payment: Payment,
  userId: string,
  input: VoucherInput
): Promise<PaymentVoucher> {
  if (payment.userId !== userId || payment.method !== 'bank_transfer')
    throw new PaymentError('支付记录不存在')
  if (!OPEN_STATUSES.includes(payment.status)) {
    throw new PaymentError(
      payment.status === 'submitted'
        ? '汇款凭证已提交，请等待财务确认'
        : '该支付已结束，不能再上传凭证'
    )
  }
  if (input.amountFen !== payment.amountFen) {
    throw new PaymentError(
      `汇款金额应为应付金额 ${formatFen(payment.amountFen, false)} 元`,
      'amount'
    )
  }
  const key = await storage.put(
    storage.makeKey(`payments/${payment.id}`, input.file.type),
    input.file.buffer
  )
  try {
    return await db.transaction(async (trx) => {
      const fresh = await lockPayment(payment.id, trx)
      if (!fresh || !OPEN_STATUSES.includes(fresh.status))
        throw new PaymentError('该支付状态已变化，请刷新页面')
      const voucher = new PaymentVoucher()
      voucher.fill({
        paymentId: fresh.id,
        userId,
        fileKey: key,
        fileType: input.file.type,
        fileSize: input.file.size,
        fileName: (input.file.clientName ?? '').slice(0, 255) || null,
        payerName: input.payerName,
        payerAccount: input.payerAccount,
        amountFen: input.amountFen,
        transferDate: input.transferDate,
        note: input.note || null,
        status: 'submitted',
        reviewerId: null,
        reviewerName: null,
        reviewedAt: null,
        rejectReason: null,
        bankReference: null,
      })
      voucher.useTransaction(trx)
      await voucher.save()
      await transitionPayment(fresh, 'voucher_submit', trx, {
        changes: { failureReason: null },
        data: {
          voucherId: voucher.id,
          payerName: input.payerName,
          amountFen: input.amountFen,
          transferDate: input.transferDate,
        },
      })
      return voucher
    })
  } catch (error) {
    // the stored file belongs to no voucher: remove it, then let the refusal through
    await storage.delete(key).catch(() => undefined)
    throw error
  }
}

/**
 * Finance saw the money on the bank statement: the payment (and so the
 * order) is paid, or, when the order can no longer take it, kept for a
 * refund.
 */
export async function confirmTransfer(
  voucherId: string,
  staff: Reviewer,
  input: { bankReference?: string | null } = {}
) {
  return db.transaction(async (trx) => {
    const { voucher, payment } = await lockSubmittedVoucher(voucherId, trx)
    const bankReference = input.bankReference?.trim() || null
    voucher.merge({
      status: voucherLifecycle.assert('confirm', voucher.status),
      reviewerId: staff.id,
      reviewerName: staff.displayName.slice(0, 50),
      reviewedAt: DateTime.utc(),
      bankReference,
    })
    voucher.useTransaction(trx)
    await voucher.save()
    const status = await settle(payment, trx, {
      transactionId: bankReference,
      paidAt: DateTime.utc(),
      source: 'transfer',
      data: {
        voucherId: voucher.id,
        bankReference,
        payerName: voucher.payerName,
        payerAccount: voucher.payerAccount,
      },
      actor: staffActor(staff),
      event: 'transfer_confirm',
    })
    return { voucher, payment, status }
  })
}

/**
 * Finance could not match the voucher: return it with a reason; the
 * applicant is told and may upload another one.
 */
export async function rejectTransfer(voucherId: string, staff: Reviewer, reason: string) {
  const text = reason.trim().slice(0, 500)
  if (!text) throw new PaymentError('请填写退回原因', 'reason')
  return db.transaction(async (trx) => {
    const { voucher, payment } = await lockSubmittedVoucher(voucherId, trx)
    voucher.merge({
      status: voucherLifecycle.assert('reject', voucher.status),
      reviewerId: staff.id,
      reviewerName: staff.displayName.slice(0, 50),
      reviewedAt: DateTime.utc(),
      rejectReason: text,
    })
    voucher.useTransaction(trx)
    await voucher.save()
    await transitionPayment(payment, 'transfer_reject', trx, {
      changes: { failureReason: text },
      data: { voucherId: voucher.id, reason: text },
      actor: staffActor(staff),
    })
    await messages.send(
      payment.userId,
      {
        category: 'order',
        title: '汇款凭证未通过确认',
        body: `您为订单 ${payment.orderNo} 上传的汇款凭证未通过财务确认，原因：${text}。请核对后重新上传汇款凭证。`,
        link: urlFor('payments.show', { id: payment.id }),
      },
      trx
    )
    return { voucher, payment }
  })
}
