/**
 * Identity-number rules from the manuals and the national standards:
 * mainland mobile numbers, resident ID numbers (GB 11643), unified social
 * credit codes (GB 32100), other ID documents, and the password rule.
 * Pure functions: unit-tested without HTTP.
 */
import regions from '../data/regions.json' with { type: 'json' }

export const ID_TYPES = {
  resident_id: '居民身份证',
  passport: '护照',
  hk_macao_permit: '港澳居民来往内地通行证',
  taiwan_permit: '台湾居民来往大陆通行证',
  foreign_permanent: '外国人永久居留身份证',
} as const

export type IdType = keyof typeof ID_TYPES
export const ID_TYPE_KEYS = Object.keys(ID_TYPES) as IdType[]

/** Two-digit province codes of GB/T 2260 (plus 71 Taiwan, 81 HK, 82 Macao) */
const PROVINCE_CODES = new Set(regions.map((r) => r.code))

/**
 * Mainland mobile number: 11 digits starting 13x..19x.
 */
export function isChinaMobile(value: string): boolean {
  return /^1[3-9]\d{9}$/.test(value)
}

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
const ID_CHECK = '10X98765432'

/**
 * GB 11643 check character of the first 17 digits.
 */
export function residentIdCheckChar(first17: string): string {
  let sum = 0
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * ID_WEIGHTS[i]
  return ID_CHECK[sum % 11]
}

/**
 * The birth date encoded in a resident ID, or null when it is not a real
 * date between 1900 and today.
 */
export function residentIdBirthDate(id: string): Date | null {
  const y = Number(id.slice(6, 10))
  const m = Number(id.slice(10, 12))
  const d = Number(id.slice(12, 14))
  if (y < 1900) return null
  const date = new Date(Date.UTC(y, m - 1, d))
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) {
    return null
  }
  if (date.getTime() > Date.now()) return null
  return date
}

/**
 * 18-character resident ID: province code, birth date, check character.
 */
export function isResidentId(value: string): boolean {
  const id = value.toUpperCase()
  if (!/^\d{17}[\dX]$/.test(id)) return false
  if (!PROVINCE_CODES.has(id.slice(0, 2))) return false
  if (!residentIdBirthDate(id)) return false
  return residentIdCheckChar(id.slice(0, 17)) === id[17]
}

/** GB 32100: the 31 characters allowed (no I, O, S, V, Z) */
const USCC_CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY'
const USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]

/**
 * GB 32100 check character of the first 17 characters, or null when they
 * contain a character outside the code's charset.
 */
export function usccCheckChar(first17: string): string | null {
  let sum = 0
  for (let i = 0; i < 17; i++) {
    const v = USCC_CHARSET.indexOf(first17[i])
    if (v < 0) return null
    sum += v * USCC_WEIGHTS[i]
  }
  const check = (31 - (sum % 31)) % 31
  return USCC_CHARSET[check]
}

/**
 * Unified social credit code: 18 characters, registering authority code,
 * six-digit region, check character.
 */
export function isUscc(value: string): boolean {
  const code = value.toUpperCase()
  if (!/^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/.test(code)) return false
  return usccCheckChar(code.slice(0, 17)) === code[17]
}

/**
 * Foreign permanent resident ID: the 15-character 2004 card (three
 * letters, twelve digits) or the 18-character 2023 card (starts with 9,
 * GB 11643 check character).
 */
export function isForeignPermanentId(value: string): boolean {
  const id = value.toUpperCase()
  if (/^[A-Z]{3}\d{12}$/.test(id)) return true
  if (/^9\d{16}[\dX]$/.test(id)) return residentIdCheckChar(id.slice(0, 17)) === id[17]
  return false
}

export function isValidIdNumber(type: string, value: string): boolean {
  switch (type) {
    case 'resident_id':
      return isResidentId(value)
    case 'passport':
      return /^[A-Za-z0-9]{5,20}$/.test(value)
    case 'hk_macao_permit':
      return /^[HMhm]\d{8}(\d{2})?$/.test(value)
    case 'taiwan_permit':
      return /^\d{8}(\d{2})?$/.test(value)
    case 'foreign_permanent':
      return isForeignPermanentId(value)
    default:
      return false
  }
}

/**
 * Message shown for an invalid number of the given ID type.
 */
export function idNumberMessage(type: string): string {
  switch (type) {
    case 'resident_id':
      return '请输入正确的身份证号'
    case 'passport':
      return '护照号码需 5 位及以上的字母或数字'
    case 'hk_macao_permit':
      return '请输入正确的港澳居民来往内地通行证号码'
    case 'taiwan_permit':
      return '请输入正确的台湾居民来往大陆通行证号码'
    case 'foreign_permanent':
      return '请输入正确的外国人永久居留身份证号码'
    default:
      return '请选择有效证件类型'
  }
}

/**
 * Password: digits, lower-case and upper-case letters, longer than 8.
 */
export function isStrongPassword(value: string): boolean {
  return (
    value.length > 8 &&
    value.length <= 64 &&
    /\d/.test(value) &&
    /[a-z]/.test(value) &&
    /[A-Z]/.test(value)
  )
}

export const PASSWORD_RULE_MESSAGE = '密码为数字、小写字母、大写字母，且长度大于 8 位'
export const PHONE_RULE_MESSAGE = '请输入合法手机号/电话号'
export const USCC_RULE_MESSAGE = '请输入 18 位统一社会信用代码'

/**
 * Mask for display: 138****0000, 2101**********2853
 */
export function maskPhone(phone: string | null | undefined): string {
  if (!phone) return ''
  return phone.length === 11 ? `${phone.slice(0, 3)}****${phone.slice(7)}` : phone
}

export function maskIdNumber(id: string | null | undefined): string {
  if (!id) return ''
  if (id.length <= 6) return id.replace(/./g, '*')
  return `${id.slice(0, 4)}${'*'.repeat(id.length - 8)}${id.slice(-4)}`
}
