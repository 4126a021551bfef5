import edge from 'edge.js'
import { registerAuditValues } from '#core/audit/audit_service'
import { PAYMENT_METHODS } from '#payments/labels'
import { availablePaymentMethods } from '#payments/queries/payments'
import '#payments/lifecycle'
import '#payments/refund_lifecycle'
import '#payments/gateways'

/**
 * What the payments module registers at boot (loaded by `boot` in
 * module.ts): the audit labels of its two machines (lifecycle.ts), the
 * sandbox probe of its gateways (gateways.ts), and the Edge global that
 * payments/method_choice.edge reads (the page is included by the orders
 * module's 立即支付).
 */
edge.global('paymentMethodChoices', availablePaymentMethods)
/* 操作日志 shows a payment method by its name, not its code */
registerAuditValues({ method: PAYMENT_METHODS })
