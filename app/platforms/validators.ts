import vine from '@vinejs/vine'
import { withFieldLabels } from '#core/validation/messages'

/**
 * The forms of the platforms module (scan page, binding, 待办, the
 * integrator's configuration), with Chinese labels and messages.
 */
const { create: createValidator } = withFieldLabels(
  {
    certificate_id: '证书',
    holder: '持有人',
    total_uses: '次数',
    days: '有效天数',
    seal_id: '印章',
    pin: 'PIN 码',
    account_name: '平台账号名称',
    reason: '拒签原因',
    task_ids: '待办',
    platform_id: '交易平台',
    adapter: '适配器',
    platform_code: '系统标识码',
    callback_url: '回调地址',
    integration_id: '交易平台',
  },
  {
    'certificate_id.required': '请选择证书',
    'pin.required': '请输入 PIN 码',
    'pin.regex': 'PIN 码为 6–16 位字母或数字',
    'task_ids.required': '请选择待签署的待办',
  }
)

const pin = () =>
  vine
    .string()
    .trim()
    .regex(/^[A-Za-z0-9]{6,16}$/)

export const scanValidator = createValidator(
  vine
    .object({
      certificate_id: vine.string().trim(),
      seal_id: vine.string().trim().optional(),
      pin: pin(),
    })
    .toCamelCase()
)

export const bindValidator = createValidator(
  vine
    .object({
      account_name: vine.string().trim().maxLength(100),
      certificate_id: vine.string().trim(),
    })
    .toCamelCase()
)

export const signTasksValidator = createValidator(
  vine
    .object({
      task_ids: vine.array(vine.string().trim()).minLength(1).maxLength(50),
      certificate_id: vine.string().trim(),
      pin: pin(),
    })
    .toCamelCase()
)

export const refuseValidator = createValidator(
  vine.object({ reason: vine.string().trim().maxLength(200) })
)

export const packageValidator = createValidator(
  vine
    .object({
      holder: vine.string().trim().maxLength(30),
      name: vine.string().trim().maxLength(100),
      total_uses: vine.number().withoutDecimals().min(1).max(100_000),
      days: vine.number().withoutDecimals().min(1).max(3650).optional(),
    })
    .toCamelCase()
)

export const integrationValidator = createValidator(
  vine
    .object({
      platform_id: vine.string().trim(),
      adapter: vine.string().trim(),
      platform_code: vine.string().trim(),
      callback_url: vine.string().trim().maxLength(500).optional(),
      enabled: vine.boolean().optional(),
      charge_per_use: vine.boolean().optional(),
    })
    .toCamelCase()
)
