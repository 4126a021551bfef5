/**
 * Identity-number rules from the manuals and the national standards:
 * mainland mobile numbers, resident ID numbers and the residence permits
 * of Hong Kong, Macao and Taiwan residents (GB 11643), unified social
 * credit codes (GB 32100) with their embedded organisation code
 * (GB 11714), bank card numbers (Luhn), other ID documents, the password
 * rule, and the masks used wherever an applicant sees these numbers.
 * Pure functions: unit-tested without HTTP. Each `…Problem` function says
 * what is wrong in Chinese (length, characters, date, check character…),
 * so that the form can name the reason at the field.
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
 * 港澳台居民居住证 (GB 11643 numbers since 2018): the address code is
 * 810000 (Hong Kong), 820000 (Macao) or 830000 (Taiwan). 81 and 82 are
 * also provinces of GB/T 2260 above; 83 exists only as 830000.
 */
export const RESIDENCE_PERMIT_CODES = {
  '810000': '香港',
  '820000': '澳门',
  '830000': '台湾',
} as const

function knownAddressCode(id: string) {
  return PROVINCE_CODES.has(id.slice(0, 2)) || id.slice(0, 6) in RESIDENCE_PERMIT_CODES
}

const BEIJING_OFFSET_MS = 8 * 3600 * 1000

/**
 * Today's date in Beijing (UTC+8, no daylight saving) as yyyyMMdd: a
 * person born today in China has today's Beijing date in their ID
 * number, also between 00:00 and 08:00 Beijing time (16:00–24:00 UTC).
 */
export function beijingToday(now: number = Date.now()): string {
  const d = new Date(now + BEIJING_OFFSET_MS)
  const pad = (n: number) => String(n).padStart(2, '0')
  return `${d.getUTCFullYear()}${pad(d.getUTCMonth() + 1)}${pad(d.getUTCDate())}`
}

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
 * The calendar date of yyyyMMdd digits from 1900 on (as a UTC midnight),
 * or null when there is no such day.
 */
function calendarDate(digits: string): Date | null {
  if (!/^\d{8}$/.test(digits)) return null
  const y = Number(digits.slice(0, 4))
  const m = Number(digits.slice(4, 6))
  const d = Number(digits.slice(6, 8))
  if (y < 1900) return null
  const date = new Date(Date.UTC(y, m - 1, d))
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) {
    return null
  }
  return date
}

/**
 * The birth date encoded in a resident ID (as a UTC midnight), or null
 * when it is not a real date between 1900 and today's Beijing date.
 */
export function residentIdBirthDate(id: string, now: number = Date.now()): Date | null {
  const digits = id.slice(6, 14)
  const date = calendarDate(digits)
  return date && digits <= beijingToday(now) ? date : null
}

export const RESIDENT_ID_MESSAGES = {
  length: '请输入 18 位身份证号',
  characters: '身份证号只能包含数字，最后一位可以是 X',
  region: '身份证号前 6 位（地区码）不正确',
  date: '身份证号第 7-14 位（出生日期）不是有效日期',
  future: '身份证号第 7-14 位（出生日期）晚于今天',
  check: '身份证号最后一位（校验码）不正确，请核对后重新输入',
} as const

/**
 * What is wrong with an 18-character resident ID (or a residence permit
 * number, same format), in Chinese; null when it is valid. Checked in
 * the order a person would fix it: length, characters, address code,
 * birth date (not after today's Beijing date), check character.
 */
export function residentIdProblem(value: string, now: number = Date.now()): string | null {
  const id = value.toUpperCase()
  if (id.length !== 18) return RESIDENT_ID_MESSAGES.length
  if (!/^\d{17}[\dX]$/.test(id)) return RESIDENT_ID_MESSAGES.characters
  if (!knownAddressCode(id)) return RESIDENT_ID_MESSAGES.region
  const birth = id.slice(6, 14)
  if (!calendarDate(birth)) return RESIDENT_ID_MESSAGES.date
  if (birth > beijingToday(now)) return RESIDENT_ID_MESSAGES.future
  if (residentIdCheckChar(id.slice(0, 17)) !== id[17]) return RESIDENT_ID_MESSAGES.check
  return null
}

