import edge from 'edge.js'
import { availablePaymentMethods } from './queries.js'

/**
 * For payments/method_choice.edge (included by the orders module's pages).
 */
edge.global('paymentMethodChoices', availablePaymentMethods)
