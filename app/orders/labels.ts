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
  package_new: '套餐新办',
  package_extend: '套餐延期',
} as const

export type ServiceType = keyof typeof SERVICE_TYPES

/**
 * 办理进度 of a package order (套餐新办 / 套餐延期): its own words where a
 * certificate order's would mislead (证书签发 → 套餐已开通 / 套餐已延期).
 */
export function packageProgressLabel(
  action: string,
  serviceType: string,
  reviewRequired = false
): string | null {
  const extend = serviceType === 'package_extend'
  switch (action) {
    case 'orders.order.create':
      return extend ? '创建套餐延期订单' : '创建套餐订单'
    case 'orders.order.submit':
      return '提交套餐订单'
    case 'orders.order.payment_started':
      return '发起支付'
    case 'orders.order.pay':
      /* a package the back office reviews first (印章套餐 where the product says so) */
      if (reviewRequired) return '已支付，等待审核'
      return extend ? '已支付，正在延期套餐' : '已支付，正在开通套餐'
    case 'orders.order.issue':
      return extend ? '套餐已延期' : '套餐已开通'
    default:
      return null
  }
}

/** 驳回类型 of 订单审核: the same as every other review's (#core/review) */
export const REJECT_REASON_TYPES = REVIEW_REASON_TYPES

export type RejectReasonType = keyof typeof REJECT_REASON_TYPES

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

/**
 * Messages of enterprise orders made for an organisation (切换身份).
 */
export const ORDER_TEXTS = {
  enterpriseNeedsOrg: '单位证书需以机构身份办理：请先在“切换身份”中选择您所在的机构',
  orgOnlyEnterprise: '当前以机构身份办理，只能申请单位证书；个人证书请先切换为自然人身份',
  onePerOrg: (product: string) =>
    `本机构已有“${product}”的有效证书或未完成的订单，该产品每个机构限办一张`,
  notMember: '您已不是该机构的成员，不能继续办理该机构的订单',
  contractMissing: '该产品须先签署数字证书服务电子合同：请在“印章管理 → 电子合同”中签署后再提交',
} as const

/**
 * A return link kept on an order (`orders.return_to`): only a path of
 * this site (one leading slash, plain characters), never another host;
 * anything else is dropped.
 */
export function safeReturnPath(value: unknown): string | null {
  if (typeof value !== 'string') return null
  return /^\/(?!\/)[A-Za-z0-9/_.~-]{0,299}$/.test(value) && !value.includes('..') ? value : null
}

/** the button's words of a return link (short, plain), or a default */
export function returnLabelOf(value: unknown): string {
  const text = typeof value === 'string' ? value.trim().slice(0, 50) : ''
  return text || '返回继续办理'
}

/** a new order's way back (走完向导后返回): the path when it is safe, and its button's label */
export function returnFieldsOf(input: { returnTo?: unknown; returnLabel?: unknown }) {
  const returnTo = safeReturnPath(input.returnTo)
  return { returnTo, returnLabel: returnTo ? returnLabelOf(input.returnLabel) : null }
}
