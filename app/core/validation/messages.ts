import type { FieldContext, MessagesProviderContact } from '@vinejs/vine/types'

import vine from '@vinejs/vine'

/**
 * Chinese messages for VineJS rules, with field labels so that
 * "请填写{{ field }}" reads "请填写手机号" next to the phone field.
 *
 * Core's labels are the base; a module's validators add their own with
 * `withFieldLabels({...})`, scoped to those validators: one module's
 * 申请协议 never renames another module's 用户服务协议和隐私政策.
 */
const baseLabels: Readonly<Record<string, string>> = {
  name: '姓名',
  phone: '手机号',
  mobile: '手机号',
  email: '邮箱',
  password: '密码',
  password_confirmation: '确认密码',
  passwordConfirmation: '确认密码',
  code: '验证码',
  sms_code: '短信验证码',
  id_type: '证件类型',
  id_number: '证件号码',
  region_code: '所在行政区',
  org_name: '机构名称',
  uscc: '统一社会信用代码',
  legal_rep_name: '法定代表人',
  reason: '原因',
  remark: '备注',
  title: '标题',
  content: '内容',
}

export function fieldLabel(name: string, labels: Record<string, string> = baseLabels): string {
  return labels[name] ?? baseLabels[name] ?? '此项'
}

const messages: Record<string, string> = {
  'required': '请填写{{ field }}',
  'string': '{{ field }}格式不正确',
  'email': '请输入正确的邮箱地址',
  'mobile': '请输入合法手机号/电话号',
  'regex': '{{ field }}格式不正确',
  'url': '请输入正确的网址',
  'alpha': '{{ field }}只能包含字母',
  'alphaNumeric': '{{ field }}只能包含字母和数字',
  'minLength': '{{ field }}至少 {{ min }} 个字符',
  'maxLength': '{{ field }}不能超过 {{ max }} 个字符',
  'fixedLength': '{{ field }}应为 {{ size }} 个字符',
  'confirmed': '两次输入的密码不一致',
  'sameAs': '{{ field }}与{{ otherField }}不一致',
  'notSameAs': '{{ field }}不能与{{ otherField }}相同',
  'in': '请选择有效的{{ field }}',
  'notIn': '请选择有效的{{ field }}',
  'enum': '请选择有效的{{ field }}',
  'uuid': '{{ field }}无效',
  'boolean': '{{ field }}无效',
  'number': '{{ field }}必须是数字',
  'min': '{{ field }}不能小于 {{ min }}',
  'max': '{{ field }}不能大于 {{ max }}',
  'range': '{{ field }}应在 {{ min }} 到 {{ max }} 之间',
  'positive': '{{ field }}必须大于 0',
  'nonNegative': '{{ field }}不能小于 0',
  'decimal': '{{ field }}最多 {{ digits }} 位小数',
  'withoutDecimals': '{{ field }}必须是整数',
  'accepted': '请阅读并勾选{{ field }}',
  'literal': '{{ field }}无效',
  'object': '{{ field }}格式不正确',
  'array': '{{ field }}格式不正确',
  'array.minLength': '{{ field }}至少选择 {{ min }} 项',
  'array.maxLength': '{{ field }}最多选择 {{ max }} 项',
  'notEmpty': '{{ field }}不能为空',
  'distinct': '{{ field }}有重复项',
  'date': '{{ field }}不是有效日期',
  'date.after': '{{ field }}必须晚于 {{ expectedValue }}',
  'date.before': '{{ field }}必须早于 {{ expectedValue }}',
  'date.afterOrEqual': '{{ field }}不能早于 {{ expectedValue }}',
  'date.beforeOrEqual': '{{ field }}不能晚于 {{ expectedValue }}',
  'date.afterField': '{{ field }}必须晚于{{ otherField }}',
  'date.afterOrSameAs': '{{ field }}不能早于{{ otherField }}',
  'file': '请上传{{ field }}',
  'file.size': '{{ field }}大小不能超过 {{ size }}',
  'file.extname': '{{ field }}文件类型不支持',
  'nativeFile': '请上传{{ field }}',
  'database.unique': '{{ field }}已被使用',
  'database.exists': '{{ field }}不存在',
}

function interpolate(template: string, data: Record<string, any>, labels: Record<string, string>) {
  return template.replace(/{{\s*(\w+)\s*}}/g, (_, key) => {
    const value = data[key]
    if (key === 'otherField' && typeof value === 'string') return fieldLabel(value, labels)
    return value === undefined || value === null ? '' : String(value)
  })
}

export class ChineseMessagesProvider implements MessagesProviderContact {
  private labels: Record<string, string>

  constructor(
    private overrides: Record<string, string> = {},
    labels: Record<string, string> = {}
  ) {
    this.labels = { ...baseLabels, ...labels }
  }

  getMessage(rawMessage: string, rule: string, field: FieldContext, args?: Record<string, any>) {
    const labels = this.labels
    const label = labels[field.getFieldPath()] ?? labels[field.name as string] ?? '此项'
    const template =
      this.overrides[`${field.getFieldPath()}.${rule}`] ??
      this.overrides[`${field.wildCardPath}.${rule}`] ??
      this.overrides[rule] ??
      messages[rule]
    if (template) return interpolate(template, { field: label, ...args }, labels)
    /**
     * Custom rules report their own Chinese message; keep it as is.
     */
    if (/[\u4e00-\u9fa5]/.test(rawMessage))
      return interpolate(rawMessage, { field: label, ...args }, labels)
    return `${label}格式不正确`
  }
}

/**
 * A module's validators with their own field labels (and rule messages):
 *
 *   const { create } = withFieldLabels({ agree: '申请协议' }, { 'agree.required': '请阅读并同意{{ field }}' })
 *   export const agreementValidator = create({ agree: vine.accepted() })
 */
export function withFieldLabels(
  labels: Record<string, string>,
  overrides: Record<string, string> = {}
) {
  const messagesProvider = new ChineseMessagesProvider(overrides, labels)
  const create = ((...args: Parameters<typeof vine.create>) => {
    const validator = (vine.create as (...a: unknown[]) => ReturnType<typeof vine.create>)(...args)
    validator.messagesProvider = messagesProvider
    return validator
  }) as typeof vine.create
  return { create, messagesProvider }
}
