import { DateTime } from 'luxon'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { faultPoint } from '#core/fault_points'
import {
  prepareChangeSubject,
  prepareRenew,
  prepareReissue,
  type LifecycleResult,
} from '#issuance/actions/lifecycle'
import type { IssuePlan } from '#issuance/actions/issue_certificate'
import { IssuanceError } from '#issuance/actions/errors'
import { certificatesByReference } from '#issuance/queries/certificates'
import type { CertificateInfo } from '#issuance/queries/labels'
import Certificate from '#certificates/models/certificate'
import { CertificateIssueError } from '#certificates/errors'
import { heldCount, runIssueHooksAfterCommit } from '#certificates/actions/issue_hooks'
import type { OrderForIssue, OrderIssuePlan } from '#certificates/actions/issue_for_order'

/**
 * The new certificate of an approved service order (更新, 变更, 补办 and
 * their combinations), with the CA's primitives
 * (#issuance/actions/lifecycle) split as new orders are (issue 9):
 * `prepareServiceForOrder` checks, generates keys and loads what signing
 * needs; the plan's `commit(trx)`, in the orders module's transaction
 * under the order's row lock, issues the new certificate, revokes the old
 * one (superseded, affiliationChanged), adds the new one to 我的证书
 * naming the row it replaces — and the orders module moves the order on
 * in the same transaction. A crash anywhere before the commit leaves
 * nothing; the retry issues once. Used by prepareCloudCertificateForOrder
 * / prepareCsrCertificateForOrder for an order whose serviceType is not 新办.
 */

/** an error of the CA as the certificates module's own (shown at the field) */
function translate(error: unknown, field?: string): never {
  if (error instanceof IssuanceError) throw new CertificateIssueError(error.message, field)
  throw error
}

function changes(order: OrderForIssue) {
  return order.serviceType === 'change' || order.serviceType === 'change_renew'
}

function subjectOf(order: OrderForIssue) {
  return order.subjectType === 'org'
    ? {
        name: order.subjectOrgName ?? order.subjectName,
        idNumber: order.subjectUscc ?? '',
        organization: order.subjectOrgName,
      }
    : { name: order.subjectName, idNumber: order.subjectIdNumber ?? '' }
}

/** the CA's plan for the service: which primitive, with what */
function lifecyclePlan(
  order: OrderForIssue,
  old: Certificate,
  options: { csrPem?: string; pin?: string }
): Promise<IssuePlan<LifecycleResult>> {
  const reference = order.orderNo
  const renewal = {
    serial: old.serial,
    years: order.years,
    windowDays: order.renewalWindowDays ?? 90,
    csrPem: options.csrPem,
    reference,
  }
  switch (order.serviceType) {
    case 'renew':
      return prepareRenew(renewal)
    case 'change_renew':
      // one new certificate: the new subject and the renewed term
      return prepareRenew({ ...renewal, subject: subjectOf(order) })
    case 'renew_reissue':
      // one new certificate on a new key with the renewed term
      return old.medium === 'ukey'
        ? prepareRenew(renewal)
        : prepareReissue({
            serial: old.serial,
            reason: 'superseded',
            pin: options.pin,
            renewal: { years: renewal.years, windowDays: renewal.windowDays },
            reference,
          })
    case 'change':
      return prepareChangeSubject({
        serial: old.serial,
        subject: subjectOf(order),
        csrPem: options.csrPem,
        reference,
      })
    case 'reissue':
      return prepareReissue({
        serial: old.serial,
        reason: 'superseded',
        csrPem: options.csrPem,
        pin: options.pin,
        reference,
      })
    default:
      throw new CertificateIssueError('该业务类型暂不支持在线签发')
  }
}

/** the new certificate(s) as the CA issued them */
interface Issued {
  signing: CertificateInfo
  encSerial: string | null
  credentialId: string | null
}

function issuedOf(result: LifecycleResult): Issued {
  return result.kind === 'cloud'
    ? {
        signing: result.pair.signing,
        encSerial: result.pair.encryption.serial,
        credentialId: result.pair.credentialId,
      }
    : { signing: result.certificate, encSerial: null, credentialId: null }
}

