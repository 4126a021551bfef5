import verificationCodes, { registerCodePurposes } from '#core/sms/verification_codes'
import { isResidentId, isUscc } from '#core/validation/identity'
import Order from '#orders/models/order'
import { OrderError } from '#orders/errors'

/**
 * 订单查询 without signing in (manual 002 §6): the certificate kind
 * (个人 / 单位), the ID number or unified social credit code, and an SMS
 * code sent to the phone reserved on the latest order of that number (its
 * 经办人). The answer never tells whether a number has orders before the
 * code is right: the same message either way, nothing sent when none.
 */
export const ORDER_QUERY_PURPOSE = 'order_query'
registerCodePurposes({ [ORDER_QUERY_PURPOSE]: '订单查询' })

export const QUERY_KINDS = { person: '个人数字证书', org: '单位数字证书' } as const
export type QueryKind = keyof typeof QUERY_KINDS

/** how long a verified query may be read without a new code */
export const QUERY_MINUTES = 30

export function normaliseQuery(kind: string, idNumber: string) {
  const id = (idNumber ?? '').trim().toUpperCase()
  if (kind === 'org') {
    if (!isUscc(id)) throw new OrderError('请输入正确的统一社会信用代码', 'id_number')
  } else if (!isResidentId(id) && !/^[A-Z0-9]{5,20}$/.test(id)) {
    throw new OrderError('请输入正确的证件号码', 'id_number')
  }
  return { kind: (kind === 'org' ? 'org' : 'person') as QueryKind, idNumber: id }
}

function ordersOf(kind: QueryKind, idNumber: string) {
  const query = Order.query().whereNot('status', 'draft')
  if (kind === 'org') query.where('subject_uscc', idNumber)
  else query.where('subject_type', 'person').where('subject_id_number', idNumber)
  return query
}

/** the reserved phone: the handler's phone on the latest order of the number */
async function reservedPhone(kind: QueryKind, idNumber: string) {
  const latest = await ordersOf(kind, idNumber)
    .whereNotNull('handler_phone')
    .orderBy('created_at', 'desc')
    .first()
  return latest?.handlerPhone ?? null
}

export const CODE_SENT =
  '如该证件办理过证书业务，验证码已发送至办理时预留的经办人手机，5 分钟内有效'

export async function sendQueryCode(kind: string, idNumber: string, ip: string | null) {
  const q = normaliseQuery(kind, idNumber)
  const phone = await reservedPhone(q.kind, q.idNumber)
  if (phone) {
    const sent = await verificationCodes.send(phone, ORDER_QUERY_PURPOSE, ip)
    if (!sent.ok) throw new OrderError(sent.message, 'sms_code')
  }
  return CODE_SENT
}

/**
 * The code checks out: the query may be read for QUERY_MINUTES (the
 * caller keeps it in the session).
 */
export async function verifyQuery(kind: string, idNumber: string, code: string | undefined) {
  const q = normaliseQuery(kind, idNumber)
  const phone = await reservedPhone(q.kind, q.idNumber)
  if (!phone) throw new OrderError('验证码错误或已失效，请重新获取', 'sms_code')
  const check = await verificationCodes.verify(phone, ORDER_QUERY_PURPOSE, code)
  if (!check.ok) throw new OrderError(check.message, 'sms_code')
  return { ...q, until: Date.now() + QUERY_MINUTES * 60_000 }
}

/**
 * The orders of a verified query, newest first, with what can be done
 * next (立即支付, 完善资料: the order's pages, after signing in as its owner).
 */
export async function queriedOrders(kind: QueryKind, idNumber: string) {
  const orders = await ordersOf(kind, idNumber).orderBy('created_at', 'desc').limit(50)
  return orders.map((order) => ({
    order,
    next:
      order.status === 'pending_payment'
        ? ({ label: '立即支付', route: 'orders.pay' } as const)
        : order.status === 'rejected'
          ? ({ label: '完善资料', route: 'orders.fix' } as const)
          : null,
  }))
}
