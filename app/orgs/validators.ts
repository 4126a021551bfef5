import vine from '@vinejs/vine'
import { rules } from '#core/validation/rules'
import { withFieldLabels } from '#core/validation/messages'
import { ID_TYPE_KEYS } from '#core/validation/identity'
import { CLAIM_METHODS, ORG_KINDS } from '#orgs/labels'

/**
 * The organisations module's forms. Payloads reach the actions in
 * camelCase; messages name the fields in Chinese.
 */
const FIELD_LABELS: Record<string, string> = {
  name: '机构名称',
  org_name: '机构名称',
  uscc: '统一社会信用代码',
  kind: '机构类型',
  region_code: '所属地域',
  legal_rep_name: '法定代表人姓名',
  legal_rep_id_type: '法定代表人证件类型',
  legal_rep_id_number: '法定代表人证件号码',
  legal_rep_phone: '法定代表人手机号',
  method: '认证方式',
  sms_code: '短信验证码',
  bank_name: '开户银行',
  bank_account: '对公账号',
  deposit_code: '打款附言验证码',
  admin_name: '管理员姓名',
  phone_last4: '管理员手机号后四位',
  reason: '申请理由',
  phone: '手机号',
  role: '角色',
  membership_id: '新管理员',
  description: '说明',
  new_name: '变更后机构名称',
  review_reason: '原因描述',
  reason_type: '驳回类型',
}
const { create } = withFieldLabels(FIELD_LABELS, {
  'reason.maxLength': '申请理由不能超过 500 个字',
  'review_reason.maxLength': '原因描述不能超过 500 个字',
  'name.minLength': '机构名称至少输入 5 个字',
})

export const searchValidator = create(
  vine.object({
    name: vine.string().trim().maxLength(200).optional(),
    uscc: vine.string().trim().toUpperCase().maxLength(18).optional(),
  })
)

export const claimValidator = create(
  vine
    .object({
      method: vine.enum(Object.keys(CLAIM_METHODS) as Array<keyof typeof CLAIM_METHODS>),
      org_name: vine.string().trim().minLength(2).maxLength(200),
      uscc: rules.uscc(),
      kind: vine.enum(Object.keys(ORG_KINDS) as Array<keyof typeof ORG_KINDS>),
      region_code: vine.string().trim().maxLength(12).optional(),
      legal_rep_name: rules.personName(),
      legal_rep_id_type: vine.enum(ID_TYPE_KEYS),
      legal_rep_id_number: rules.idNumber('legal_rep_id_type'),
      legal_rep_phone: rules.phone(),
      sms_code: rules.smsCode().optional(),
      bank_name: vine.string().trim().maxLength(100).optional(),
      bank_account: vine
        .string()
        .trim()
        .regex(/^[0-9 ]{8,32}$/)
        .optional(),
    })
    .toCamelCase()
)

export const depositValidator = create(
  vine.object({
    deposit_code: vine
      .string()
      .trim()
      .regex(/^\d{6}$/),
  })
)

export const joinVerifyValidator = create(
  vine
    .object({
      uscc: rules.uscc(),
      admin_name: rules.personName(),
      phone_last4: vine
        .string()
        .trim()
        .regex(/^\d{4}$/),
    })
    .toCamelCase()
)

export const joinApplyValidator = create(
  vine.object({
    uscc: rules.uscc(),
    reason: vine.string().trim().minLength(2).maxLength(500),
  })
)

export const reasonValidator = create(
  vine.object({ reason: vine.string().trim().maxLength(500).optional() })
)

export const addMemberValidator = create(
  vine.object({
    name: rules.personName(),
    phone: rules.phone(),
    role: vine.enum(['admin', 'member'] as const),
  })
)

export const transferValidator = create(
  vine
    .object({
      membership_id: vine.string().trim().maxLength(36),
      sms_code: rules.smsCode(),
    })
    .toCamelCase()
)

/** 确认移交 when the legal representative signs through the link: the member only */
export const transferTargetValidator = create(
  vine.object({ membership_id: vine.string().trim().maxLength(36) }).toCamelCase()
)

export const consentValidator = create(vine.object({ sms_code: rules.smsCode() }).toCamelCase())

export const orgRejectValidator = create(
  vine.object({
    reason_type: vine.string().trim().maxLength(40),
    review_reason: vine.string().trim().minLength(2).maxLength(500),
  })
)

export const changeValidator = create(
  vine
    .object({
      kind: vine.enum(['change_name', 'change_legal_rep'] as const),
      new_name: vine.string().trim().minLength(2).maxLength(200).optional(),
      legal_rep_name: rules.personName().optional(),
      legal_rep_id_type: vine.enum(ID_TYPE_KEYS).optional(),
      legal_rep_id_number: vine.string().trim().toUpperCase().maxLength(40).optional(),
      legal_rep_phone: rules.phone().optional(),
      description: vine.string().trim().maxLength(500).optional(),
    })
    .toCamelCase()
)

export const appealValidator = create(
  vine
    .object({
      uscc: rules.uscc(),
      description: vine.string().trim().minLength(2).maxLength(500),
    })
    .toCamelCase()
)
