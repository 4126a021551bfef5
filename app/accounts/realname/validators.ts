import vine from '@vinejs/vine'
import { withFieldLabels } from '#core/validation/messages'
import { rules } from '#core/validation/rules'
import { ID_TYPE_KEYS } from '#core/validation/identity'

const FIELD_LABELS: Record<string, string> = {
  real_name: '真实姓名',
  front: '证件正面照片',
  back: '证件反面照片',
}
const { create: createValidator } = withFieldLabels(FIELD_LABELS, {
  'real_name.regex': '请输入证件上的中文姓名',
})

/** 身份证核验 → { realName, idNumber } */
export const onlineRealNameValidator = createValidator(
  vine
    .object({
      real_name: vine
        .string()
        .trim()
        .regex(/^[\u4e00-\u9fa5·]{2,30}$/),
      id_number: rules.idNumber('__resident'),
    })
    .toCamelCase()
)

/** 人工审核 → { idType, realName, idNumber } (the photos are inspected apart) */
export const manualRealNameValidator = createValidator(
  vine
    .object({
      id_type: vine.enum(ID_TYPE_KEYS),
      real_name: vine.string().trim().minLength(2).maxLength(60),
      id_number: rules.idNumber('id_type'),
    })
    .toCamelCase()
)
