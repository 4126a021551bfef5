import vine from '@vinejs/vine'
import type { FieldContext } from '@vinejs/vine/types'
import {
  PASSWORD_RULE_MESSAGE,
  PHONE_RULE_MESSAGE,
  bankCardProblem,
  idNumberProblem,
  isChinaMobile,
  isStrongPassword,
  usccProblem,
} from './identity.js'

/**
 * VineJS rules for Chinese identity fields. Each reports at the field the
 * manuals' message, or for identity numbers the reason the number is
 * wrong (length, characters, date, check character…).
 */
export const chinaMobileRule = vine.createRule(
  (value: unknown, _: undefined, field: FieldContext) => {
    if (typeof value !== 'string' || !isChinaMobile(value)) {
      field.report(PHONE_RULE_MESSAGE, 'chinaMobile', field)
    }
  }
)

export const usccRule = vine.createRule((value: unknown, _: undefined, field: FieldContext) => {
  if (typeof value !== 'string') return
  const problem = usccProblem(value)
  if (problem) field.report(problem, 'uscc', field)
})

/**
 * Bank card number: 16–19 digits and the Luhn check digit; the spaces or
 * dashes people type between groups of digits are dropped first.
 */
export const bankCardRule = vine.createRule((value: unknown, _: undefined, field: FieldContext) => {
  if (typeof value !== 'string') return
  const digits = value.replace(/[\s-]+/g, '')
  field.mutate(digits, field)
  const problem = bankCardProblem(digits)
  if (problem) field.report(problem, 'bankCard', field)
})

export const strongPasswordRule = vine.createRule(
  (value: unknown, _: undefined, field: FieldContext) => {
    if (typeof value !== 'string' || !isStrongPassword(value)) {
      field.report(PASSWORD_RULE_MESSAGE, 'strongPassword', field)
    }
  }
)

/**
 * ID number checked against the ID type chosen in a sibling field
 * (default field name "id_type"; resident ID when there is none).
 */
export const idNumberRule = vine.createRule(
  (value: unknown, options: { typeField?: string } | undefined, field: FieldContext) => {
    if (typeof value !== 'string') return
    const type = (field.parent?.[options?.typeField ?? 'id_type'] as string) ?? 'resident_id'
    const problem = idNumberProblem(type, value)
    if (problem) field.report(problem, 'idNumber', field)
  }
)

/** a 6-digit SMS verification code */
function smsCode() {
  return vine
    .string()
    .trim()
    .regex(/^\d{6}$/)
}

/**
 * Schema helpers used by every module's validators.
 */
export const rules = {
  phone: () => vine.string().trim().use(chinaMobileRule()),
  password: () => vine.string().use(strongPasswordRule()),
  uscc: () => vine.string().trim().toUpperCase().use(usccRule()),
  idNumber: (typeField = 'id_type') =>
    vine.string().trim().toUpperCase().use(idNumberRule({ typeField })),
  bankCard: () => vine.string().trim().use(bankCardRule()),
  smsCode,
  /** the SMS code of a form whose 获取验证码 button posts `intent: send_code` (then not needed) */
  smsCodeUnlessSending: () => smsCode().optional().requiredWhen('intent', '!=', 'send_code'),
  personName: () => vine.string().trim().minLength(2).maxLength(50),
}
