import { DateTime } from 'luxon'
import type { AuditActor } from '#core/audit/audit_service'
import { issueCloudPair, issueFromCsr } from '#issuance/actions/issue_certificate'
import { IssuanceError } from '#issuance/actions/errors'
import type { Profile, SubjectInput } from '#issuance/queries/labels'
import Certificate from '#certificates/models/certificate'
import { CertificateIssueError } from '#certificates/errors'
import { runIssueHooks } from '#certificates/actions/issue_hooks'

/**
 * What an approved order tells the certificates module.
 */
export interface OrderForIssue {
  orderNo: string
  userId: string
  certKind: string
  medium: string
  years: number
  platformId: string
  platformName: string
  productName: string
  subjectType: 'person' | 'org'
  subjectName: string
  subjectIdType: string | null
  subjectIdNumber: string | null
  subjectOrgName: string | null
  subjectUscc: string | null
  handlerName: string | null
  handlerPhone: string | null
}

/** a refusal of the CA (bad CSR, weak key…) with its Chinese message (#certificates/errors) */
export { CertificateIssueError }

function profileOf(order: OrderForIssue): Profile {
  if (order.certKind === 'enterprise') return 'enterprise'
  if (order.certKind === 'expert') return 'expert'
  return 'personal'
}

function subjectOf(order: OrderForIssue): SubjectInput {
  if (order.subjectType === 'org') {
    return {
      name: order.subjectOrgName ?? order.subjectName,
      idNumber: order.subjectUscc ?? '',
      organization: order.subjectOrgName,
    }
  }
  return {
    name: order.subjectName,
    idNumber: order.subjectIdNumber ?? '',
    idType: order.subjectIdType ?? undefined,
  }
}

/**
 * Default PIN of a new cloud certificate: the last 6 digits of the
 * applicant's (handler's) phone; the holder is asked to change it.
 */
export function defaultPin(phone: string | null) {
  const digits = (phone ?? '').replace(/\D/g, '')
  return digits.length >= 6 ? digits.slice(-6) : '123456'
}

async function record(
  order: OrderForIssue,
  fields: {
    serial: string
    encSerial: string | null
    credentialId: string | null
    notBefore: Date
    notAfter: Date
  }
) {
  const previousCount = await Certificate.query()
    .where('user_id', order.userId)
    .count('* as total')
    .then((rows) => Number(rows[0].$extras.total))
  const certificate = await Certificate.create({
    userId: order.userId,
    orderNo: order.orderNo,
    serial: fields.serial,
    encSerial: fields.encSerial,
    credentialId: fields.credentialId,
    certKind: order.certKind as any,
    medium: order.medium as any,
    platformId: order.platformId,
    platformName: order.platformName,
    productName: order.productName,
    subjectName:
      order.subjectType === 'org' ? (order.subjectOrgName ?? order.subjectName) : order.subjectName,
    subjectIdNumber: order.subjectType === 'org' ? order.subjectUscc : order.subjectIdNumber,
    subjectOrgName: order.subjectOrgName,
    notBefore: DateTime.fromJSDate(fields.notBefore),
    notAfter: DateTime.fromJSDate(fields.notAfter),
  })
  await runIssueHooks({
    id: certificate.id,
    userId: certificate.userId,
    serial: certificate.serial,
    certKind: certificate.certKind,
    subjectName: certificate.subjectName,
    subjectIdNumber: certificate.subjectIdNumber,
    subjectOrgName: certificate.subjectOrgName,
    notAfter: certificate.notAfter,
    previousCount,
  })
  return certificate
}

function translate(error: unknown, field?: string): never {
  if (error instanceof IssuanceError) throw new CertificateIssueError(error.message, field)
  throw error
}

/**
 * Issue the signing + encryption pair of a cloud certificate for an
 * approved order and add it to the holder's 我的证书.
 */
export async function issueCloudCertificateForOrder(order: OrderForIssue, actor?: AuditActor) {
  try {
    const pair = await issueCloudPair({
      profile: profileOf(order),
      subject: subjectOf(order),
      validity: { years: order.years },
      pin: defaultPin(order.handlerPhone),
      reference: order.orderNo,
      actor,
    })
    return record(order, {
      serial: pair.signing.serial,
      encSerial: pair.encryption.serial,
      credentialId: pair.credentialId,
      notBefore: pair.signing.notBefore,
      notAfter: pair.signing.notAfter,
    })
  } catch (error) {
    translate(error)
  }
}

/**
 * Issue a uKey certificate for the key in a CSR (制证). The subject is the
 * order's, never the CSR's.
 */
export async function issueCsrCertificateForOrder(
  order: OrderForIssue,
  csrPem: string,
  actor?: AuditActor
) {
  try {
    const info = await issueFromCsr({
      csrPem,
      profile: profileOf(order),
      subject: subjectOf(order),
      validity: { years: order.years },
      reference: order.orderNo,
      actor,
    })
    return record(order, {
      serial: info.serial,
      encSerial: null,
      credentialId: null,
      notBefore: info.notBefore,
      notAfter: info.notAfter,
    })
  } catch (error) {
    translate(error, 'csr')
  }
}
