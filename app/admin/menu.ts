import type Staff from '#admin/models/staff'
import type { StaffRole } from '#admin/models/staff'
import { countByStatus } from '#orders/queries/orders'
import { pendingTransferCount } from '#orders/payments/queries'
import realNames from '#accounts/realname/real_name_service'
import { pendingAppealCount, pendingPhoneRequestCount } from '#accounts/queries/reviews'

/**
 * The back office's side menu. Each item names the roles that see it
 * (super admins see everything); the pages themselves are guarded by
 * Bouncer policies, the menu only hides what a role cannot open.
 */
export interface MenuItem {
  key: string
  label: string
  href: string
  roles: StaffRole[] | 'all'
  /** pending-work counter shown next to the item */
  count?: () => Promise<number>
}

export interface MenuGroup {
  label: string
  /** a group of work queues: listed under 待办 on the dashboard */
  queue?: boolean
  items: MenuItem[]
}

const groups: MenuGroup[] = [
  {
    label: '概览',
    items: [{ key: 'dashboard', label: '工作台', href: '/admin', roles: 'all' }],
  },
  {
    label: '审核',
    queue: true,
    items: [
      {
        key: 'reviews.orders',
        label: '订单审核',
        href: '/admin/reviews/orders',
        roles: ['reviewer'],
        count: () => countByStatus(['pending_review']),
      },
      {
        key: 'orders.index',
        label: '订单查询',
        href: '/admin/orders',
        roles: ['reviewer', 'operator', 'finance'],
      },
      {
        key: 'reviews.real_name',
        label: '实名认证审核',
        href: '/admin/reviews/real-name',
        roles: ['reviewer'],
        count: () => realNames.pendingCount(),
      },
      {
        key: 'reviews.phone_changes',
        label: '手机号变更审核',
        href: '/admin/reviews/phone-changes',
        roles: ['reviewer'],
        count: pendingPhoneRequestCount,
      },
      {
        key: 'reviews.appeals',
        label: '账号申诉审核',
        href: '/admin/reviews/appeals',
        roles: ['reviewer'],
        count: pendingAppealCount,
      },
    ],
  },
  {
    label: '制证与交付',
    queue: true,
    items: [
      {
        key: 'fulfilment.make',
        label: '待制证',
        href: '/admin/fulfilment/make',
        roles: ['operator'],
        count: () => countByStatus(['approved'], ['mail_cod', 'pickup']),
      },
      {
        key: 'fulfilment.ship',
        label: '待发货',
        href: '/admin/fulfilment/ship',
        roles: ['operator'],
        count: () => countByStatus(['awaiting_shipment']),
      },
      {
        key: 'fulfilment.pickup',
        label: '待领取',
        href: '/admin/fulfilment/pickup',
        roles: ['operator'],
        count: () => countByStatus(['awaiting_pickup']),
      },
    ],
  },
  {
    label: '财务',
    queue: true,
    items: [
      { key: 'payments.index', label: '支付记录', href: '/admin/payments', roles: ['finance'] },
      {
        key: 'payments.transfers',
        label: '转账凭证确认',
        href: '/admin/payments/transfers',
        roles: ['finance'],
        count: pendingTransferCount,
      },
    ],
  },
  {
    label: '证书与 CA',
    items: [
      {
        key: 'certificates.index',
        label: '证书查询',
        href: '/admin/certificates',
        roles: ['reviewer', 'operator'],
      },
      { key: 'ca.index', label: 'CA 与 CRL', href: '/admin/ca', roles: ['reviewer'] },
    ],
  },
  {
    label: '业务目录',
    items: [
      {
        key: 'catalog.platforms',
        label: '区域与交易平台',
        href: '/admin/catalog/platforms',
        roles: ['super_admin'],
      },
      {
        key: 'catalog.products',
        label: '证书产品',
        href: '/admin/catalog/products',
        roles: ['super_admin'],
      },
      {
        key: 'content.notices',
        label: '通知公告',
        href: '/admin/content/notices',
        roles: ['operator'],
      },
      {
        key: 'content.guides',
        label: '操作指南',
        href: '/admin/content/guides',
        roles: ['operator'],
      },
      {
        key: 'content.downloads',
        label: '下载专区',
        href: '/admin/content/downloads',
        roles: ['operator'],
      },
    ],
  },
  {
    label: '用户',
    items: [
      { key: 'applicants.index', label: '申请人', href: '/admin/applicants', roles: 'all' },
      { key: 'staff.index', label: '工作人员', href: '/admin/staff', roles: ['super_admin'] },
    ],
  },
  {
    label: '系统',
    items: [
      {
        key: 'sms.index',
        label: '短信发件箱',
        href: '/admin/sms',
        roles: ['super_admin', 'operator'],
      },
      { key: 'audit.index', label: '审计日志', href: '/admin/audit', roles: ['super_admin'] },
    ],
  },
]

export async function menuFor(staff: Staff) {
  const visible = []
  for (const group of groups) {
    const items = []
    for (const item of group.items) {
      if (item.roles !== 'all' && !staff.hasRole(...item.roles)) continue
      items.push({
        key: item.key,
        label: item.label,
        href: item.href,
        counted: Boolean(item.count),
        count: item.count ? await item.count() : 0,
      })
    }
    if (items.length) visible.push({ label: group.label, queue: group.queue ?? false, items })
  }
  return visible
}
