import type { FileType } from '#core/uploads'

/**
 * Every Chinese label of the catalog in one place: the back office, the
 * applicant pages and the orders module read them from here.
 */
export const ACTIVE_STATUSES = { active: '启用', inactive: '停用' } as const
export type ActiveStatus = keyof typeof ACTIVE_STATUSES

export const PRODUCT_STATUSES = { on_sale: '上架', off_sale: '下架' } as const
export type ProductStatus = keyof typeof PRODUCT_STATUSES

export const PRODUCT_TYPES = {
  certificate: '数字证书',
  seal_package: '电子印章套餐',
  platform_package: '交易平台套餐',
} as const
export type ProductType = keyof typeof PRODUCT_TYPES

/** the product types sold as packages (套餐): 交易平台套餐 (uses + days) and 电子印章套餐 (seals) */
export const PACKAGE_TYPES = {
  platform_package: `${PRODUCT_TYPES.platform_package}（按次计费：次数 + 有效天数）`,
  seal_package: `${PRODUCT_TYPES.seal_package}（可制作印章数）`,
} as const
export type PackageType = keyof typeof PACKAGE_TYPES

export const CERT_KINDS = {
  personal: '个人证书',
  expert: '专家证书',
  enterprise: '企业证书',
} as const
export type CertKind = keyof typeof CERT_KINDS

export const MEDIA = { cloud: '移动证书（云证书）', ukey: 'uKey 证书' } as const
export type Medium = keyof typeof MEDIA

export const REVIEW_MODES = {
  after_payment: '先支付后审核（支付 → 待审核）',
  before_payment: '先审核后支付（资料审核通过 → 待支付）',
} as const
export type ReviewMode = keyof typeof REVIEW_MODES

/**
 * 取证方式. Cloud certificates are installed online; uKeys are mailed
 * cash on delivery, picked up at a pickup point, or made by the applicant
 * (制证 with a CSR).
 */
export const DELIVERY_METHODS = {
  online_install: {
    label: '自助（在线安装）',
    medium: 'cloud',
    help: '审核通过后在“我的证书”中在线安装使用',
  },
  mail_cod: { label: '邮寄-收方付', medium: 'ukey', help: '快递到付，收到后在进度查询中签收' },
  pickup: {
    label: '自取',
    medium: 'ukey',
    help: '订单状态为“未领取”时，取证人携带身份证原件到取证地址领取',
  },
  self_make: {
    label: '自助制证',
    medium: 'ukey',
    help: '审核通过后插入 uKey，在进度查询中点击“制证”',
  },
} as const satisfies Record<string, { label: string; medium: Medium; help: string }>
export type DeliveryMethod = keyof typeof DELIVERY_METHODS

export const VALIDITY_YEARS = [1, 2, 3] as const
export type ValidityYears = (typeof VALIDITY_YEARS)[number]

/**
 * File types a material may accept (what applicants scan or photograph).
 */
export const MATERIAL_FILE_TYPES: FileType[] = ['jpg', 'png', 'bmp', 'gif', 'pdf', 'doc', 'docx']

/**
 * Types of a material's downloadable template (a form to fill in).
 */
export const TEMPLATE_FILE_TYPES: FileType[] = ['pdf', 'doc', 'docx', 'xls', 'xlsx']
export const TEMPLATE_MAX_SIZE = 10 * 1024 * 1024

export const CONTENT_STATUSES = { draft: '草稿', published: '已发布' } as const
export type ContentStatus = keyof typeof CONTENT_STATUSES

export const GUIDE_CATEGORIES = {
  register: '注册与登录',
  apply: '证书申请',
  payment: '支付与发票',
  usage: '证书使用',
  other: '其他',
} as const
export type GuideCategory = keyof typeof GUIDE_CATEGORIES

export const DOWNLOAD_CATEGORIES = {
  driver: '驱动',
  control: '控件',
  template: '模板',
  manual: '手册',
} as const
export type DownloadCategory = keyof typeof DOWNLOAD_CATEGORIES

export const DOWNLOAD_FILE_TYPES: FileType[] = ['zip', 'exe', 'pdf', 'doc', 'docx', 'xls', 'xlsx']
export const DOWNLOAD_MAX_SIZE = 25 * 1024 * 1024

export function yearsLabel(years: number) {
  return `${years}年`
}
