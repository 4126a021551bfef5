import issuanceConfig from '#config/issuance'
import { isUscc, isValidIdNumber, idNumberMessage } from '#core/validation/identity'
import { IssuanceError } from '#issuance/services/errors'
import { OID } from '#issuance/services/oids'
import { isPrintable } from '#issuance/services/der'
import type { KeyUsageName, NameAttribute } from '#issuance/services/x509'

/**
 * Certificate profiles: who the subject is and what the key may do.
 */
export const PROFILES = {
  personal: { label: '个人证书', policy: 1 },
  expert: { label: '专家证书', policy: 2 },
  enterprise: { label: '机构证书', policy: 3 },
} as const

export type Profile = keyof typeof PROFILES
export const PROFILE_KEYS = Object.keys(PROFILES) as Profile[]

export function isProfile(value: unknown): value is Profile {
  return typeof value === 'string' && value in PROFILES
}

/**
 * sign: the signing certificate of a cloud pair; encrypt: its encryption
 * certificate; dual: one certificate for both (a uKey with one key).
 */
export const USAGES = { sign: '签名', encrypt: '加密', dual: '签名及加密' } as const
export type Usage = keyof typeof USAGES

export const KEY_USAGES: Record<Usage, KeyUsageName[]> = {
  sign: ['digitalSignature', 'nonRepudiation'],
  encrypt: ['keyEncipherment', 'dataEncipherment'],
  dual: ['digitalSignature', 'nonRepudiation', 'keyEncipherment', 'dataEncipherment'],
}

export const EXTENDED_KEY_USAGES: Record<Usage, string[]> = {
  sign: [OID.clientAuth, OID.emailProtection],
  encrypt: [OID.emailProtection],
  dual: [OID.clientAuth, OID.emailProtection],
}

/**
 * A policy arc every library parses: dotted decimal, at least two arcs,
 * the first two encoded in one byte (0–2 and below 40, or 2 and below
 * 48: NSS cannot take a policy such as 2.999…), every arc below 2^31
 * (GnuTLS refused the former 2.25.<128-bit> arc; Windows and Java limit
 * arcs to 32 bits too).
 */
export function checkPolicyArc(arc: unknown): string {
  const invalid = () =>
    new IssuanceError(
      'policy_oid_invalid',
      `证书策略 OID ${String(arc)} 无效：应为点分十进制，每一段小于 2147483648（config/issuance.ts 的 policyArc）`
    )
  if (typeof arc !== 'string' || !/^[0-2](\.(0|[1-9][0-9]{0,9}))+$/.test(arc)) throw invalid()
  const parts = arc.split('.').map(Number)
  if (parts.some((n) => n > 2 ** 31 - 1)) throw invalid()
  if ((parts[0] < 2 && parts[1] > 39) || parts[0] * 40 + parts[1] > 127) throw invalid()
  return arc
}

export function policyOid(profile: Profile): string {
  return `${checkPolicyArc(issuanceConfig.policyArc)}.${PROFILES[profile].policy}`
}

/**
 * The subject as the approved order gives it.
 */
export interface SubjectInput {
  /** personal / expert: the person's name; enterprise: the organisation's name */
  name: string
  /** ID number (personal, expert) or unified social credit code (enterprise) */
  idNumber: string
  /** personal / expert: type of the ID (checked when given), see ID_TYPES of #core/validation/identity */
  idType?: string
  /** O: enterprise defaults to `name`; expert: the expert's institution */
  organization?: string | null
  /** OU */
  unit?: string | null
  /** ST, L */
  province?: string | null
  city?: string | null
}

export interface NormalisedSubject {
  name: string
  idNumber: string
  organization: string | null
  unit: string | null
  province: string | null
  city: string | null
}

function cleanText(value: unknown, label: string, required: boolean, max = 64): string | null {
  if (value === undefined || value === null || value === '') {
    if (required) throw new IssuanceError('subject_invalid', `证书主题缺少${label}`)
    return null
  }
  if (typeof value !== 'string')
    throw new IssuanceError('subject_invalid', `证书主题的${label}格式不正确`)
  const text = value.normalize('NFC').trim().replace(/\s+/g, ' ')
  if (!text) {
    if (required) throw new IssuanceError('subject_invalid', `证书主题缺少${label}`)
    return null
  }
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(text))
    throw new IssuanceError('subject_invalid', `证书主题的${label}含有不可见字符`)
  if ([...text].length > max)
    throw new IssuanceError('subject_invalid', `证书主题的${label}不能超过 ${max} 个字符`)
  return text
}

/**
 * Check the caller's subject against the profile's rules.
 */
export function normaliseSubject(profile: Profile, input: SubjectInput): NormalisedSubject {
  if (!isProfile(profile))
    throw new IssuanceError('profile_invalid', '证书类型无效（应为个人、专家或机构证书）')
  if (!input || typeof input !== 'object')
    throw new IssuanceError('subject_invalid', '缺少证书主题信息')
  const name = cleanText(input.name, profile === 'enterprise' ? '机构名称' : '姓名', true)!
  const rawId = typeof input.idNumber === 'string' ? input.idNumber.trim().toUpperCase() : ''
  if (!rawId) {
    throw new IssuanceError(
      'subject_invalid',
      profile === 'enterprise' ? '证书主题缺少统一社会信用代码' : '证书主题缺少证件号码'
    )
  }
  if (profile === 'enterprise') {
    if (!isUscc(rawId)) throw new IssuanceError('subject_invalid', '统一社会信用代码不正确')
  } else if (input.idType) {
    if (!isValidIdNumber(input.idType, rawId))
      throw new IssuanceError('subject_invalid', idNumberMessage(input.idType))
  } else if (!/^[0-9A-Z]{5,32}$/.test(rawId) || !isPrintable(rawId)) {
    throw new IssuanceError('subject_invalid', '证件号码格式不正确')
  }
  const organization =
    cleanText(input.organization, '机构名称', false) ?? (profile === 'enterprise' ? name : null)
  return {
    name,
    idNumber: rawId,
    organization,
    unit: cleanText(input.unit, '部门', false),
    province: cleanText(input.province, '省份', false, 128),
    city: cleanText(input.city, '城市', false, 128),
  }
}

/**
 * C, ST, L, O, OU, CN, serialNumber: `identity` is what the profile's rule
 * makes of the ID number or credit code (services/subject_identity.ts),
 * null for no serialNumber.
 */
export function subjectAttributes(
  subject: NormalisedSubject,
  identity: string | null
): NameAttribute[] {
  const attrs: NameAttribute[] = [{ oid: OID.countryName, value: issuanceConfig.country }]
  if (subject.province) attrs.push({ oid: OID.stateOrProvinceName, value: subject.province })
  if (subject.city) attrs.push({ oid: OID.localityName, value: subject.city })
  if (subject.organization) attrs.push({ oid: OID.organizationName, value: subject.organization })
  if (subject.unit) attrs.push({ oid: OID.organizationalUnitName, value: subject.unit })
  attrs.push({ oid: OID.commonName, value: subject.name })
  if (identity !== null) attrs.push({ oid: OID.serialNumber, value: identity })
  return attrs
}
