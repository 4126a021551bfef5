import { DateTime } from 'luxon'
import type User from '#accounts/models/user'
import Org from '#orgs/models/org'
import Membership from '#orgs/models/membership'
import { createUser, residentId, uniquePhone, usccCode } from '#tests/helpers/factories'

/**
 * Helpers of the organisations' functional tests (not a spec file).
 */
let seq = 100

/** a real-name verified applicant */
export async function verifiedUser(name = '李四', overrides: Partial<User> = {}) {
  seq++
  const id = residentId('19880412', '110105', String(seq % 1000).padStart(3, '0'))
  return createUser({
    name,
    realName: name,
    realIdType: 'resident_id',
    realIdNumber: id,
    idNumber: id,
    realNameStatus: 'verified',
    realNameMethod: 'id_card',
    realNameVerifiedAt: DateTime.utc(),
    ...overrides,
  } as any)
}

/** a claimed org with its admin (and optionally more members) */
export async function claimedOrg(
  admin: User,
  options: { name?: string; legalRepPhone?: string; members?: User[] } = {}
) {
  const org = await Org.create({
    name: options.name ?? `示例科技有限公司${seq++}`,
    uscc: usccCode(),
    kind: 'enterprise',
    legalRepName: '王法人',
    legalRepIdType: 'resident_id',
    legalRepIdNumber: residentId('19700101', '110105', '555'),
    legalRepPhone: options.legalRepPhone ?? uniquePhone(),
    regionCode: '110105',
    status: 'claimed',
    claimedAt: DateTime.utc(),
  } as any)
  const adminMembership = await Membership.create({
    orgId: org.id,
    userId: admin.id,
    role: 'admin',
    isLegalRep: false,
    status: 'active',
    source: 'claim',
    joinedAt: DateTime.utc(),
  } as any)
  const memberships: Membership[] = []
  for (const member of options.members ?? []) {
    memberships.push(
      await Membership.create({
        orgId: org.id,
        userId: member.id,
        role: 'member',
        isLegalRep: false,
        status: 'active',
        source: 'join',
        joinedAt: DateTime.utc(),
      } as any)
    )
  }
  return { org, adminMembership, memberships }
}

export function claimForm(overrides: Record<string, string> = {}) {
  return {
    org_name: '辽宁示例科技有限公司',
    uscc: usccCode(),
    kind: 'enterprise',
    region_code: '210102',
    legal_rep_name: '王法人',
    legal_rep_id_type: 'resident_id',
    legal_rep_id_number: residentId('19700101', '211302', '285'),
    legal_rep_phone: uniquePhone(),
    ...overrides,
  }
}
