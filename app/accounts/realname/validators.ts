import vine from '@vinejs/vine'
import { withFieldLabels } from '#core/validation/messages'
import { rules } from '#core/validation/rules'
import { ID_TYPE_KEYS } from '#core/validation/identity'

/**
 * The real-name forms (manual 004 §4.2: 中金/支付宝 name + ID number, 银行卡
 * 四要素; 中标一证通 §4 身份认证 — 人脸审核). Payloads come camelCase.
 */
const FIELD_LABELS: Record<string, string> = {
  real_name: '真实姓名',
  bank_card: '银行卡号',
  phone: '手机号',
  sms_code: '短信验证码',
  front: '证件正面照片',
  back: '证件反面照片',
}
const { create: createValidator } = withFieldLabels(FIELD_LABELS, {
  'real_name.regex': '请输入证件上的中文姓名',
})

const chineseName = () =>
  vine
    .string()
    .trim()
    .regex(/^[\u4e00-\u9fa5·]{2,30}$/)

/** 身份证核验 and 人脸识别 → { realName, idNumber } */
export const onlineRealNameValidator = createValidator(
  vine
    .object({
      real_name: chineseName(),
      id_number: rules.idNumber('__resident'),
    })
    .toCamelCase()
)

/** 银行卡四要素 → { realName, idNumber, bankCard, phone (reserved), smsCode } */
export const bankCardValidator = createValidator(
  vine
    .object({
      real_name: chineseName(),
      id_number: rules.idNumber('__resident'),
      bank_card: rules.bankCard(),
      phone: rules.phone(),
      sms_code: rules.smsCode(),
    })
    .toCamelCase()
)

/** 运营商三要素 → { realName, idNumber, phone, smsCode } */
export const operatorValidator = createValidator(
  vine
    .object({
      real_name: chineseName(),
      id_number: rules.idNumber('__resident'),
      phone: rules.phone(),
      sms_code: rules.smsCode(),
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

/** the sandbox page's buttons: 模拟识别成功 / 模拟识别失败 */
export const sandboxFaceValidator = createValidator(
  vine.object({ outcome: vine.enum(['pass', 'fail'] as const) })
)
