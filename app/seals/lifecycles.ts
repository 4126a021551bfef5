import { REVIEW_STATES, SHARED_STATES, defineLifecycle, reviewEvents } from '#core/lifecycle'
import { GRANT_EVENTS, GRANT_STATES } from '#core/member_grant'

/**
 * A seal: 待审核 (an org seal or one taken from a photo, until staff
 * approve it) → 已生效; 已驳回; 已注销 (final: never reactivated; past
 * signatures stay valid). A person's template seal or signature is
 * 已生效 at once. The review step is core's review preset, approving to
 * 已生效.
 */
export const sealLifecycle = defineLifecycle({
  name: 'seals.seal',
  subject: 'seal',
  noun: '印章',
  states: {
    pending: REVIEW_STATES.pending,
    active: { label: '已生效', tone: 'success' },
    rejected: REVIEW_STATES.rejected,
    revoked: SHARED_STATES.deregistered,
  },
  events: {
    ...reviewEvents('active'),
    revoke: {
      label: '注销',
      transitions: [
        ['pending', 'revoked'],
        ['active', 'revoked'],
      ],
      refusal: '印章已注销或已驳回，不能注销；已注销的印章不能恢复',
    },
  },
  auditActions: {
    'seals.seal.create': '新增印章',
    'seals.seal.replace': '更换印章面',
  },
})
export type SealStatus = keyof typeof sealLifecycle.states

/**
 * An authorisation of a seal to a member (用章授权): 有效 → 已撤回 (by the
 * admin) or 已失效 (the seal was revoked or the member left): core's
 * member-grant preset plus the lapse.
 */
export const grantLifecycle = defineLifecycle({
  name: 'seals.grant',
  subject: 'seal_grant',
  noun: '用章授权',
  states: {
    ...GRANT_STATES,
    lapsed: { label: '已失效', tone: 'muted' },
  },
  events: {
    ...GRANT_EVENTS,
    lapse: { label: '失效', transitions: [['active', 'lapsed']] },
  },
  auditActions: {
    'seals.grant.create': '用章授权',
    'seals.usage.record': '用章',
  },
})
export type GrantStatus = keyof typeof grantLifecycle.states
