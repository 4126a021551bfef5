import audit from '#core/audit/audit_service'
import { isUuid } from '#core/ids'
import type { Applicant } from '#accounts/queries/users'
import Membership from '#orgs/models/membership'
import { identityOf, type ActingIdentity } from '#orgs/queries/acting'
import { orgNotFound } from '#orgs/errors'

/**
 * 切换身份: check that the person may act as `target` ('person', or one
 * of their active memberships) and audit the switch. Returns the org
 * identity (null: 自然人); the controller keeps it in the session.
 */
export async function switchIdentity(
  applicant: Applicant,
  target: string
): Promise<Extract<ActingIdentity, { kind: 'org' }> | null> {
  if (target === 'person') {
    await audit.record({
      action: 'orgs.identity.switch',
      subjectType: 'user',
      subjectId: applicant.id,
      data: { to: 'person' },
    })
    return null
  }
  if (!isUuid(target)) orgNotFound()
  const membership = await Membership.query()
    .where('id', target)
    .where('user_id', applicant.id)
    .where('status', 'active')
    .preload('org')
    .first()
  if (!membership || membership.org.status !== 'claimed') orgNotFound()
  await audit.record({
    action: 'orgs.identity.switch',
    subjectType: 'user',
    subjectId: applicant.id,
    data: { to: membership.orgId, role: membership.roleLabel },
  })
  return identityOf(membership) as Extract<ActingIdentity, { kind: 'org' }>
}
