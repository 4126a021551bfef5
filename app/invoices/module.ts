import { defineModule } from '#core/modules'

/**
 * invoices: 发票抬头 (title books per person, per org), 我的发票 (requests
 * and history, signed PDFs), and the finance office's 发票管理.
 */
const requested = () => import('#invoices/queries/invoices').then((m) => m.pendingInvoiceCount())

export default defineModule({
  name: 'invoices',
  routes: () => import('#invoices/routes'),
  boot: () => import('#invoices/registrations'),
  backOffice: {
    routes: () => import('#invoices/admin_routes'),
    menu: [
      {
        group: 'finance',
        order: 30,
        key: 'invoices.index',
        label: '发票管理',
        route: 'admin.invoices.index',
        roles: ['finance'],
        count: requested,
      },
      {
        group: 'finance',
        order: 90,
        key: 'invoices.mail',
        label: '邮件发件箱',
        route: 'admin.mail.index',
        roles: ['finance'],
      },
    ],
    figures: [
      {
        order: 140,
        label: '待开发票',
        route: 'admin.invoices.index',
        roles: ['finance'],
        value: requested,
      },
    ],
    auditSubjects: {
      invoice: '发票',
      invoice_title: '发票抬头',
      invoice_intent: '开票选择',
      mail: '邮件',
    },
  },
})
