import { defineLifecycle } from '#core/lifecycle'

/**
 * 证书授权 (an org's certificate to a member): 有效 until an admin withdraws
 * it (已撤回). Whether it is in force now is its window (starts_at–ends_at).
 */
export const grantLifecycle = defineLifecycle({
  name: 'certificates.grant',
  subject: 'certificate_grant',
  noun: '证书授权',
  states: {
    active: { label: '有效', tone: 'success' },
    withdrawn: { label: '已撤回', tone: 'muted' },
  },
  events: {
    withdraw: { label: '撤回', transitions: [['active', 'withdrawn']] },
  },
  auditActions: {
    'certificates.grant.create': '证书授权',
  },
})

export type GrantStatus = keyof typeof grantLifecycle.states
