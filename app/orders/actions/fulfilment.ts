import db from '@adonisjs/lucid/services/db'
import logger from '@adonisjs/core/services/logger'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import audit, { type AuditActor } from '#core/audit/audit_service'
import type { Reviewer } from '#core/staff'
import {
  issueCloudCertificateForOrder,
  issueCsrCertificateForOrder,
  CertificateIssueError,
  type OrderForIssue,
} from '#certificates/actions/issue_for_order'
import { certificatesOfOrder } from '#certificates/queries/certificates'
import Order from '#orders/models/order'
import type { OrderStatus } from '#orders/lifecycle'
import { OrderError } from '#orders/errors'
import { lockOrder, withLockedOrder } from '#orders/actions/lock'
import { transitionOrder } from '#orders/actions/transition_order'
import { smsToHandler } from '#orders/sms'

/**
 * After approval: the certificate is issued (cloud at once, uKey from the
 * key's CSR made by the applicant or the office), then shipped, handed
 * over or signed for — each one lifecycle event of the order.
 */

/** a certificate as the certificates module gives it back after issuing */
type IssuedCertificate = Awaited<ReturnType<typeof issueCloudCertificateForOrder>>

function staffActor(staff: Reviewer): AuditActor {
  return { type: 'staff', id: staff.id, name: staff.displayName }
}

/**
 * The CA's refusal (bad CSR, weak key…) as a rule error of the orders
 * module, at the CSR field when it concerns the CSR.
 */
async function caRefusalsAsRuleErrors<T>(run: () => Promise<T>, field?: string): Promise<T> {
  try {
    return await run()
  } catch (error) {
    // real work: the certificates module's refusal becomes a rule error the form can show
    if (error instanceof CertificateIssueError) {
      throw new OrderError(error.message, field ?? error.field ?? {})
    }
    throw error
  }
}

/**
 * What the certificates module needs to issue for an order.
 */
export function orderForIssue(order: Order): OrderForIssue {
  return {
    orderNo: order.orderNo,
    userId: order.userId,
    certKind: order.certKind,
    medium: order.medium,
    years: order.years,
    platformId: order.platformId,
    platformName: order.platformName,
    productName: order.productSnapshot?.name ?? '',
    subjectType: order.subjectType,
    subjectName: order.subjectName,
    subjectIdType: order.subjectIdType,
    subjectIdNumber: order.subjectIdNumber,
    subjectOrgName: order.subjectOrgName,
    subjectUscc: order.subjectUscc,
    handlerName: order.handlerName,
    handlerPhone: order.handlerPhone,
    // a service order (更新, 变更, 补办): the certificate it acts on (issue 11)
    serviceType: order.serviceType,
    serviceCertificateId: order.certificateId,
    renewalWindowDays: order.serviceDetails?.windowDays ?? order.productSnapshot?.renewalWindowDays,
  }
}

/**
 * Issuance happens at most once per order. Two clicks on 制证 (or 审核通过
 * and 签发证书 at the same moment) must not give the holder two
 * certificates: within this process the issuances of one order queue up,
 * and on PostgreSQL, where several instances share the database, they also
 * queue on an advisory lock named after the order (held on a connection of
 * its own, released when done or when the process dies). The one that
 * comes second finds the order no longer 审核通过 and is refused. A
 * certificate already recorded for the order (issued, but its transition
 * never written) is reused, not issued again.
 */
const issuing = new Map<string, Promise<void>>()

async function oneAtATime<T>(key: string, run: () => Promise<T>): Promise<T> {
  const previous = issuing.get(key) ?? Promise.resolve()
  let done!: () => void
  const mine = new Promise<void>((resolve) => (done = resolve))
  const tail = previous.then(() => mine)
  issuing.set(key, tail)
  await previous
  try {
    return await run()
  } finally {
    done()
    if (issuing.get(key) === tail) issuing.delete(key)
  }
}

async function acrossInstances<T>(key: string, run: () => Promise<T>): Promise<T> {
  const connection = db.connection()
  if (connection.dialect.name !== 'postgres') return run()
  const knexClient = connection.getWriteClient().client
  const session = await knexClient.acquireConnection()
  try {
    await session.query('select pg_advisory_lock(hashtext($1))', [key])
    try {
      return await run()
    } finally {
      await session.query('select pg_advisory_unlock(hashtext($1))', [key])
    }
  } finally {
    await knexClient.releaseConnection(session)
  }
}

async function issueOnce(
  orderId: string,
  check: (order: Order) => void,
  issue: (order: Order) => Promise<IssuedCertificate>,
  transition: (
    order: Order,
    trx: TransactionClientContract,
    certificate: IssuedCertificate
  ) => Promise<{ from: OrderStatus; to: OrderStatus }>
): Promise<{ certificate: IssuedCertificate; to: OrderStatus }> {
  return oneAtATime(orderId, () =>
    acrossInstances(`certdesk:order-issuance:${orderId}`, async () => {
      const order = await Order.findOrFail(orderId)
      check(order)
      const recorded = await certificatesOfOrder(order.orderNo)
      const certificate = recorded.length ? recorded[0].certificate : await issue(order)
      const { to } = await db.transaction(async (trx) =>
        transition(await lockOrder(orderId, trx), trx, certificate)
      )
      return { certificate, to }
    })
  )
}

class NothingToIssue extends Error {}

/**
 * A cloud certificate is issued as soon as its order is approved (and
 * paid). If the CA fails, the order stays 审核通过 and staff can retry.
 */
