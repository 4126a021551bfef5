import vine from '@vinejs/vine'
import { DateTime } from 'luxon'
import { ChineseMessagesProvider, withFieldLabels } from '#core/validation/messages'
import { DISPLAY_ZONE } from '#core/time'
import { PAYMENT_METHOD_KEYS } from './labels.js'

const FIELD_LABELS: Record<string, string> = {
  order_no: '订单编号',
  method: '支付方式',
  voucher: '汇款凭证',
  payer_name: '付款人（户名）',
  payer_account: '付款账号',
  amount: '汇款金额',
  transfer_date: '汇款日期',
  note: '支付说明',
  bank_reference: '银行流水号',
  checked: '到账核对确认',
}
const { create: createValidator } = withFieldLabels(FIELD_LABELS)

/**
 * POST /payments: which order, which method.
 */
export const startPaymentValidator = createValidator(
  vine
    .object({
      order_no: vine
        .string()
        .trim()
        .regex(/^\d{19}$/),
      method: vine.enum(PAYMENT_METHOD_KEYS),
    })
    .toCamelCase()
)

export const startPaymentMessages = {
  'order_no.regex': '订单编号无效',
  'method.required': '请选择支付方式',
  'method.enum': '请选择支付方式',
}

/**
 * The transfer date: a calendar day in Shanghai, not in the future, at
 * most a year back.
 */
const transferDate = vine
  .string()
  .trim()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .use(
    vine.createRule((value, _options, field) => {
      if (typeof value !== 'string') return
      const day = DateTime.fromISO(value, { zone: DISPLAY_ZONE })
      const today = DateTime.now().setZone(DISPLAY_ZONE).startOf('day')
      if (!day.isValid) field.report('请填写正确的汇款日期', 'transferDate', field)
      else if (day > today) field.report('汇款日期不能晚于今天', 'transferDate', field)
      else if (day < today.minus({ years: 1 }))
        field.report('汇款日期不能早于一年前', 'transferDate', field)
    })()
  )

/**
 * 上传汇款凭证: the payer's details (the file itself is checked by
 * content with inspectUpload).
 */
export const voucherValidator = createValidator(
  vine
    .object({
      payer_name: vine.string().trim().minLength(2).maxLength(100),
      payer_account: vine
        .string()
        .trim()
        .use(
          vine.createRule((value, _o, field) => {
            if (typeof value === 'string' && !/^\d{6,32}$/.test(value.replace(/[\s-]/g, ''))) {
              field.report('付款账号应为 6–32 位数字', 'payerAccount', field)
            }
          })()
        )
        .transform((v) => v.replace(/[\s-]/g, '')),
      amount: vine
        .string()
        .trim()
        .regex(/^\d{1,9}(\.\d{1,2})?$/),
      transfer_date: transferDate,
      note: vine.string().trim().maxLength(500).optional(),
    })
    .toCamelCase()
)

export const voucherMessages = {
  'amount.regex': '请填写正确的金额（元，最多两位小数）',
  'transfer_date.regex': '请填写正确的汇款日期',
}

/**
 * Finance: confirm (optional bank reference, the check box) or reject
 * (reason).
 */
export const confirmTransferValidator = createValidator(
  vine
    .object({
      bank_reference: vine.string().trim().maxLength(64).optional(),
      checked: vine.accepted(),
    })
    .toCamelCase()
)

export const confirmTransferMessages = {
  'checked.accepted': '请先核对银行到账记录并勾选确认',
  'checked.required': '请先核对银行到账记录并勾选确认',
}

export const rejectTransferValidator = createValidator({
  reason: vine.string().trim().minLength(2).maxLength(500),
})

export const rejectTransferMessages = {
  'reason.required': '请填写退回原因',
  'reason.minLength': '请填写退回原因（至少 2 个字）',
}

/**
 * Each form's own wording for some rules, with the module's field labels.
 */
startPaymentValidator.messagesProvider = new ChineseMessagesProvider(
  startPaymentMessages,
  FIELD_LABELS
)
voucherValidator.messagesProvider = new ChineseMessagesProvider(voucherMessages, FIELD_LABELS)
confirmTransferValidator.messagesProvider = new ChineseMessagesProvider(
  confirmTransferMessages,
  FIELD_LABELS
)
rejectTransferValidator.messagesProvider = new ChineseMessagesProvider(
  rejectTransferMessages,
  FIELD_LABELS
)
