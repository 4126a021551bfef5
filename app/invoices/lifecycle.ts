import { SHARED_STATES, defineLifecycle } from '#core/lifecycle'

/**
 * An invoice (发票) request: requested 待开票 → issued 已开票 (finance, through
 * the e-invoice provider) or rejected 已驳回 (finance, with a reason; its
 * orders may be invoiced again); issued → reversed 已红冲 when a refund
 * issues the red-letter invoice. A red-letter invoice itself is born
 * issued. issued is final except for the reversal: an invoice is issued
 * once.
 */
export const invoiceLifecycle = defineLifecycle({
  name: 'invoices.invoice',
  subject: 'invoice',
  noun: '发票',
  states: {
    requested: { label: '待开票', tone: 'warning' },
    issued: { label: '已开票', tone: 'success' },
    rejected: SHARED_STATES.rejected,
    reversed: { label: '已红冲', tone: 'muted' },
  },
  events: {
    issue: {
      label: '开具',
      transitions: [['requested', 'issued']],
      refusal: '该发票申请已处理，不能重复开具',
    },
    reject: {
      label: '驳回',
      transitions: [['requested', 'rejected']],
      refusal: '该发票申请已处理，不能驳回',
    },
    reverse: { label: '红冲', transitions: [['issued', 'reversed']] },
  },
  auditActions: {
    'invoices.invoice.request': '申请开票',
    'invoices.invoice.red': '开具红字发票',
    'invoices.invoice.email': '发送发票邮件',
    'invoices.title.create': '新增发票抬头',
    'invoices.title.update': '修改发票抬头',
    'invoices.title.delete': '删除发票抬头',
  },
})

export type InvoiceStatus = keyof typeof invoiceLifecycle.states
