import type Staff from '#admin/models/staff'
import type { StaffRole } from '#admin/models/staff'
import { countActiveStaff } from '#admin/queries/staff_list'
import { countSmsToday } from '#admin/queries/sms_outbox'
import { countAuditToday } from '#admin/queries/audit_logs'
import { countApplicants } from '#accounts/queries/users'
import { pendingAppealCount, pendingPhoneRequestCount } from '#accounts/queries/reviews'
import { onSaleProductCount } from '#catalog/queries/admin'
import { countValidCertificates } from '#issuance/queries/ca'
import { countByStatus } from '#orders/queries/orders'
import { pendingTransferCount } from '#orders/payments/queries'
import realNames from '#accounts/realname/real_name_service'

/**
 * Dashboard figures and menu badges. The back office asks each module's
 * queries (admin → modules, never the other way round).
 */
export interface DashboardCounter {
  label: string
  value: number
  href?: string
}

interface CounterDefinition {
  label: string
  href?: string
  roles: StaffRole[] | 'all'
  value: () => Promise<number>
}

/**
 * Each module's figures, in display order. Add a line per figure.
 */
const definitions: CounterDefinition[] = [
  {
    label: '在用工作人员',
    href: '/admin/staff?status=active',
    roles: ['super_admin'],
    value: countActiveStaff,
  },
  { label: '今日短信', href: '/admin/sms', roles: ['operator'], value: () => countSmsToday() },
  {
    label: '今日短信发送失败',
    href: '/admin/sms?status=failed',
    roles: ['operator'],
    value: () => countSmsToday('failed'),
  },
  { label: '今日审计记录', href: '/admin/audit', roles: ['super_admin'], value: countAuditToday },
  { label: '申请人总数', href: '/admin/applicants', roles: 'all', value: countApplicants },
  {
    label: '待审核手机号变更',
    href: '/admin/reviews/phone-changes',
    roles: ['reviewer'],
    value: pendingPhoneRequestCount,
  },
  {
    label: '待审核账号申诉',
    href: '/admin/reviews/appeals',
    roles: ['reviewer'],
    value: pendingAppealCount,
  },
  {
    label: '待审核订单',
    href: '/admin/reviews/orders',
    roles: ['reviewer'],
    value: () => countByStatus(['pending_review']),
  },
  {
    label: '待审核实名认证',
    href: '/admin/reviews/real-name',
    roles: ['reviewer'],
    value: () => realNames.pendingCount(),
  },
  {
    label: '待制证',
    href: '/admin/fulfilment/make',
    roles: ['operator'],
    value: () => countByStatus(['approved'], ['mail_cod', 'pickup']),
  },
  {
    label: '待发货',
    href: '/admin/fulfilment/ship',
    roles: ['operator'],
    value: () => countByStatus(['awaiting_shipment']),
  },
  {
    label: '待领取',
    href: '/admin/fulfilment/pickup',
    roles: ['operator'],
    value: () => countByStatus(['awaiting_pickup']),
  },
  {
    label: '待确认转账',
    href: '/admin/payments/transfers',
    roles: ['finance'],
    value: pendingTransferCount,
  },
  {
    label: '在售证书产品',
    href: '/admin/catalog/products?status=on_sale',
    roles: ['super_admin'],
    value: onSaleProductCount,
  },
  {
    label: '有效证书',
    href: '/admin/certificates?status=valid',
    roles: ['reviewer', 'operator'],
    value: countValidCertificates,
  },
]

export async function dashboardCounters(staff: Staff): Promise<DashboardCounter[]> {
  const visible = definitions.filter((d) => d.roles === 'all' || staff.hasRole(...d.roles))
  return Promise.all(
    visible.map(async (d) => ({ label: d.label, href: d.href, value: await d.value() }))
  )
}
