import audit from '#core/audit/audit_service'
import gateways from './gateways.js'
import paymentService from './payment_service.js'
import {
  NotificationRejected,
  type NotificationAnswer,
  type RawNotification,
} from './drivers/contract.js'
import { PAYMENT_METHODS, isPaymentMethod } from './states.js'

/**
 * One entry point for every gateway's asynchronous notification (and the
 * sandbox cashier's buttons): verify, apply, answer. Forged notifications
 * and amount mismatches are refused and audited; repeated ones are
 * answered with success and change nothing.
 */
export async function receiveNotification(
  method: string,
  notification: RawNotification
): Promise<NotificationAnswer | null> {
  if (!isPaymentMethod(method)) return null
  const driver = gateways.get(method)
  if (!driver.parseNotification || !driver.answer) return null
  /**
   * Real gateways: as long as they are configured (older payments may
   * still be notified after a method was withdrawn). The sandbox only
   * while it is offered.
   */
  if (driver.sandbox ? !gateways.isAvailable(method) : !driver.isConfigured()) return null

  let result
  try {
    result = await driver.parseNotification(notification)
  } catch (error) {
    if (!(error instanceof NotificationRejected)) throw error
    await audit.record({
      action: 'orders.payment.notify_refused',
      subjectType: 'payment',
      subjectId: null,
      actor: { type: 'system', name: PAYMENT_METHODS[method] },
      data: { method, reason: error.reason, bodyBytes: Buffer.byteLength(notification.body) },
    })
    return driver.answer(false, error.reason, 401)
  }
  if (!result) return driver.answer(true)
  const outcome = await paymentService.applyGatewayResult(method, result, 'notify')
  if (outcome.kind === 'refused') return driver.answer(false, outcome.message, 400)
  return driver.answer(true)
}
