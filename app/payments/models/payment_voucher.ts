import { column } from '@adonisjs/lucid/orm'
import type { DateTime } from 'luxon'
import { UuidModel } from '#core/orm'
import type { PrivateFile } from '#core/http/private_file'
import { voucherLifecycle, type VoucherStatus } from '#payments/lifecycle'

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
    return voucherLifecycle.label(this.status)
  }

  get statusTone() {
    return voucherLifecycle.tone(this.status)
  }

  get isImage() {
    return this.fileType === 'jpg' || this.fileType === 'png'
  }

  /**
   * The file as sendPrivateFile sends it (to its owner or to finance):
   * its type as sniffed at upload, images inline, PDFs as a download (a
   * browser's PDF viewer may be blocked by the site's CSP).
   */
  get privateFile(): PrivateFile {
    return {
      key: this.fileKey,
      type: this.fileType,
      name: `voucher-${this.id.slice(0, 8)}.${this.fileType}`,
      disposition: this.fileType === 'pdf' ? 'attachment' : 'inline',
    }
  }
}