export async function issueIfCloud(
  orderId: string,
  actor?: AuditActor
): Promise<{ issued: boolean; error?: string }> {
  let orderNo = ''
  try {
    await issueOnce(
      orderId,
      (order) => {
        orderNo = order.orderNo
        if (order.status !== 'approved' || order.deliveryMethod !== 'online_install')
          throw new NothingToIssue()
      },
      (order) => issueCloudCertificateForOrder(orderForIssue(order), actor),
      (order, trx, certificate) =>
        transitionOrder(order, 'issue', trx, { data: { serial: certificate.serial } })
    )
    return { issued: true }
  } catch (error) {
    // real work: a failed issuance is recorded and reported, the order stays 审核通过 for a retry
    if (error instanceof NothingToIssue) return { issued: false }
    const message =
      error instanceof CertificateIssueError ? error.message : '证书签发服务暂时不可用'
    logger.error({ err: error, order: orderNo }, 'cloud certificate issuance failed')
    await audit.record({
      action: 'orders.order.issue_failed',
      subjectType: 'order',
      subjectId: orderNo,
      data: { message },
      actor,
    })
    return { issued: false, error: message }
  }
}

/** a uKey order already past 制证 */
function alreadyMade(order: Order) {
  return ['awaiting_shipment', 'awaiting_pickup', 'shipped', 'completed'].includes(order.status)
}

/**
 * 制证 by the office (mailed or picked-up uKeys): the operator submits the
 * CSR made on the uKey; the certificate is issued and the order waits for
 * shipping or pickup.
 */
export async function makeByOperator(order: Order, csrPem: string, staff: Reviewer) {
  const { certificate, to } = await caRefusalsAsRuleErrors(() =>
    issueOnce(
      order.id,
      (fresh) => {
        if (
          fresh.status !== 'approved' ||
          !['mail_cod', 'pickup'].includes(fresh.deliveryMethod ?? '')
        ) {
          throw new OrderError(
            alreadyMade(fresh) ? '该订单已制证，请勿重复提交' : '该订单当前不能由工作人员制证'
          )
        }
      },
      (fresh) => issueCsrCertificateForOrder(orderForIssue(fresh), csrPem, staffActor(staff)),
      (fresh, trx, issued) =>
        transitionOrder(fresh, 'make', trx, {
          data: { serial: issued.serial, operator: staff.displayName },
        })
    )
  )
  await order.refresh()
  if (to === 'awaiting_pickup') {
    await smsToHandler(
      order,
      `您的证书（订单号 ${order.orderNo}）已制作完成，请取证人携带身份证原件到 ${order.delivery?.pickupPointName ?? '取证地址'} 领取。`,
      'orders.fulfilment.notice'
    )
  }
  return certificate
}

/**
 * 自助制证: the applicant's own uKey CSR for an approved self-service order
 * (every refusal is shown at the CSR field).
 */
export async function selfMake(order: Order, csrPem: string) {
  const { certificate } = await caRefusalsAsRuleErrors(
    () =>
      issueOnce(
        order.id,
        (fresh) => {
          if (fresh.status !== 'approved' || fresh.deliveryMethod !== 'self_make') {
            throw new OrderError(
              fresh.status === 'completed' && fresh.deliveryMethod === 'self_make'
                ? '该订单已制证，请勿重复提交'
                : '该订单当前不能制证',
              'csr'
            )
          }
        },
        (fresh) => issueCsrCertificateForOrder(orderForIssue(fresh), csrPem),
        (fresh, trx, issued) =>
          transitionOrder(fresh, 'self_make', trx, { data: { serial: issued.serial } })
      ),
    'csr'
  )
  await order.refresh()
  return certificate
}

export async function shipOrder(
  order: Order,
  input: { courier: string; trackingNo: string },
  staff: Reviewer
) {
  await withLockedOrder(order.id, (fresh, trx) =>
    transitionOrder(fresh, 'ship', trx, {
      changes: { courier: input.courier, trackingNo: input.trackingNo },
      data: { courier: input.courier, trackingNo: input.trackingNo, operator: staff.displayName },
    })
  )
  await order.refresh()
  await smsToHandler(
    order,
    `您的证书（订单号 ${order.orderNo}）已发货：${input.courier} ${input.trackingNo}，收到后请登录系统签收。`,
    'orders.fulfilment.notice'
  )
}

/**
 * 签收 by the applicant.
 */
export async function confirmReceipt(order: Order) {
  await withLockedOrder(order.id, (fresh, trx) => transitionOrder(fresh, 'receive', trx))
  await order.refresh()
}

/**
 * 领取: the pickup person's ID, as shown at the counter, must be the one
 * given in the order.
 */
export async function handOver(
  order: Order,
  input: { shownIdNumber: string; handoverNote?: string | null },
  staff: Reviewer
) {
  if (order.status !== 'awaiting_pickup') throw new OrderError('只有未领取的订单可以领取')
  const expected = (order.delivery?.pickupIdNumber ?? '').toUpperCase()
  if (!expected || input.shownIdNumber.toUpperCase() !== expected) {
    await audit.record({
      action: 'orders.order.hand_over_refused',
      subjectType: 'order',
      subjectId: order.orderNo,
      data: { operator: staff.displayName },
      actor: staffActor(staff),
    })
    throw new OrderError('取证人身份证号与订单登记的不一致，不能交付', 'shown_id_number')
  }
  await withLockedOrder(order.id, (fresh, trx) =>
    transitionOrder(fresh, 'hand_over', trx, {
      changes: { handoverNote: input.handoverNote ?? null },
      data: { operator: staff.displayName, pickupName: order.delivery?.pickupName },
    })
  )
  await order.refresh()
}
