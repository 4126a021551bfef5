import { SHARED_STATES, defineLifecycle } from '#core/lifecycle'

/**
 * An applicant account's status (正常 / 已冻结 / 已注销): the applicant
 * deregisters, an approved 账号申诉 restores the account, staff freeze and
 * unfreeze it. Each transition writes its one audit entry
 * (`accounts.user.<event>`, subject `user`).
 */
export const accountLifecycle = defineLifecycle({
  name: 'accounts.user',
  subject: 'user',
  noun: '账号',
  states: {
    active: SHARED_STATES.normal,
    frozen: { label: '已冻结', tone: 'danger' },
    deregistered: SHARED_STATES.deregistered,
  },
  events: {
    deregister: {
      label: '注销',
      auditLabel: '注销账号',
      transitions: [['active', 'deregistered']],
    },
    freeze: { label: '冻结', auditLabel: '冻结账号', transitions: [['active', 'frozen']] },
    unfreeze: {
      label: '解冻',
      auditLabel: '解冻账号',
      transitions: [['frozen', 'active']],
      refusal: '该账号未被冻结',
    },
    restore: {
      label: '恢复',
      auditLabel: '账号申诉通过，账号恢复',
      transitions: [['deregistered', 'active']],
    },
  },
})

export type AccountStatus = keyof typeof accountLifecycle.states
