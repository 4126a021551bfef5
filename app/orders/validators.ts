import vine from '@vinejs/vine'
import { withFieldLabels } from '#core/validation/messages'
import { rules } from '#core/validation/rules'
import { isRegionCode } from '#core/regions'
import { ID_TYPE_KEYS } from '#core/validation/identity'
import { COURIERS, REJECT_REASON_TYPES } from '#orders/labels'

/**
 * The forms of the orders module: snake_case fields in, camelCase
 * payloads out (the actions take them as they are), Chinese labels for
 * the messages.
 */

const FIELD_LABELS: Record<string, string> = {
  product_id: '证书产品',
  years: '证书年限',
  agree: '申请协议',
  handler_name: '经办人姓名',
  handler_phone: '经办人电话',
  handler_id_type: '经办人证件类型',
  handler_id_number: '经办人证件号码',
  handler_email: '经办人邮箱',
  delivery_method: '取证方式',
  receiver: '收货人姓名',
  receiver_phone: '收货人电话',
  region_code: '所在地区',
  address: '详细地址',
  note: '备注',
  pickup_name: '取证人',
  pickup_phone: '取证人电话',
  pickup_id_number: '取证人身份证号',
  pickup_point_id: '取证地址',
  cancel_reason: '取消原因',
  csr: '证书请求（CSR）',
  courier: '快递公司',
  tracking_no: '快递单号',
  shown_id_number: '取证人出示的身份证号',
  reason_type: '驳回类型',
  label: '地址标签',
}
const { create: createValidator } = withFieldLabels(FIELD_LABELS, {
  'agree.required': '请阅读并同意{{ field }}',
  'agree.accepted': '请阅读并同意{{ field }}',
})

export const startApplicationValidator = createValidator(
  vine
    .object({
      product_id: vine.string().trim().uuid(),
      years: vine.number().withoutDecimals().range([1, 10]),
      /* a return link kept through the wizard (e.g. the scan page that started it) */
      return_to: vine.string().trim().maxLength(300).optional(),
      return_label: vine.string().trim().maxLength(50).optional(),
    })
    .toCamelCase()
)

export const agreementValidator = createValidator({
  agree: vine.accepted(),
})

export const applicantValidator = createValidator(
  vine
    .object({
      handler_name: rules.personName(),
      handler_phone: rules.phone(),
      handler_id_type: vine.enum(ID_TYPE_KEYS),
      handler_id_number: rules.idNumber('handler_id_type'),
      handler_email: vine.string().trim().email().maxLength(254).optional(),
      sms_code: vine.string().trim().optional(),
    })
    .toCamelCase()
)

const region = vine
  .string()
  .trim()
  .use(
    vine.createRule((value, _, field) => {
      if (!isRegionCode(value)) field.report('请选择所在地区', 'region', field)
    })()
  )

export const deliveryValidator = createValidator(
  vine
    .object({
      delivery_method: vine.enum(['online_install', 'mail_cod', 'pickup', 'self_make'] as const),
      receiver: vine
        .string()
        .trim()
        .minLength(2)
        .maxLength(50)
        .optional()
        .requiredWhen('delivery_method', '=', 'mail_cod'),
      receiver_phone: rules.phone().optional().requiredWhen('delivery_method', '=', 'mail_cod'),
      region_code: region.optional().requiredWhen('delivery_method', '=', 'mail_cod'),
      address: vine
        .string()
        .trim()
        .minLength(5)
        .maxLength(200)
        .optional()
        .requiredWhen('delivery_method', '=', 'mail_cod'),
      note: vine.string().trim().maxLength(200).optional(),
      save_address: vine.boolean().optional(),
      pickup_name: vine
        .string()
        .trim()
        .minLength(2)
        .maxLength(50)
        .optional()
        .requiredWhen('delivery_method', '=', 'pickup'),
      pickup_phone: rules.phone().optional().requiredWhen('delivery_method', '=', 'pickup'),
      pickup_id_number: rules
        .idNumber('__resident')
        .optional()
        .requiredWhen('delivery_method', '=', 'pickup'),
      pickup_point_id: vine
        .string()
        .trim()
        .optional()
        .requiredWhen('delivery_method', '=', 'pickup'),
    })
    .toCamelCase()
)

export const addressValidator = createValidator(
  vine
    .object({
      receiver: vine.string().trim().minLength(2).maxLength(50),
      phone: rules.phone(),
      region_code: region,
      detail: vine.string().trim().minLength(5).maxLength(200),
      label: vine.string().trim().maxLength(20).optional(),
      is_default: vine.boolean().optional(),
    })
    .toCamelCase()
)

export const cancelValidator = createValidator(
  vine
    .object({
      cancel_reason: vine.string().trim().maxLength(200).optional(),
    })
    .toCamelCase()
)

export const csrValidator = createValidator({
  csr: vine.string().trim().minLength(100).maxLength(20000),
})

export const rejectValidator = createValidator(
  vine
    .object({
      reason_type: vine.enum(
        Object.keys(REJECT_REASON_TYPES) as [keyof typeof REJECT_REASON_TYPES]
      ),
      reason: vine.string().trim().minLength(2).maxLength(500),
    })
    .toCamelCase()
)

export const shipValidator = createValidator(
  vine
    .object({
      courier: vine.enum(COURIERS),
      tracking_no: vine
        .string()
        .trim()
        .regex(/^[A-Za-z0-9-]{6,30}$/),
    })
    .toCamelCase()
)

export const handOverValidator = createValidator(
  vine
    .object({
      shown_id_number: vine.string().trim().toUpperCase().minLength(6).maxLength(40),
      handover_note: vine.string().trim().maxLength(200).optional(),
    })
    .toCamelCase()
)

const { create: createServiceValidator } = withFieldLabels(
  { years: '有效期', bid_warning: '投标文件确认' },
  {
    'bid_warning.accepted': '请确认没有尚未开标的投标文件',
    'bid_warning.required': '请确认没有尚未开标的投标文件',
  }
)

/** 开始办理 a service for a certificate: the years (更新) and the bid warning */
export const startServiceValidator = createServiceValidator(
  vine
    .object({
      years: vine.number().withoutDecimals().range([1, 5]).optional(),
      bid_warning: vine.accepted(),
    })
    .toCamelCase()
)

const { create: createQueryValidator } = withFieldLabels(
  { kind: '证书类型', id_number: '证件号码', sms_code: '短信验证码' },
  { 'sms_code.regex': '请输入 6 位数字验证码' }
)

/** 订单查询: kind, number, and the SMS code (not when only sending it) */
export const orderQueryValidator = createQueryValidator(
  vine
    .object({
      intent: vine.enum(['send_code', 'query'] as const).optional(),
      kind: vine.enum(['person', 'org'] as const),
      id_number: vine.string().trim().minLength(5).maxLength(20),
      sms_code: rules.smsCodeUnlessSending(),
    })
    .toCamelCase()
)