/**
 * 18-character resident ID: address code (a GB/T 2260 province, or
 * 810000/820000/830000 of a residence permit), birth date, check character.
 */
export function isResidentId(value: string, now: number = Date.now()): boolean {
  return residentIdProblem(value, now) === null
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
 * GB 32100 table 1: the registration authority (position 1) and the
 * categories of organisation it registers (position 2).
 */
export const USCC_AUTHORITIES: Record<
  string,
  { label: string; categories: Record<string, string> }
> = {
  '1': {
    label: '机构编制',
    categories: {
      '1': '机关',
      '2': '事业单位',
      '3': '中央编办直接管理机构编制的群众团体',
      '9': '其他',
    },
  },
  '2': { label: '外交', categories: { '1': '外国常驻新闻机构', '9': '其他' } },
  '3': {
    label: '司法行政',
    categories: {
      '1': '律师执业机构',
      '2': '公证处',
      '3': '基层法律服务所',
      '4': '司法鉴定机构',
      '5': '仲裁委员会',
      '9': '其他',
    },
  },
  '4': { label: '文化', categories: { '1': '外国在华文化中心', '9': '其他' } },
  '5': {
    label: '民政',
    categories: { '1': '社会团体', '2': '民办非企业单位', '3': '基金会', '9': '其他' },
  },
  '6': {
    label: '旅游',
    categories: {
      '1': '外国旅游部门常驻代表机构',
      '2': '港澳台地区旅游部门常驻内地（大陆）代表机构',
      '9': '其他',
    },
  },
  '7': { label: '宗教', categories: { '1': '宗教活动场所', '2': '宗教院校', '9': '其他' } },
  '8': { label: '工会', categories: { '1': '基层工会', '9': '其他' } },
  '9': { label: '工商', categories: { '1': '企业', '2': '个体工商户', '3': '农民专业合作社' } },
  'A': { label: '中央军委改革和编制办公室', categories: { '1': '军队事业单位', '9': '其他' } },
  'N': {
    label: '农业',
    categories: {
      '1': '组级集体经济组织',
      '2': '村级集体经济组织',
      '3': '乡镇级集体经济组织',
      '9': '其他',
    },
  },
  'Y': { label: '其他', categories: { '1': '其他' } },
}

const ORG_CODE_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2]

/**
 * GB 11714 check character of an organisation code's 8-character body
 * (digits and upper-case letters, A = 10 … Z = 35), or null when the body
 * has another character.
 */
export function orgCodeCheckChar(body: string): string | null {
  if (!/^[0-9A-Z]{8}$/.test(body)) return null
  let sum = 0
  for (let i = 0; i < 8; i++) sum += Number.parseInt(body[i], 36) * ORG_CODE_WEIGHTS[i]
  const check = 11 - (sum % 11)
  return check === 10 ? 'X' : check === 11 ? '0' : String(check)
}

export const USCC_MESSAGES = {
  length: '请输入 18 位统一社会信用代码',
  characters: '统一社会信用代码只能包含数字和大写字母（不含 I、O、S、V、Z）',
  authority: '统一社会信用代码第 1 位（登记管理部门代码）不正确',
  category: '统一社会信用代码第 2 位（机构类别代码）与登记管理部门不符',
  region: '统一社会信用代码第 3-8 位（登记管理机关行政区划码）应为 6 位数字',
  orgCode: '统一社会信用代码第 9-17 位（组织机构代码）的校验码不正确',
  check: '统一社会信用代码最后一位（校验码）不正确，请核对后重新输入',
} as const

/**
 * What is wrong with a unified social credit code, in Chinese; null when
 * it is valid: length, characters, the registration authority and its
 * category (GB 32100 table 1), the region digits, the embedded
 * organisation code's own check character (GB 11714, positions 9–17),
 * and the code's check character (position 18).
 */
