import Membership from '#orgs/models/membership'

/**
 * What of an org a person may see in other modules' lists (我的订单,
 * 我的证书): everything of the orgs they administer, their own rows of
 * the orgs they are a plain member of — and only while the membership is
 * active: a person who left or was removed loses it at once.
 *
 * Other modules scope a query of their own table (with `user_id` and
 * `org_id` columns) with it:
 *
 *   whereVisibleTo(Order.query(), userId, await orgAccessOf(userId))
 */
export interface OrgAccess {
  adminOrgIds: string[]
  memberOrgIds: string[]
}

export async function orgAccessOf(userId: string): Promise<OrgAccess> {
  const memberships = await Membership.query()
    .where('user_id', userId)
    .where('status', 'active')
    .whereHas('org', (org) => org.where('status', 'claimed'))
  return {
    adminOrgIds: memberships.filter((m) => m.role === 'admin').map((m) => m.orgId),
    memberOrgIds: memberships.filter((m) => m.role !== 'admin').map((m) => m.orgId),
  }
}

interface ScopableQuery {
  where(callback: (query: any) => void): any
}

/**
 * The person's own rows (no org), every row of the orgs they administer,
 * and their own rows of the orgs they are a member of.
 */
export function whereVisibleTo<Q extends ScopableQuery>(
  query: Q,
  userId: string,
  access: OrgAccess
): Q {
  query.where((q: any) => {
    q.where((own: any) => own.whereNull('org_id').where('user_id', userId))
    if (access.adminOrgIds.length) q.orWhereIn('org_id', access.adminOrgIds)
    if (access.memberOrgIds.length) {
      q.orWhere((mine: any) => mine.whereIn('org_id', access.memberOrgIds).where('user_id', userId))
    }
  })
  return query
}

/**
 * May this person open this row of an org (or their own row)? The same
 * rule as whereVisibleTo for one row.
 */
export async function mayOpenOrgRow(
  row: { userId: string; orgId: string | null },
  userId: string
): Promise<boolean> {
  if (!row.orgId) return row.userId === userId
  const membership = await Membership.query()
    .where('org_id', row.orgId)
    .where('user_id', userId)
    .where('status', 'active')
    .whereHas('org', (org) => org.where('status', 'claimed'))
    .first()
  if (!membership) return false
  return row.userId === userId || membership.role === 'admin'
}
