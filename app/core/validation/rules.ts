import vine from '@vinejs/vine'
import type { FieldContext } from '@vinejs/vine/types'
import {
  PASSWORD_RULE_MESSAGE,
  PHONE_RULE_MESSAGE,
  USCC_RULE_MESSAGE,
  idNumberMessage,
  isChinaMobile,
  isStrongPassword,
  isUscc,
  isValidIdNumber,
} from './identity.js'

/**
 * VineJS rules for Chinese identity fields. Each reports the manuals'
 * message at the field.
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
  if (value.length !== 18) {
    field.report(USCC_RULE_MESSAGE, 'uscc', field)
  } else if (!isUscc(value)) {
    field.report('统一社会信用代码不正确，请核对后重新输入', 'uscc', field)
  }
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
    if (!isValidIdNumber(type, value)) {
      field.report(idNumberMessage(type), 'idNumber', field)
    }
  }
)

/**
 * Schema helpers used by every module's validators.
 */
export const rules = {
  phone: () => vine.string().trim().use(chinaMobileRule()),
  password: () => vine.string().use(strongPasswordRule()),
  uscc: () => vine.string().trim().toUpperCase().use(usccRule()),
  idNumber: (typeField = 'id_type') =>
    vine.string().trim().toUpperCase().use(idNumberRule({ typeField })),
  smsCode: () =>
    vine
      .string()
      .trim()
      .regex(/^\d{6}$/),
  personName: () => vine.string().trim().minLength(2).maxLength(50),
}
