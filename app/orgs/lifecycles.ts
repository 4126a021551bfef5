import { SHARED_STATES, checkEvents, defineLifecycle, endings } from '#core/lifecycle'
import { ORG_TEXTS } from '#orgs/labels'

/**
 * The organisations' state machines (#core/lifecycle): the org itself,
 * a person's membership, and an automatic claim check (phone, deposit).
 * The reviews (claims by CA review, members' applications, org changes and
 * appeals) are defineReview machines in their actions.
 */
export const orgLifecycle = defineLifecycle({
  name: 'orgs.org',
  subject: 'org',
  noun: '机构',
  states: {
    unclaimed: { label: '未认领', tone: 'muted' },
    claimed: { label: '已认领', tone: 'success' },
    deregistered: { label: '已注销', tone: 'danger' },
  },
  events: {
    claim: {
      label: '认领',
      transitions: [
        ['unclaimed', 'claimed'],
        ['deregistered', 'claimed'],
      ],
      refusal: ORG_TEXTS.alreadyClaimed,
    },
    deregister: { label: '注销', transitions: [['claimed', 'deregistered']] },
  },
  auditActions: {
    'orgs.org.change': '机构信息变更',
    'orgs.org.appeal_granted': '机构申诉成立，管理员变更',
    /* written before 管理员移交 was a record of its own (orgs.transfer); kept for those entries */
    'orgs.org.transfer': '机构管理员移交',
    'orgs.org.validated': '机构预核验',
  },
})
export type OrgStatus = keyof typeof orgLifecycle.states

export const membershipLifecycle = defineLifecycle({
  name: 'orgs.membership',
  subject: 'org_membership',
  noun: '机构成员',
  ...endings(
    'active',
    { label: '在职', tone: 'success' },
    {
      leave: { label: '退出机构', to: 'left', state: { label: '已退出', tone: 'muted' } },
      remove: { label: '移除', to: 'removed', state: { label: '已移除', tone: 'muted' } },
    }
  ),
  auditActions: {
    'orgs.membership.create': '机构成员加入',
    'orgs.membership.role': '机构成员角色变更',
  },
})
export type MembershipStatus = keyof typeof membershipLifecycle.states

/**
 * An automatic claim check: 核验中 (the deposit's memo code awaited) →
 * 核验通过 / 核验失败. A phone check is decided at once (start → pass/fail
 * in one request); a failed one may be followed by a manual review. Core's
 * automatic-check preset.
 */
export const claimCheckLifecycle = defineLifecycle({
  name: 'orgs.claim_check',
  subject: 'org_claim',
  noun: '机构认领核验',
  states: {
    verifying: SHARED_STATES.verifying,
    passed: SHARED_STATES.verified,
    failed: SHARED_STATES.verifyFailed,
  },
  events: checkEvents('verifying'),
  auditActions: {
    'orgs.claim_check.start': '机构认领核验开始',
    'orgs.claim_check.try': '机构认领打款验证码错误',
  },
})

/**
 * A claim's 对公打款 (#orgs/actions/deposits): 待打款 (recorded with its
 * reference in the claim's transaction) → 已打款 (the bank accepted it) or
 * 银行未受理 (the bank refused it: the claim's check fails). A call that
 * did not reach the bank's answer leaves it 待打款 for the job's retry
 * (audited as orgs.deposit.send_fail).
 */
export const depositLifecycle = defineLifecycle({
  name: 'orgs.deposit',
  subject: 'org_bank_transfer',
  noun: '对公打款',
  ...endings(
    'pending',
    { label: '打款处理中', tone: 'info' },
    {
      send: { label: '银行已受理', to: 'sent', state: { label: '已打款', tone: 'success' } },
      refuse: {
        label: '银行未受理',
        to: 'refused',
        state: { label: '银行未受理', tone: 'danger' },
      },
    }
  ),
  auditActions: {
    'orgs.deposit.request': '对公打款登记',
    'orgs.deposit.send_fail': '对公打款未送达银行（将重试）',
  },
})
export type DepositStatus = keyof typeof depositLifecycle.states

/**
 * 管理员移交 (数信签 §8.4): 待签署 (the legal representative's link is out)
 * → 已签署 (their consent is recorded; the roles change next, under the
 * org's lock, once) → 已移交. The old admin may withdraw a pending one;
 * an unused link runs out (已过期); a signed one whose people changed
 * meanwhile (the new admin left) ends as 移交失败.
 */
export const transferLifecycle = defineLifecycle({
  name: 'orgs.transfer',
  subject: 'org_transfer',
  noun: '管理员移交',
  states: {
    pending: { label: '待法定代表人签署', tone: 'warning' },
    signed: { label: '已签署，生效中', tone: 'info' },
    completed: { label: '已移交', tone: 'success' },
    cancelled: SHARED_STATES.withdrawn,
    expired: SHARED_STATES.expired,
    failed: { label: '移交失败', tone: 'danger' },
  },
  events: {
    sign: {
      label: '法定代表人签署',
      transitions: [['pending', 'signed']],
      refusal: '签署链接已使用或已失效',
    },
    complete: { label: '生效', transitions: [['signed', 'completed']] },
    fail: { label: '失败', transitions: [['signed', 'failed']] },
    cancel: {
      label: '撤回',
      transitions: [['pending', 'cancelled']],
      refusal: '该移交已不能撤回',
    },
    expire: { label: '过期', transitions: [['pending', 'expired']] },
  },
  auditActions: { 'orgs.transfer.create': '管理员移交发起' },
})
export type TransferStatus = keyof typeof transferLifecycle.states
