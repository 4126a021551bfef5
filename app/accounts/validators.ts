import vine from '@vinejs/vine'
import type { FieldContext } from '@vinejs/vine/types'
import { rules } from '#core/validation/rules'
import { ChineseMessagesProvider } from '#core/validation/messages'
import { withFieldLabels } from '#core/validation/messages'
import { ID_TYPE_KEYS } from '#core/validation/identity'
import { isRegionCode } from '#core/regions'
import { ACCOUNT_TEXTS } from '#accounts/messages'

/**
 * Labels of the accounts module's fields, so that VineJS messages read
 * "请填写<label>" next to each field (review_reason and reason_type: the
 * back office's decision forms of the account reviews).
 */
const FIELD_LABELS: Record<string, string> = {
  account_type: '注册类型',
  agree: '用户服务协议和隐私政策',
  account: '登录账号',
  current_password: '当前密码',
  new_phone: '新手机号',
  real_name: '真实姓名',
  contact_phone: '联系电话',
  description: '申诉说明',
  id_photo: '证件照片',
  review_reason: '驳回原因',
  reason_type: '驳回类型',
  region_code: '所在行政区',
}
const { create: createValidator } = withFieldLabels(FIELD_LABELS)

/**
 * The forms' validators hand the actions camelCase payloads
 * (`.toCamelCase()`); their messages keep the fields' own names.
 *
 * The other field must hold the same value (确认密码).
 */
const sameAsFieldRule = vine.createRule(
  (value: unknown, options: { field: string; message: string }, field: FieldContext) => {
    if (value !== field.parent?.[options.field]) {
      field.report(options.message, 'sameAsField', field)
    }
  }
)

const regionRule = vine.createRule((value: unknown, _: undefined, field: FieldContext) => {
  if (!isRegionCode(value)) field.report('请选择所在行政区', 'region', field)
})

const passwordConfirmation = () =>
  vine.string().use(sameAsFieldRule({ field: 'password', message: ACCOUNT_TEXTS.passwordMismatch }))

const region = () => vine.string().trim().use(regionRule())

const email = () => vine.string().trim().toLowerCase().maxLength(254).email()

/**
 * 注册 · 自然人: 姓名, 联系电话, 有效证件类型, 证件号码, 所在行政区, 密码,
 * 确认密码, 短信验证码, 协议.
 */
export const registerPersonValidator = createValidator(
  vine
    .object({
      account_type: vine.literal('person'),
      name: rules.personName(),
      phone: rules.phone(),
      id_type: vine.enum(ID_TYPE_KEYS),
      id_number: rules.idNumber(),
      region_code: region(),
      password: rules.password(),
      password_confirmation: passwordConfirmation(),
      sms_code: rules.smsCode(),
      agree: vine.accepted(),
    })
    .toCamelCase()
)

/**
 * 注册 · 机构/企业: 机构名称, 统一社会信用代码, 行政区, 联系电话, 法定代表人,
 * 密码, 确认密码, 短信验证码, 协议.
 */
export const registerOrgValidator = createValidator(
  vine
    .object({
      account_type: vine.literal('org'),
      org_name: vine.string().trim().minLength(2).maxLength(100),
      uscc: rules.uscc(),
      region_code: region(),
      phone: rules.phone(),
      legal_rep_name: rules.personName(),
      password: rules.password(),
      password_confirmation: passwordConfirmation(),
      sms_code: rules.smsCode(),
      agree: vine.accepted(),
    })
    .toCamelCase()
)

/** 密码登录: 手机号或邮箱 + 密码 */
export const passwordLoginValidator = createValidator({
  account: vine.string().trim().minLength(3).maxLength(254),
  password: vine.string().minLength(1).maxLength(100),
})

/** 短信登录 (免密码登录) */
export const smsLoginValidator = createValidator(
  vine
    .object({
      phone: rules.phone(),
      sms_code: rules.smsCode(),
      agree: vine.accepted(),
    })
    .toCamelCase()
)

/** 忘记密码: 账号 + 绑定手机号 + 验证码 + 新密码 + 确认 */
export const forgotPasswordValidator = createValidator(
  vine
    .object({
      account: vine.string().trim().minLength(3).maxLength(254),
      phone: rules.phone(),
      sms_code: rules.smsCode(),
      password: rules.password(),
      password_confirmation: passwordConfirmation(),
    })
    .toCamelCase()
)

/** 修改密码 (当前密码 is optional for accounts without one yet) */
export const changePasswordValidator = createValidator(
  vine
    .object({
      current_password: vine.string().maxLength(100).optional(),
      password: rules.password(),
      password_confirmation: passwordConfirmation(),
    })
    .toCamelCase()
)

export const personProfileValidator = createValidator(
  vine
    .object({
      name: rules.personName().optional(),
      region_code: region(),
      email: email().optional(),
    })
    .toCamelCase()
)

export const orgProfileValidator = createValidator(
  vine
    .object({
      org_name: vine.string().trim().minLength(2).maxLength(100),
      legal_rep_name: rules.personName(),
      region_code: region(),
      email: email().optional(),
    })
    .toCamelCase()
)

/** 更换手机号: SMS code to the new phone + current password */
export const changePhoneValidator = createValidator(
  vine
    .object({
      new_phone: rules.phone(),
      sms_code: rules.smsCode(),
      current_password: vine.string().minLength(1).maxLength(100),
    })
    .toCamelCase()
)

/** 原手机号丢失: new phone + SMS + ID number + reason (+ ID photo, checked by content) */
const lostPhoneFields = () => ({
  new_phone: rules.phone(),
  sms_code: rules.smsCode(),
  id_type: vine.enum(ID_TYPE_KEYS),
  id_number: rules.idNumber(),
  reason: vine.string().trim().minLength(5).maxLength(500),
})

export const lostPhoneValidator = createValidator(vine.object(lostPhoneFields()).toCamelCase())

/** The same, from the forgot-password page (not signed in): which account */
export const guestLostPhoneValidator = createValidator(
  vine
    .object({ account: vine.string().trim().minLength(3).maxLength(254), ...lostPhoneFields() })
    .toCamelCase()
)

export const deregisterValidator = createValidator(
  vine
    .object({
      sms_code: rules.smsCode(),
      agree: vine.accepted(),
    })
    .toCamelCase()
)

/** 账号申诉: 身份证号 + 真实姓名 + 联系电话 (SMS) + 说明 */
export const appealValidator = createValidator(
  vine
    .object({
      id_number: rules.idNumber(),
      real_name: rules.personName(),
      contact_phone: rules.phone(),
      sms_code: rules.smsCode(),
      description: vine.string().trim().minLength(5).maxLength(500),
    })
    .toCamelCase()
)

export const freezeValidator = createValidator({
  reason: vine.string().trim().minLength(2).maxLength(200),
})

/**
 * A missing agreement checkbox reads 请阅读并勾选… (not 请填写…).
 */
const agreementMessages = new ChineseMessagesProvider(
  {
    'agree.required': '请阅读并勾选{{ field }}',
  },
  FIELD_LABELS
)
for (const validator of [
  registerPersonValidator,
  registerOrgValidator,
  smsLoginValidator,
  deregisterValidator,
]) {
  validator.messagesProvider = agreementMessages
}