/**
 * The new 我的证书 row, naming the one it replaces; the certificates
 * module's issue hooks (platforms' notifyIssued, seals' 个人名章) run for
 * it once the transaction has committed, as for 新办.
 */
async function recordService(
  order: OrderForIssue,
  old: Certificate,
  issued: Issued,
  trx: TransactionClientContract
) {
  const { signing } = issued
  const previousCount = await heldCount(order.userId, trx)
  const certificate = await Certificate.create(
    {
      // the order's applicant: the holder, or an org's (new) 被授权人
      userId: order.userId,
      orgId: old.orgId,
      orderNo: order.orderNo,
      serial: signing.serial,
      encSerial: issued.encSerial,
      credentialId: issued.credentialId,
      certKind: old.certKind,
      medium: old.medium,
      platformId: old.platformId,
      platformName: old.platformName,
      productName: old.productName,
      subjectName: changes(order) ? signing.subject.name : old.subjectName,
      subjectIdNumber: old.subjectIdNumber,
      subjectOrgName:
        order.serviceType === 'change' || order.serviceType === 'change_renew'
          ? (signing.subject.organization ?? old.subjectOrgName)
          : old.subjectOrgName,
      notBefore: DateTime.fromJSDate(signing.notBefore),
      notAfter: DateTime.fromJSDate(signing.notAfter),
      replacesId: old.id,
      serviceType: order.serviceType ?? 'new',
    },
    { client: trx }
  )
  runIssueHooksAfterCommit(trx, certificate, previousCount)
  return certificate
}

/**
 * What the CA issued for this order that never reached 我的证书: a crash
 * between the CA's transaction and the 我的证书 row in versions before
 * this plan (the old certificate is then already revoked, so the service
 * cannot be issued again). Recorded as it is, never issued twice.
 */
async function leftover(order: OrderForIssue, old: Certificate): Promise<Issued | null> {
  const byReference = await certificatesByReference(order.orderNo)
  const issued = byReference.filter((c) => c.replacesSerial !== null && c.status !== 'revoked')
  const signing = issued.find((c) => c.usage !== 'encrypt')
  if (!signing) return null
  if (old.medium !== 'cloud') return { signing, encSerial: null, credentialId: null }
  const encryption = issued.find(
    (c) => c.usage === 'encrypt' && c.credentialId === signing.credentialId
  )
  if (!encryption) return null
  return { signing, encSerial: encryption.serial, credentialId: signing.credentialId }
}

export async function prepareServiceForOrder(
  order: OrderForIssue,
  options: {
    csrPem?: string
    pin?: string
    /** new cloud keys were made under `pin` (补办): told in the issuance transaction */
    onNewKeys?: (trx: TransactionClientContract) => Promise<void>
  }
): Promise<OrderIssuePlan> {
  const recorded = () =>
    Certificate.query().where('order_no', order.orderNo).orderBy('created_at', 'asc').first()
  const earlier = await recorded()
  if (earlier) return { commit: async () => earlier }
  // an org's certificate may be serviced by any member the org lets (a new 被授权人)
  const old = order.serviceCertificateId
    ? await Certificate.query()
        .where('id', order.serviceCertificateId)
        .where((q) =>
          order.orgId ? q.where('org_id', order.orgId) : q.where('user_id', order.userId)
        )
        .first()
    : null
  if (!old) throw new CertificateIssueError('该订单办理的证书不存在')
  const left = await leftover(order, old)
  const plan = left
    ? null
    : await lifecyclePlan(order, old, options).catch((error) =>
        translate(error, options.csrPem ? 'csr' : undefined)
      )
  return {
    async commit(trx, commitOptions = {}) {
      const issued =
        left ??
        issuedOf(
          await plan!
            .commit(trx, commitOptions)
            .catch((error) => translate(error, options.csrPem ? 'csr' : undefined))
        )
      const certificate = await recordService(order, old, issued, trx)
      if (options.onNewKeys && issued.credentialId && issued.credentialId !== old.credentialId)
        await options.onNewKeys(trx)
      faultPoint('certificates.after_record')
      return certificate
    },
  }
}
