import { defineLifecycle } from '#core/lifecycle'
import { GRANT_EVENTS, GRANT_STATES } from '#core/member_grant'

/**
 * 证书授权 (an org's certificate to a member): 有效 until an admin withdraws
 * it (已撤回): core's member-grant preset as it is. Whether it is in force
 * now is its window (starts_at–ends_at).
 */
export const grantLifecycle = defineLifecycle({
  name: 'certificates.grant',
  subject: 'certificate_grant',
  noun: '证书授权',
  states: GRANT_STATES,
  events: GRANT_EVENTS,
  auditActions: {
    'certificates.grant.create': '证书授权',
  },
})

export type GrantStatus = keyof typeof grantLifecycle.states
