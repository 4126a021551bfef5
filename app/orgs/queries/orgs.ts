import { isUuid } from '#core/ids'
import { maskName, maskPhone } from '#core/validation/identity'
import { applicantsByIds, type Applicant } from '#accounts/queries/users'
import Org from '#orgs/models/org'
import Membership from '#orgs/models/membership'
import OrgClaim from '#orgs/models/org_claim'
import OrgApplication from '#orgs/models/org_application'
import OrgHistory from '#orgs/models/org_history'
import OrgCase from '#orgs/models/org_case'
import { ORG_TEXTS } from '#orgs/labels'
import { OrgError, orgNotFound } from '#orgs/errors'

/**
 * Reads of organisations: the search before a claim or a join, a person's
 * orgs, an org as its member sees it (anyone else: 404), its members and
 * history, and plain summaries for other modules (orders, certificates).
 */
export const SEARCH_LIMIT = 10
export const MIN_NAME_LENGTH = 5

export interface OrgSearchResult {
  id: string
  name: string
  uscc: string
  claimed: boolean
  /** 苏* 155****7410: the first admin, masked */
  maskedAdmin: string | null
}

function like(value: string) {
  return `%${value.replace(/[%_\\]/g, '')}%`
}

/**
 * 查询机构: by credit code (exact) or by name (at least 5 characters, at
 * most 10 results). Unclaimed and deregistered orgs are open to a claim.
 */
export async function searchOrgs(input: { name?: string | null; uscc?: string | null }) {
  const uscc = (input.uscc ?? '').trim().toUpperCase()
  const name = (input.name ?? '').trim()
  if (!uscc && !name) throw new OrgError(ORG_TEXTS.searchEmpty, 'name')
  const query = Org.query()
  if (uscc) {
    query.where('uscc', uscc)
  } else {
    if ([...name].length < MIN_NAME_LENGTH) throw new OrgError(ORG_TEXTS.nameTooShort, 'name')
    query.whereRaw('lower(name) like ?', [like(name).toLowerCase()])
  }
  const orgs = await query.orderBy('name', 'asc').limit(SEARCH_LIMIT)
  const admins = await Membership.query()
    .whereIn(
      'org_id',
      orgs.map((o) => o.id)
    )
    .where('status', 'active')
    .where('role', 'admin')
    .orderBy('joined_at', 'asc')
  const people = await applicantsByIds(admins.map((m) => m.userId))
  return orgs.map((org): OrgSearchResult => {
    const admin = admins.find((m) => m.orgId === org.id)
    const person = admin ? people.get(admin.userId) : null
    return {
      id: org.id,
      name: org.name,
      uscc: org.uscc,
      claimed: org.status === 'claimed',
      maskedAdmin: person
        ? `${maskName(person.realName ?? person.name ?? '')} ${maskPhone(person.phone)}`
        : null,
    }
  })
}

export async function findOrgByUscc(uscc: string) {
  return Org.findBy('uscc', uscc.trim().toUpperCase())
}

/** the person's active memberships, with their orgs */
export async function membershipsOf(userId: string) {
  return Membership.query()
    .where('user_id', userId)
    .where('status', 'active')
    .preload('org')
    .orderBy('joined_at', 'asc')
}

/**
 * An org page's gate: the person's active membership of a claimed org, or
 * a 404 (another org, a guessed id, an org they left or that was
 * deregistered).
 */
export async function memberAccess(applicant: Applicant, orgId: unknown) {
  if (typeof orgId !== 'string' || !isUuid(orgId)) orgNotFound()
  const membership = await Membership.query()
    .where('org_id', orgId)
    .where('user_id', applicant.id)
    .where('status', 'active')
    .preload('org')
    .first()
  if (!membership || membership.org.status !== 'claimed') orgNotFound()
  return membership
}

export interface MemberRow {
  membership: Membership
  name: string
  phone: string
}

