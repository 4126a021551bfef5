import router from '@adonisjs/core/services/router'
import { controllers } from '#generated/controllers'
import { formRoutes, signedInRoutes } from '#core/http/route_sets'

/**
 * 退费 (names "payments.refunds.*"): the applicant's 退费申请 on an order,
 * and the gateways' refund notifications (under /payments/notify/: no
 * session, no CSRF; the signature authenticates).
 */
signedInRoutes('payments', () => {
  formRoutes('/orders/:orderNo/refund', 'refunds', controllers.payments.Refunds)
}).where('orderNo', /^\d{19}$/)

router
  .post('/payments/notify/refund/:gateway', [controllers.payments.RefundNotifications, 'handle'])
  .where('gateway', /^wechatpay$/)
  .as('payments.refunds.notify')
