import { DateTime } from 'luxon'
import type { AuditActor } from '#core/audit/audit_service'
import { changeSubject, renew, reissue, type LifecycleResult } from '#issuance/actions/lifecycle'
import { IssuanceError } from '#issuance/actions/errors'
import Certificate from '#certificates/models/certificate'
import { CertificateIssueError } from '#certificates/errors'
import type { OrderForIssue } from '#certificates/actions/issue_for_order'

/**
 * Issue the new certificate of an approved service order (更新, 变更,
 * 补办) with the CA's primitives (#issuance/actions/lifecycle): the old
 * certificate is revoked in the same transaction (superseded,
 * affiliationChanged) and the new one added to 我的证书, naming the row it
 * replaces. Called by issueCloudCertificateForOrder /
 * issueCsrCertificateForOrder for an order whose serviceType is not 新办.
 */
export const ORDER_SERVICES = [
  'renew',
  'change',
  'reissue',
  'change_renew',
  'renew_reissue',
] as const

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

export async function issueServiceForOrder(
  order: OrderForIssue,
  options: { csrPem?: string; pin?: string; actor?: AuditActor } = {}
) {
  const old = order.serviceCertificateId
    ? await Certificate.query()
        .where('id', order.serviceCertificateId)
        .where('user_id', order.userId)
        .first()
    : null
  if (!old) throw new CertificateIssueError('该订单办理的证书不存在')
  let result: LifecycleResult
  try {
    switch (order.serviceType) {
      case 'renew':
        result = await renew({
          serial: old.serial,
          years: order.years,
          windowDays: order.renewalWindowDays ?? 90,
          csrPem: options.csrPem,
          reference: order.orderNo,
          actor: options.actor,
        })
        break
      case 'change_renew':
        // one new certificate: the new subject and the renewed term
        result = await renew({
          serial: old.serial,
          years: order.years,
          windowDays: order.renewalWindowDays ?? 90,
          subject: subjectOf(order),
          csrPem: options.csrPem,
          reference: order.orderNo,
          actor: options.actor,
        })
        break
      case 'renew_reissue':
        // one new certificate on a new key with the renewed term
        result =
          old.medium === 'ukey'
            ? await renew({
                serial: old.serial,
                years: order.years,
                windowDays: order.renewalWindowDays ?? 90,
                csrPem: options.csrPem,
                reference: order.orderNo,
                actor: options.actor,
              })
            : await reissue({
                serial: old.serial,
                reason: 'superseded',
                pin: options.pin,
                renewal: { years: order.years, windowDays: order.renewalWindowDays ?? 90 },
                reference: order.orderNo,
                actor: options.actor,
              })
        break
      case 'change':
        result = await changeSubject({
          serial: old.serial,
          subject: subjectOf(order),
          csrPem: options.csrPem,
          reference: order.orderNo,
          actor: options.actor,
        })
        break
      case 'reissue':
        result = await reissue({
          serial: old.serial,
          reason: 'superseded',
          csrPem: options.csrPem,
          pin: options.pin,
          reference: order.orderNo,
          actor: options.actor,
        })
        break
      default:
        throw new CertificateIssueError('该业务类型暂不支持在线签发')
    }
  } catch (error) {
    translate(error, options.csrPem ? 'csr' : undefined)
  }
  const signing = result.kind === 'cloud' ? result.pair.signing : result.certificate
  return Certificate.create({
    userId: old.userId,
    orgId: old.orgId,
    orderNo: order.orderNo,
    serial: signing.serial,
    encSerial: result.kind === 'cloud' ? result.pair.encryption.serial : null,
    credentialId: result.kind === 'cloud' ? result.pair.credentialId : null,
    certKind: old.certKind,
    medium: old.medium,
    platformId: old.platformId,
    platformName: old.platformName,
    productName: old.productName,
    subjectName: changes(order) ? signing.subject.name : old.subjectName,
    subjectIdNumber: old.subjectIdNumber,
    subjectOrgName:
      order.serviceType === 'change' ? (signing.subject.organization ?? null) : old.subjectOrgName,
    notBefore: DateTime.fromJSDate(signing.notBefore),
    notAfter: DateTime.fromJSDate(signing.notAfter),
    replacesId: old.id,
    serviceType: order.serviceType ?? 'new',
  })
}
