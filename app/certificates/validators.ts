import vine from '@vinejs/vine'
import { withFieldLabels } from '#core/validation/messages'
import { rules } from '#core/validation/rules'

/**
 * The holder's forms on 我的证书 (PIN change, PKCS#12 export), with their
 * Chinese labels and messages. The validators hand the controller
 * camelCase payloads (`.toCamelCase()`).
 */
const { create: createValidator } = withFieldLabels(
  {
    pin: 'PIN 码',
    new_pin: '新 PIN 码',
    new_pin_confirmation: '确认新 PIN 码',
    export_password: '导出密码',
    export_password_confirmation: '确认导出密码',
  },
  {
    'pin.regex': 'PIN 码为 6 位数字',
    'new_pin.regex': 'PIN 码为 6 位数字',
    'new_pin.confirmed': '两次输入的新 PIN 码不一致',
    'new_pin_confirmation.confirmed': '两次输入的新 PIN 码不一致',
    'export_password.required': '请设置导出密码（用于保护下载的 .p12 文件）',
    'export_password.minLength': '导出密码至少 8 个字符',
    'export_password.maxLength': '导出密码不能超过 64 个字符',
    'export_password_confirmation.confirmed': '两次输入的导出密码不一致',
  }
)

const pin = () =>
  vine
    .string()
    .trim()
    .regex(/^\d{6}$/)

/** 修改 PIN 码: the current PIN and the new one typed twice */
export const pinChangeValidator = createValidator(
  vine
    .object({
      pin: pin(),
      new_pin: pin().confirmed({ confirmationField: 'new_pin_confirmation' }),
    })
    .toCamelCase()
)

/**
 * PKCS#12 download: the PIN opens the key, the export password (chosen
 * here, typed twice, never trimmed) protects the file.
 */
export const pkcs12Validator = createValidator(
  vine
    .object({
      pin: pin(),
      export_password: vine
        .string()
        .minLength(8)
        .maxLength(64)
        .confirmed({ confirmationField: 'export_password_confirmation' }),
      usage: vine.enum(['sign', 'encrypt'] as const).optional(),
    })
    .toCamelCase()
)

const { create: createServiceValidator } = withFieldLabels(
  { confirm: '确认', reason: '原因' },
  {
    'confirm.accepted': '请确认已知晓注销的后果',
    'confirm.required': '请确认已知晓注销的后果',
    'reason.maxLength': '原因不能超过 200 个字',
  }
)

/** 注销: the holder confirms the warnings; a reason is optional */
export const revokeValidator = createServiceValidator(
  vine.object({
    confirm: vine.accepted(),
    reason: vine.string().trim().maxLength(200).optional(),
  })
)

/** 冻结: an optional reason */
export const suspendValidator = createServiceValidator(
  vine.object({ reason: vine.string().trim().maxLength(200).optional() })
)

const { create: createUnlockValidator } = withFieldLabels(
  {
    phone: '手机号',
    sms_code: '短信验证码',
    new_pin: '新 PIN 码',
    new_pin_confirmation: '确认新 PIN 码',
    challenge: '挑战码',
  },
  {
    'new_pin.regex': 'PIN 码为 6 位数字',
    'new_pin.confirmed': '两次输入的新 PIN 码不一致',
    'new_pin_confirmation.confirmed': '两次输入的新 PIN 码不一致',
    'sms_code.regex': '验证码为 6 位数字',
    'challenge.maxLength': '挑战码为 16 位数字或字母（A-F）',
  }
)

/**
 * 解锁: the phone (identity check only), the SMS code, then a new PIN
 * (cloud) or the challenge code (uKey). `intent: send_code` only sends
 * the code.
 */
export const unlockValidator = createUnlockValidator(
  vine
    .object({
      intent: vine.enum(['send_code', 'unlock'] as const).optional(),
      phone: vine.string().trim().maxLength(20).optional(),
      sms_code: rules.smsCodeUnlessSending(),
      new_pin: vine.string().trim().optional(),
      new_pin_confirmation: vine.string().trim().optional(),
      challenge: vine.string().trim().maxLength(40).optional(),
    })
    .toCamelCase()
)

const { create: createUnbindValidator } = withFieldLabels(
  { platform_account: '平台账号', reason: '解绑原因' },
  {}
)

/** 证书解绑: the platform account and an optional reason */
export const unbindValidator = createUnbindValidator(
  vine
    .object({
      platform_account: vine.string().trim().minLength(1).maxLength(100),
      reason: vine.string().trim().maxLength(200).optional(),
    })
    .toCamelCase()
)

const { create: createGrantValidator } = withFieldLabels(
  { user_id: '被授权成员', from: '授权开始日期', to: '授权结束日期' },
  {}
)

/** 证书授权: the member and the window (Beijing days, inclusive) */
export const grantValidator = createGrantValidator(
  vine
    .object({
      user_id: vine.string().trim().minLength(1),
      from: vine.string().trim().minLength(1),
      to: vine.string().trim().minLength(1),
    })
    .toCamelCase()
)