export function usccProblem(value: string): string | null {
  const code = value.toUpperCase()
  if (code.length !== 18) return USCC_MESSAGES.length
  if (![...code].every((c) => USCC_CHARSET.includes(c))) return USCC_MESSAGES.characters
  const authority = USCC_AUTHORITIES[code[0]]
  if (!authority) return USCC_MESSAGES.authority
  if (!(code[1] in authority.categories)) return USCC_MESSAGES.category
  if (!/^\d{6}$/.test(code.slice(2, 8))) return USCC_MESSAGES.region
  if (orgCodeCheckChar(code.slice(8, 16)) !== code[16]) return USCC_MESSAGES.orgCode
  if (usccCheckChar(code.slice(0, 17)) !== code[17]) return USCC_MESSAGES.check
  return null
}

/**
 * Unified social credit code (GB 32100): see usccProblem.
 */
export function isUscc(value: string): boolean {
  return usccProblem(value) === null
}

/** registration authority and category of a valid code, e.g. 工商 · 企业 */
export function usccKind(value: string): { authority: string; category: string } | null {
  const code = value.toUpperCase()
  if (!isUscc(code)) return null
  const authority = USCC_AUTHORITIES[code[0]]
  return { authority: authority.label, category: authority.categories[code[1]] }
}

/**
 * Luhn (ISO/IEC 7812) check digit of a card number's digits before it.
 */
export function luhnCheckDigit(body: string): string {
  let sum = 0
  for (let i = 0; i < body.length; i++) {
    let digit = Number(body[body.length - 1 - i])
    if (i % 2 === 0) {
      digit *= 2
      if (digit > 9) digit -= 9
    }
    sum += digit
  }
  return String((10 - (sum % 10)) % 10)
}

export const BANK_CARD_MESSAGES = {
  characters: '银行卡号只能包含数字',
  length: '银行卡号应为 16-19 位数字',
  check: '银行卡号校验失败，请核对卡号后重新输入',
} as const

/**
 * What is wrong with a bank card number (spaces already removed), in
 * Chinese; null when it is valid: 16–19 digits (UnionPay debit and credit
 * cards) and the Luhn check digit.
 */
export function bankCardProblem(value: string): string | null {
  if (!/^\d*$/.test(value)) return BANK_CARD_MESSAGES.characters
  if (value.length < 16 || value.length > 19) return BANK_CARD_MESSAGES.length
  if (luhnCheckDigit(value.slice(0, -1)) !== value.slice(-1)) return BANK_CARD_MESSAGES.check
  return null
}

export function isBankCardNumber(value: string): boolean {
  return bankCardProblem(value) === null
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
  return idNumberProblem(type, value) === null
}

/**
 * What is wrong with an ID number of the given type, in Chinese (a resident
 * ID says which part: length, characters, region, date, check character);
 * null when it is valid.
 */
export function idNumberProblem(type: string, value: string): string | null {
  if (type === 'resident_id') return residentIdProblem(value)
  return matchesIdType(type, value) ? null : idNumberMessage(type)
}

function matchesIdType(type: string, value: string): boolean {
  switch (type) {
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
 * Masks for display wherever an applicant sees these facts (张*,
 * 138****0000, 2113**********2853, 6222 **** **** 1234).
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

/**
 * A person's name with only its first character shown: 张*, 欧阳**,
 * 买*·***; Latin names keep their first letter and spaces (J*** *****).
 */
export function maskName(name: string | null | undefined): string {
  if (!name) return ''
  const chars = [...name.trim()]
  if (chars.length <= 1) return chars.join('')
  return chars.map((c, i) => (i === 0 || c === '·' || c === ' ' ? c : '*')).join('')
}

/**
 * A bank card number with its first and last four digits shown.
 */
export function maskBankCard(card: string | null | undefined): string {
  if (!card) return ''
  const digits = card.replace(/\s+/g, '')
  if (digits.length <= 8) return digits.replace(/./g, '*')
  return `${digits.slice(0, 4)} **** **** ${digits.slice(-4)}`
}
