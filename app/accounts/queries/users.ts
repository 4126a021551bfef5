import User, { ACCOUNT_TYPES } from '#accounts/models/user'
import { accountLifecycle, type AccountStatus } from '#accounts/account_lifecycle'
import { isUuid } from '#core/ids'

/**
 * Reads of applicant accounts for other modules (orders, certificates,
 * admin): plain objects, never the model, so that nobody writes through
 * them.
 */

/**
 * The signed-in applicant as other modules' controllers type it
 * (`auth.use('web').user as Applicant`): the model's type only, so that
 * they never import #accounts/models. They read it and hand it back to
 * accounts' actions and queries; they do not write through it.
 */
export type { default as Applicant } from '#accounts/models/user'

export interface ApplicantSummary {
  id: string
  accountType: 'person' | 'org'
  accountTypeLabel: string
  displayName: string
  name: string | null
  phone: string
  email: string | null
  idType: string | null
  idNumber: string | null
  regionCode: string | null
  orgName: string | null
  uscc: string | null
  legalRepName: string | null
  status: AccountStatus
  statusLabel: string
  realNameStatus: string
  realName: string | null
  realIdType: string | null
  realIdNumber: string | null
  isActive: boolean
  isVerified: boolean
}

export function toSummary(user: User): ApplicantSummary {
  return {
    id: user.id,
    accountType: user.accountType,
    accountTypeLabel: user.accountTypeLabel,
    displayName: user.displayName,
    name: user.name,
    phone: user.phone,
    email: user.email,
    idType: user.idType,
    idNumber: user.idNumber,
    regionCode: user.regionCode,
    orgName: user.orgName,
    uscc: user.uscc,
    legalRepName: user.legalRepName,
    status: user.status,
    statusLabel: user.statusLabel,
    realNameStatus: user.realNameStatus,
    realName: user.realName,
    realIdType: user.realIdType,
    realIdNumber: user.realIdNumber,
    isActive: user.isActive,
    isVerified: user.isVerified,
  }
}

export async function findApplicant(id: string): Promise<ApplicantSummary | null> {
  if (!isUuid(id)) return null
  const user = await User.find(id)
  return user ? toSummary(user) : null
}

export async function applicantsByIds(ids: string[]): Promise<Map<string, ApplicantSummary>> {
  const valid = [...new Set(ids.filter(isUuid))]
  const map = new Map<string, ApplicantSummary>()
  if (!valid.length) return map
  for (const user of await User.query().whereIn('id', valid)) map.set(user.id, toSummary(user))
  return map
}

export async function findApplicantByPhone(phone: string): Promise<ApplicantSummary | null> {
  const user = await User.findBy('phone', phone)
  return user ? toSummary(user) : null
}

export interface ApplicantFilters {
  q?: string
  type?: string
  status?: string
  realName?: string
}

/**
 * Back office 申请人 list: search by name, phone, email, ID number,
 * credit code or organisation name; filter by type and status.
 */
export async function searchApplicants(filters: ApplicantFilters, page: number, perPage = 20) {
  const query = User.query()
  const q = (filters.q ?? '').trim()
  if (q) {
    const like = `%${q.replace(/[%_\\]/g, '')}%`
    /* lower() on both sides: LIKE ignores case on SQLite but not on PostgreSQL */
    const lowerLike = like.toLowerCase()
    const upper = q.toUpperCase()
    query.where((w) => {
      w.where('phone', 'like', like)
        .orWhereRaw('lower(name) like ?', [lowerLike])
        .orWhereRaw('lower(real_name) like ?', [lowerLike])
        .orWhereRaw('lower(org_name) like ?', [lowerLike])
        .orWhereRaw('lower(legal_rep_name) like ?', [lowerLike])
        .orWhereRaw('lower(email) like ?', [lowerLike])
        .orWhere('id_number', upper)
        .orWhere('real_id_number', upper)
        .orWhere('uscc', upper)
    })
  }
  if (filters.type && filters.type in ACCOUNT_TYPES) query.where('account_type', filters.type)
  if (accountLifecycle.isState(filters.status)) query.where('status', filters.status)
  if (filters.realName && ['none', 'pending', 'verified'].includes(filters.realName)) {
    query.where('real_name_status', filters.realName)
  }
  return query.orderBy('created_at', 'desc').orderBy('id', 'desc').paginate(page, perPage)
}

export async function findUserModel(id: string) {
  if (!isUuid(id)) return null
  return User.find(id)
}

export async function countApplicants(): Promise<number> {
  const row = await User.query().whereNot('status', 'deregistered').count('* as total').first()
  return Number(row?.$extras.total ?? 0)
}
