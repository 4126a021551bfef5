import { defineLifecycle, TransitionRefused, type Lifecycle } from '#core/lifecycle'
import { ACTIVE_STATUSES, CONTENT_STATUSES, PRODUCT_STATUSES } from '#catalog/labels'

/**
 * The catalog's lifecycles: what staff switch with a button of their own
 * (启用/停用, 上架/下架, 发布/撤回), each transition audited as
 * `catalog.<kind>.<event>`. A material's 启用 and a notice's 置顶 stay
 * plain flags: they are only ticked in the edit form, no action of their
 * own changes them.
 *
 * Every machine here has two states and one event each way; the edit
 * forms also set the status (the change is then part of the edit's
 * audit entry, as before).
 */

interface Side<S extends string, E extends string> {
  state: S
  label: string
  /** the event that leads here, and what it is called */
  event: E
  verb: string
}

/**
 * Two states and one event each way: `on` (tone success) and `off`
 * (muted); the item's create/update/delete entries are labelled too.
 */
function twoWay<On extends string, Off extends string, OnE extends string, OffE extends string>(
  name: string,
  subject: string,
  noun: string,
  on: Side<On, OnE>,
  off: Side<Off, OffE>,
  auditActions: Record<string, string> = {}
) {
  return defineLifecycle<On | Off, OnE | OffE>({
    name,
    subject,
    noun,
    states: {
      [on.state]: { label: on.label, tone: 'success' },
      [off.state]: { label: off.label, tone: 'muted' },
    } as Record<On | Off, { label: string; tone: 'success' | 'muted' }>,
    events: {
      [on.event]: { label: on.verb, transitions: [[off.state, on.state]] },
      [off.event]: { label: off.verb, transitions: [[on.state, off.state]] },
    } as Record<OnE | OffE, { label: string; transitions: Array<[On | Off, On | Off]> }>,
    auditActions: {
      [`${name}.create`]: `新增${noun}`,
      [`${name}.update`]: `修改${noun}`,
      [`${name}.delete`]: `删除${noun}`,
      ...auditActions,
    },
  })
}

/** 启用 / 停用: regions, platforms, pickup points, shipping origins */
const ACTIVE = {
  state: 'active',
  label: ACTIVE_STATUSES.active,
  event: 'activate',
  verb: '启用',
} as const
const INACTIVE = {
  state: 'inactive',
  label: ACTIVE_STATUSES.inactive,
  event: 'deactivate',
  verb: '停用',
} as const

/** 草稿 / 已发布: notices, guides, downloads (applicants see only published ones) */
const PUBLISHED = {
  state: 'published',
  label: CONTENT_STATUSES.published,
  event: 'publish',
  verb: '发布',
} as const
const DRAFT = {
  state: 'draft',
  label: CONTENT_STATUSES.draft,
  event: 'unpublish',
  verb: '撤回',
} as const

export const regionLifecycle = twoWay(
  'catalog.region',
  'service_region',
  '服务区域',
  ACTIVE,
  INACTIVE
)
export const platformLifecycle = twoWay(
  'catalog.platform',
  'trading_platform',
  '交易平台',
  ACTIVE,
  INACTIVE
)
export const pickupPointLifecycle = twoWay(
  'catalog.pickup_point',
  'pickup_point',
  '取证地址',
  ACTIVE,
  INACTIVE
)
export const shippingOriginLifecycle = twoWay(
  'catalog.shipping_origin',
  'shipping_origin',
  '发货地址',
  ACTIVE,
  INACTIVE
)

/** 上架 / 下架: products off sale disappear from the hall and cannot be priced */
export const productLifecycle = twoWay(
  'catalog.product',
  'product',
  '证书产品',
  { state: 'on_sale', label: PRODUCT_STATUSES.on_sale, event: 'on_sale', verb: '上架' },
  { state: 'off_sale', label: PRODUCT_STATUSES.off_sale, event: 'off_sale', verb: '下架' },
  {
    'catalog.material.create': '新增申请资料',
    'catalog.material.update': '修改申请资料',
    'catalog.material.delete': '删除申请资料',
  }
)

export const noticeLifecycle = twoWay('catalog.notice', 'notice', '通知公告', PUBLISHED, DRAFT)
export const guideLifecycle = twoWay('catalog.guide', 'guide', '操作指南', PUBLISHED, DRAFT)
export const downloadLifecycle = twoWay(
  'catalog.download',
  'download',
  '下载文件',
  PUBLISHED,
  DRAFT
)

/**
 * The event that takes a subject from one state to the other (the status
 * buttons post the state they want).
 */
export function eventBetween<S extends string, E extends string>(
  lifecycle: Lifecycle<S, E>,
  from: S,
  to: S
): E {
  const event = lifecycle.eventKeys.find((e) => lifecycle.can(e, from, to))
  if (!event) {
    throw new TransitionRefused(
      `${lifecycle.noun}当前状态为“${lifecycle.label(from)}”，不能改为“${lifecycle.label(to)}”`
    )
  }
  return event
}
