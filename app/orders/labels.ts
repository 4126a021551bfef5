import { REVIEW_REASON_TYPES } from '#core/review'

/**
 * Chinese labels of the orders module, in one place.
 */
export const SERVICE_TYPES = {
  new: '新办',
  renew: '更新',
  change: '变更',
  reissue: '丢失补办',
  change_renew: '变更+更新',
  renew_reissue: '更新+补办',
  unlock: '解锁',
  annual: '年检',
  revoke: '注销',
} as const

export type ServiceType = keyof typeof SERVICE_TYPES

/** 驳回类型 of 订单审核: the same as every other review's (#core/review) */
export const REJECT_REASON_TYPES = REVIEW_REASON_TYPES

export type RejectReasonType = keyof typeof REJECT_REASON_TYPES

export const SUBJECT_TYPES = { person: '个人', org: '企业' } as const

export const COURIERS = [
  '顺丰速运',
  'EMS',
  '京东物流',
  '中通快递',
  '圆通速递',
  '韵达快递',
  '其他',
] as const

/**
 * The application agreement (申请协议) shown in the wizard: our own text.
 * Bump the version when the text changes; orders record the version.
 */
export const AGREEMENT_VERSION = '2026.1'

export const WIZARD_STEPS = [
  { key: 'product', label: '选择产品' },
  { key: 'agreement', label: '阅读协议' },
  { key: 'applicant', label: '申请信息' },
  { key: 'materials', label: '上传资料' },
  { key: 'delivery', label: '取证方式' },
  { key: 'confirm', label: '确认提交' },
] as const

export type WizardStep = (typeof WIZARD_STEPS)[number]['key']
