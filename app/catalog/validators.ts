import vine from '@vinejs/vine'
import { ChineseMessagesProvider } from '#core/validation/messages'
import { withFieldLabels } from '#core/validation/messages'
import {
  ACTIVE_STATUSES,
  CERT_KINDS,
  CONTENT_STATUSES,
  DOWNLOAD_CATEGORIES,
  GUIDE_CATEGORIES,
  MEDIA,
  PACKAGE_TYPES,
  PRODUCT_STATUSES,
  REVIEW_MODES,
} from '#catalog/labels'

const FIELD_LABELS: Record<string, string> = {
  code: '编码',
  region_id: '服务区域',
  status: '状态',
  description: '说明',
  website: '网址',
  sort_order: '排序',
  platform_id: '交易平台',
  type: '产品类型',
  cert_kind: '证书类型',
  medium: '证书介质',
  ca_label: '签发机构',
  review_mode: '审核顺序',
  renewal_window_days: '更新窗口',
  delivery_methods: '取证方式',
  price_1: '1年价格',
  price_2: '2年价格',
  price_3: '3年价格',
  renewal_price_1: '更新1年价格',
  renewal_price_2: '更新2年价格',
  renewal_price_3: '更新3年价格',
  change_fee: '变更费',
  reissue_fee: '补办费',
  medium_fee: '介质费',
  accepted_types: '文件格式',
  min_size_kb: '最小文件大小',
  max_size_kb: '最大文件大小',
  address: '地址',
  hours: '办公时间',
  contact: '联系人',
  courier: '快递公司',
  body: '正文',
  published_at: '发布时间',
  category: '分类',
  version: '版本号',
  keyword: '关键词',
  price: '价格',
  uses: '次数',
  days: '有效天数',
  seals: '印章数',
}
const { create: createValidator } = withFieldLabels(FIELD_LABELS)

/**
 * Codes are short identifiers used in URLs of integrators and reports.
 */
const CODE_RE = /^[A-Za-z0-9][A-Za-z0-9_-]{1,31}$/
const PHONE_RE = /^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8}(-\d{1,6})?|400-?\d{3}-?\d{4})$/
const PRICE_RE = /^-?\d+(\.\d+)?$/

/** one of the keys of a label map (status, category, …) */
const oneOf = <T extends Record<string, unknown>>(labels: T) =>
  vine.enum(Object.keys(labels) as Array<keyof T & string>)
const code = () =>
  vine
    .string()
    .trim()
    .regex(CODE_RE)
    .transform((v) => v.toLowerCase())
const sortOrder = () => vine.number().withoutDecimals().min(0).max(9999).optional()
const name = (max = 100) => vine.string().trim().minLength(2).maxLength(max)
const officePhone = () => vine.string().trim().regex(PHONE_RE)
const PRICE_MESSAGE = '请输入正确的价格（元，最多两位小数，如 240 或 240.50）'
const codeMessages = {
  'code.regex': '编码只能包含字母、数字、下划线和短横线，以字母或数字开头，2–32 位',
  'phone.regex': '请输入正确的电话号码（手机号、固定电话或 400 电话）',
  'name.required': '请填写名称',
  'name.minLength': '名称至少 2 个字',
  'name.maxLength': '名称不能超过 {{ max }} 个字符',
  ...Object.fromEntries(
    [
      'price_1',
      'price_2',
      'price_3',
      'renewal_price_1',
      'renewal_price_2',
      'renewal_price_3',
      'change_fee',
      'reissue_fee',
      'medium_fee',
      'price',
    ].map((field) => [`${field}.regex`, PRICE_MESSAGE])
  ),
  'website.url': '请输入正确的网址，以 http:// 或 https:// 开头',
  'published_at.regex': '请选择正确的发布时间',
}

export const regionValidator = createValidator(
  vine
    .object({
      code: code(),
      name: name(50),
      status: oneOf(ACTIVE_STATUSES),
      sort_order: sortOrder(),
    })
    .toCamelCase()
)

export const platformValidator = createValidator(
  vine
    .object({
      code: code(),
      name: name(),
      region_id: vine.string().uuid(),
      status: oneOf(ACTIVE_STATUSES),
      description: vine.string().trim().maxLength(2000).optional(),
      website: vine
        .string()
        .trim()
        .maxLength(255)
        .url({ require_protocol: true, protocols: ['http', 'https'] })
        .optional(),
      sort_order: sortOrder(),
    })
    .toCamelCase()
)

