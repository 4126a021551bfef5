import logger from '@adonisjs/core/services/logger'
import sms, { registerSmsPurposes } from '#core/sms/sms_service'
import type Order from '#orders/models/order'

/**
 * The SMS an order's handler (经办人) gets after a review or a fulfilment
 * step, sent after the change has been committed. A failed SMS is logged:
 * the in-site message and the audit entry are the record.
 */
registerSmsPurposes({
  'orders.review.result': '证书申请审核结果',
  'orders.fulfilment.notice': '证书制作与领取通知',
})

export async function smsToHandler(
  order: Order,
  text: string,
  purpose: 'orders.review.result' | 'orders.fulfilment.notice'
) {
  const phone = order.handlerPhone
  if (!phone) return
  try {
    await sms.send(phone, text, purpose)
  } catch (error) {
    logger.warn({ err: error, order: order.orderNo }, 'order notification SMS failed')
  }
}
