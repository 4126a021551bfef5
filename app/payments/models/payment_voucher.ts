import { column } from '@adonisjs/lucid/orm'
import type { DateTime } from 'luxon'
import { UuidModel } from '#core/orm'
import { VOUCHER_STATUSES, VOUCHER_STATUS_TONES, type VoucherStatus } from '#payments/states'

/**
 * A remittance voucher (汇款凭证) of a bank-transfer payment.
 */
export default class PaymentVoucher extends UuidModel {
  static table = 'payment_vouchers'

  @column()
  declare paymentId: string

  @column()
  declare userId: string

  @column({ serializeAs: null })
  declare fileKey: string

  @column()
  declare fileType: 'jpg' | 'png' | 'pdf'

  @column()
  declare fileSize: number

  @column()
  declare fileName: string | null

  @column()
  declare payerName: string

  @column()
  declare payerAccount: string

  @column()
  declare amountFen: number

  @column()
  declare transferDate: string

  @column()
  declare note: string | null

  @column()
  declare status: VoucherStatus

  @column()
  declare reviewerId: string | null

  @column()
  declare reviewerName: string | null

  @column.dateTime()
  declare reviewedAt: DateTime | null

  @column()
  declare rejectReason: string | null

  @column()
  declare bankReference: string | null

  get statusLabel() {
    return VOUCHER_STATUSES[this.status] ?? this.status
  }

  get statusTone() {
    return VOUCHER_STATUS_TONES[this.status] ?? 'muted'
  }

  get isImage() {
    return this.fileType === 'jpg' || this.fileType === 'png'
  }
}
