import vine from '@vinejs/vine'
import { withFieldLabels } from '#core/validation/messages'

/**
 * The forms of the invoices module (snake_case in, camelCase out).
 */
const FIELD_LABELS: Record<string, string> = {
  title_type: '抬头类型',
  name: '抬头名称',
  tax_number: '纳税人识别号',
  email: '电子邮箱',
  phone: '联系电话',
  address: '地址',
  bank: '开户银行',
  account: '银行账号',
  ids: '抬头',
  order_type: '订单类型',
  order_nos: '订单',
  title_id: '发票抬头',
  kind: '发票类型',
  reason: '驳回原因',
}
const { create } = withFieldLabels(FIELD_LABELS, {
  'order_nos.required': '请勾选要开票的订单',
  'order_nos.minLength': '请勾选要开票的订单',
  'title_id.required': '请选择发票抬头',
})

export const titleValidator = create(
  vine
    .object({
      title_type: vine.enum(['personal', 'company'] as const),
      name: vine.string().trim().minLength(2).maxLength(100),
      tax_number: vine.string().trim().toUpperCase().maxLength(20).optional(),
      email: vine.string().trim().email().maxLength(100),
      phone: vine
        .string()
        .trim()
        .regex(/^[0-9+\- ]{5,20}$/)
        .optional(),
      address: vine.string().trim().maxLength(200).optional(),
      bank: vine.string().trim().maxLength(100).optional(),
      account: vine
        .string()
        .trim()
        .regex(/^[0-9 \-]{4,40}$/)
        .optional(),
      is_default: vine.boolean().optional(),
    })
    .toCamelCase()
)

export const deleteTitlesValidator = create(
  vine.object({
    ids: vine.array(vine.string().trim()).minLength(1).optional(),
  })
)

export const invoiceRequestValidator = create(
  vine
    .object({
      order_type: vine.enum(['ca', 'info', 'platform'] as const),
      order_nos: vine
        .array(
          vine
            .string()
            .trim()
            .regex(/^\d{19}$/)
        )
        .minLength(1),
      title_id: vine.string().trim().uuid(),
      kind: vine.enum(['normal', 'special'] as const).optional(),
    })
    .toCamelCase()
)

export const rejectInvoiceValidator = create(
  vine.object({ reason: vine.string().trim().minLength(2).maxLength(200) })
)
