import edge from 'edge.js'
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