export async function membersOf(orgId: string, q = '') {
  const memberships = await Membership.query()
    .where('org_id', orgId)
    .where('status', 'active')
    .orderByRaw("case when role = 'admin' then 0 else 1 end")
    .orderBy('joined_at', 'asc')
  const people = await applicantsByIds(memberships.map((m) => m.userId))
  const rows: MemberRow[] = memberships.map((membership) => {
    const person = people.get(membership.userId)
    return {
      membership,
      name: person?.realName ?? person?.name ?? '—',
      phone: person?.phone ?? '',
    }
  })
  const needle = q.trim()
  return needle
    ? rows.filter((row) => row.name.includes(needle) || row.phone.includes(needle))
    : rows
}

export async function orgHistory(orgId: string, limit = 50) {
  return OrgHistory.query().where('org_id', orgId).orderBy('created_at', 'desc').limit(limit)
}

/** 历史关联: the person's claims, applications and memberships over time */
export async function personHistory(userId: string) {
  /* one after another: a transaction's connection runs one query at a time */
  const claims = await OrgClaim.query()
    .where('user_id', userId)
    .orderBy('created_at', 'desc')
    .limit(50)
  const applications = await OrgApplication.query()
    .where('user_id', userId)
    .preload('org')
    .orderBy('created_at', 'desc')
    .limit(50)
  const memberships = await Membership.query()
    .where('user_id', userId)
    .preload('org')
    .orderBy('joined_at', 'desc')
  const cases = await OrgCase.query()
    .where('user_id', userId)
    .preload('org')
    .orderBy('created_at', 'desc')
    .limit(50)
  return { claims, applications, memberships, cases }
}

/**
 * An org as other modules see it (orders, certificates, invoices): plain
 * data, never the model.
 */
export interface OrgSummary {
  id: string
  name: string
  uscc: string
  kind: string
  kindLabel: string
  regionCode: string | null
  legalRepName: string | null
  legalRepIdType: string | null
  legalRepIdNumber: string | null
  legalRepPhone: string | null
  status: string
  statusLabel: string
  claimedAt: Org['claimedAt']
  /** pre-validation: when a CA review of the licence passed (null: never) */
  validatedAt: Org['validatedAt']
  /** the org's name or legal representative changed: certificates need 变更 */
  changedAt: Org['changedAt']
}

export function toOrgSummary(org: Org): OrgSummary {
  return {
    id: org.id,
    name: org.name,
    uscc: org.uscc,
    kind: org.kind,
    kindLabel: org.kindLabel,
    regionCode: org.regionCode,
    legalRepName: org.legalRepName,
    legalRepIdType: org.legalRepIdType,
    legalRepIdNumber: org.legalRepIdNumber,
    legalRepPhone: org.legalRepPhone,
    status: org.status,
    statusLabel: org.statusLabel,
    claimedAt: org.claimedAt,
    validatedAt: org.validatedAt,
    changedAt: org.changedAt,
  }
}

export async function findOrg(id: string): Promise<OrgSummary | null> {
  if (!isUuid(id)) return null
  const org = await Org.find(id)
  return org ? toOrgSummary(org) : null
}

/** the org's business licence (storage key and type), for an order's materials */
export async function orgLicence(id: string) {
  if (!isUuid(id)) return null
  const org = await Org.find(id)
  return org?.licenceKey ? { key: org.licenceKey, type: org.licenceType } : null
}

/**
 * Is this person an active member of this org (and with which role)?
 * Other modules ask it before acting for the org.
 */
export async function membershipRole(orgId: string, userId: string) {
  if (!isUuid(orgId) || !isUuid(userId)) return null
  const membership = await Membership.query()
    .where('org_id', orgId)
    .where('user_id', userId)
    .where('status', 'active')
    .first()
  return membership
    ? { role: membership.role, isLegalRep: membership.isLegalRep, roleLabel: membership.roleLabel }
    : null
}