export const productValidator = createValidator(
  vine
    .object({
      platform_id: vine.string().uuid(),
      code: code(),
      name: name(),
      cert_kind: oneOf(CERT_KINDS),
      medium: oneOf(MEDIA),
      ca_label: vine.string().trim().minLength(2).maxLength(100),
      description: vine.string().trim().maxLength(2000).optional(),
      enabled_1: vine.boolean().optional(),
      enabled_2: vine.boolean().optional(),
      enabled_3: vine.boolean().optional(),
      price_1: vine.string().trim().regex(PRICE_RE).optional(),
      price_2: vine.string().trim().regex(PRICE_RE).optional(),
      price_3: vine.string().trim().regex(PRICE_RE).optional(),
      first_ukey_free: vine.boolean().optional(),
      renewal_price_1: vine.string().trim().regex(PRICE_RE).optional(),
      renewal_price_2: vine.string().trim().regex(PRICE_RE).optional(),
      renewal_price_3: vine.string().trim().regex(PRICE_RE).optional(),
      change_fee: vine.string().trim().regex(PRICE_RE).optional(),
      reissue_fee: vine.string().trim().regex(PRICE_RE).optional(),
      medium_fee: vine.string().trim().regex(PRICE_RE).optional(),
      renewal_review_person: vine.boolean().optional(),
      renewal_review_org: vine.boolean().optional(),
      holder_suspend: vine.boolean().optional(),
      requires_contract: vine.boolean().optional(),
      review_mode: oneOf(REVIEW_MODES),
      renewal_window_days: vine.number().withoutDecimals().min(1).max(365),
      delivery_methods: vine.array(vine.string().trim()).optional(),
      status: oneOf(PRODUCT_STATUSES),
      sort_order: sortOrder(),
    })
    .toCamelCase()
)

/**
 * 套餐产品: a platform package (uses + validity days) or a seal package
 * (number of seals), with one price. The fields the type does not use
 * are ignored; the ones it uses are checked by the action (at the field).
 */
const count = (max: number) => vine.number().withoutDecimals().min(1).max(max).optional()
export const packageProductValidator = createValidator(
  vine
    .object({
      platform_id: vine.string().uuid(),
      type: oneOf(PACKAGE_TYPES),
      code: code(),
      name: name(),
      description: vine.string().trim().maxLength(2000).optional(),
      price: vine.string().trim().regex(PRICE_RE),
      uses: count(100_000),
      days: count(3650),
      seals: count(1000),
      review: vine.enum(['1', '0'] as const).optional(),
      status: oneOf(PRODUCT_STATUSES),
      sort_order: sortOrder(),
    })
    .toCamelCase()
)

export const materialValidator = createValidator(
  vine
    .object({
      name: name(),
      description: vine.string().trim().maxLength(500).optional(),
      accepted_types: vine.array(vine.string().trim()).optional(),
      min_size_kb: vine
        .number()
        .withoutDecimals()
        .min(0)
        .max(1024 * 1024)
        .optional(),
      max_size_kb: vine
        .number()
        .withoutDecimals()
        .min(1)
        .max(30 * 1024),
      is_required: vine.boolean().optional(),
      is_active: vine.boolean().optional(),
      remove_template: vine.boolean().optional(),
      sort_order: sortOrder(),
    })
    .toCamelCase()
)

export const pickupPointValidator = createValidator(
  vine
    .object({
      region_id: vine.string().uuid(),
      name: name(),
      address: vine.string().trim().minLength(5).maxLength(255),
      phone: officePhone(),
      hours: vine.string().trim().minLength(2).maxLength(100),
      status: oneOf(ACTIVE_STATUSES),
      sort_order: sortOrder(),
    })
    .toCamelCase()
)

export const shippingOriginValidator = createValidator(
  vine
    .object({
      region_id: vine.string().uuid().optional(),
      name: name(),
      contact: vine.string().trim().minLength(2).maxLength(50),
      phone: officePhone(),
      address: vine.string().trim().minLength(5).maxLength(255),
      courier: vine.string().trim().maxLength(50).optional(),
      status: oneOf(ACTIVE_STATUSES),
    })
    .toCamelCase()
)

export const activeStatusValidator = createValidator({
  status: oneOf(ACTIVE_STATUSES),
})

export const productStatusValidator = createValidator({
  status: oneOf(PRODUCT_STATUSES),
})

export const contentStatusValidator = createValidator({
  status: oneOf(CONTENT_STATUSES),
})

const publishedAt = () =>
  vine
    .string()
    .trim()
    .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/)
    .optional()

export const noticeValidator = createValidator(
  vine
    .object({
      title: vine.string().trim().minLength(2).maxLength(200),
      body: vine.string().trim().minLength(2).maxLength(50000),
      status: oneOf(CONTENT_STATUSES),
      pinned: vine.boolean().optional(),
      published_at: publishedAt(),
    })
    .toCamelCase()
)

export const guideValidator = createValidator(
  vine
    .object({
      title: vine.string().trim().minLength(2).maxLength(200),
      category: oneOf(GUIDE_CATEGORIES),
      body: vine.string().trim().minLength(2).maxLength(50000),
      status: oneOf(CONTENT_STATUSES),
      sort_order: sortOrder(),
    })
    .toCamelCase()
)

export const downloadValidator = createValidator(
  vine
    .object({
      name: name(),
      category: oneOf(DOWNLOAD_CATEGORIES),
      description: vine.string().trim().maxLength(1000).optional(),
      version: vine.string().trim().maxLength(50).optional(),
      status: oneOf(CONTENT_STATUSES),
      sort_order: sortOrder(),
    })
    .toCamelCase()
)

/**
 * Field-specific Chinese messages of the catalog's forms.
 */
const provider = new ChineseMessagesProvider(codeMessages, FIELD_LABELS)
for (const validator of [
  regionValidator,
  platformValidator,
  productValidator,
  packageProductValidator,
  materialValidator,
  pickupPointValidator,
  shippingOriginValidator,
  activeStatusValidator,
  productStatusValidator,
  contentStatusValidator,
  noticeValidator,
  guideValidator,
  downloadValidator,
]) {
  validator.messagesProvider = provider
}
