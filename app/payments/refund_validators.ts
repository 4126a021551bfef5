import vine from '@vinejs/vine'
import { withFieldLabels } from '#core/validation/messages'

/**
 * The refund forms (退费申请, 驳回, 登记退款转账).
 */
const { create } = withFieldLabels(
  {
    reason: '退费原因',
    note: '申请说明',
    reject_reason: '驳回原因',
    bank_reference: '转账流水号',
    voucher: '转账凭证',
  },
  { 'reason.required': '请填写退费原因' }
)

export const refundRequestValidator = create(
  vine.object({
    reason: vine.string().trim().minLength(2).maxLength(200),
    note: vine.string().trim().maxLength(500).optional(),
  })
)

export const refundRejectValidator = create(
  vine.object({ reject_reason: vine.string().trim().minLength(2).maxLength(200) })
)

export const bankRefundValidator = create(
  vine.object({ bank_reference: vine.string().trim().minLength(4).maxLength(64) })
)
