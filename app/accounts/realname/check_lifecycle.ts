import { SHARED_STATES, checkEvents, defineLifecycle } from '#core/lifecycle'

/**
 * The automatic real-name methods (#accounts/realname/methods): 身份证核验,
 * 人脸识别, 银行卡四要素, 运营商三要素.
 */
export const CHECK_METHODS = {
  online: '身份证核验',
  face: '人脸识别',
  bank_card: '银行卡四要素',
  operator: '运营商三要素',
} as const

export type CheckMethod = keyof typeof CHECK_METHODS

/** every method of a real_name_requests row, the manual review included */
export const REAL_NAME_METHODS = { ...CHECK_METHODS, manual: '人工审核' } as const
export type RealNameMethod = keyof typeof REAL_NAME_METHODS

/**
 * An automatic check's lifecycle (one real_name_requests row): created
 * 核验中 (pending) when the applicant submits (audit
 * accounts.real_name_check.start), then 核验通过 or 核验未通过 by the
 * provider's answer or callback; a face session whose page was never
 * finished expires (core's automatic-check preset, plus the expiry).
 * Manual requests follow realNameReview instead.
 */
export const realNameCheckLifecycle = defineLifecycle({
  name: 'accounts.real_name_check',
  subject: 'real_name_request',
  noun: '实名核验',
  states: {
    pending: SHARED_STATES.verifying,
    passed: SHARED_STATES.verified,
    failed: SHARED_STATES.notVerified,
    expired: SHARED_STATES.expired,
  },
  events: {
    ...checkEvents('pending'),
    expire: { label: '超时未完成', transitions: [['pending', 'expired']] },
  },
  auditActions: {
    'accounts.real_name_check.start': '发起实名核验',
    'accounts.real_name_check.callback_refused': '实名核验回调被拒绝（签名或内容无效）',
    'accounts.real_name_check.callback_repeated': '实名核验重复回调（未再处理）',
  },
})

export type CheckStatus = keyof typeof realNameCheckLifecycle.states
