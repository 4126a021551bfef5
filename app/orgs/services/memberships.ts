import { DateTime } from 'luxon'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import audit from '#core/audit/audit_service'
import Membership from '#orgs/models/membership'
import { membershipLifecycle } from '#orgs/lifecycles'
import type { MemberRole } from '#orgs/labels'

/**
 * Memberships inside the module's transactions: the active one of a person
 * in an org, and a new one (or the existing one's role raised).
 */
export function activeMembership(orgId: string, userId: string, trx?: TransactionClientContract) {
  return Membership.query({ client: trx })
    .where('org_id', orgId)
    .where('user_id', userId)
    .where('status', 'active')
    .first()
}

export async function activeMembers(orgId: string, trx?: TransactionClientContract) {
  return Membership.query({ client: trx }).where('org_id', orgId).where('status', 'active')
}

/**
 * Make `userId` an active member with at least `role` (an admin stays
 * admin), and the legal representative when `legalRep`.
 */
export async function ensureMembership(
  trx: TransactionClientContract,
  input: { orgId: string; userId: string; role: MemberRole; legalRep?: boolean; source: string }
) {
  const existing = await activeMembership(input.orgId, input.userId, trx)
  if (existing) {
    existing.useTransaction(trx)
    const before = existing.roleLabel
    if (input.role === 'admin') existing.role = 'admin'
    if (input.legalRep) existing.isLegalRep = true
    if (existing.$isDirty) {
      await audit.save(existing, trx, {
        action: 'orgs.membership.role',
        subjectType: 'org_membership',
        data: { orgId: input.orgId, from: before, to: existing.roleLabel },
      })
    }
    return existing
  }
  const membership = new Membership()
  membership.fill({
    orgId: input.orgId,
    userId: input.userId,
    role: input.role,
    isLegalRep: Boolean(input.legalRep),
    status: 'active',
    source: input.source,
    joinedAt: DateTime.utc(),
    endedAt: null,
  })
  await audit.save(membership, trx, {
    action: 'orgs.membership.create',
    subjectType: 'org_membership',
    data: {
      orgId: input.orgId,
      userId: input.userId,
      role: membership.roleLabel,
      source: input.source,
    },
  })
  return membership
}

/** a member's role changed (管理员移交), audited with the before and after labels */
export async function setRole(
  trx: TransactionClientContract,
  membership: Membership,
  role: MemberRole,
  data: Record<string, unknown>
) {
  membership.useTransaction(trx)
  const before = membership.roleLabel
  membership.role = role
  await audit.save(membership, trx, {
    action: 'orgs.membership.role',
    subjectType: 'org_membership',
    data: { orgId: membership.orgId, from: before, to: membership.roleLabel, ...data },
  })
}

/** a membership ends (退出 or 移出): ended now, the transition audited with what says why */
export async function endMembership(
  trx: TransactionClientContract,
  membership: Membership,
  event: 'leave' | 'remove',
  data: Record<string, unknown>,
  at: DateTime = DateTime.utc()
) {
  membership.endedAt = at
  await membershipLifecycle.apply(membership, event, trx, { data })
}
