import { defineModule } from '#core/modules'

/**
 * payments: the cashier pages, gateway notifications, and the finance
 * office's payment records and transfer confirmations.
 */
const pendingTransfers = () =>
  import('#payments/queries/payments').then((m) => m.pendingTransferCount())

const pendingRefunds = () => import('#payments/queries/refunds').then((m) => m.pendingRefundCount())

export default defineModule({
  name: 'payments',
  routes: () => import('#payments/routes'),
  boot: () => import('#payments/registrations'),
  backOffice: {
    routes: () => import('#payments/admin_routes'),
    menu: [
      {
        group: 'finance',
        order: 10,
        key: 'payments.index',
        label: '支付记录',
        route: 'admin.payments.index',
        roles: ['finance'],
      },
      {
        group: 'finance',
        order: 20,
        key: 'payments.transfers',
        label: '转账凭证确认',
        route: 'admin.payments.transfers.index',
        roles: ['finance'],
        count: pendingTransfers,
      },
      {
        group: 'finance',
        order: 25,
        key: 'payments.refunds',
        label: '退款管理',
        route: 'admin.payments.refunds.index',
        roles: ['finance'],
        count: pendingRefunds,
      },
      {
        group: 'finance',
        order: 40,
        key: 'payments.books',
        label: '财务账簿',
        route: 'admin.payments.books.index',
        roles: ['finance'],
      },
      {
        group: 'finance',
        order: 45,
        key: 'payments.reconciliation',
        label: '日对账',
        route: 'admin.payments.books.reconciliation',
        roles: ['finance'],
      },
    ],
    figures: [
      {
        order: 130,
        label: '待确认转账',
        route: 'admin.payments.transfers.index',
        roles: ['finance'],
        value: pendingTransfers,
      },
    ],
    auditSubjects: {
      payment: '支付',
      payment_voucher: '转账凭证',
      refund: '退款',
      statement_import: '对账单导入',
    },
  },
})
