import { randomInt } from 'node:crypto'
import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import type { AuditActor } from '#core/audit/audit_service'
import { faultPoint } from '#core/fault_points'
import { prepareCloudPair, prepareIssueFromCsr } from '#issuance/actions/issue_certificate'
import { certificatesByReference } from '#issuance/queries/certificates'
import { IssuanceError } from '#issuance/actions/errors'
import type { Profile, SubjectInput } from '#issuance/queries/labels'
import Certificate from '#certificates/models/certificate'
import { CertificateIssueError } from '#certificates/errors'
import { prepareServiceForOrder } from '#certificates/actions/services_for_order'
import { enqueueInitialPin, INITIAL_PIN_PURPOSE } from '#certificates/actions/initial_pin'
import { heldCount, runIssueHooksAfterCommit } from '#certificates/actions/issue_hooks'

/**
 * What an approved order tells the certificates module.
 */
export interface OrderForIssue {
  orderNo: string
  userId: string
  /** an org's order (切换身份): the certificate belongs to the org */
  orgId?: string | null
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
  /**
   * a cloud certificate of an org: its initial PIN is random and goes by
   * SMS to the org's legal representative (002 §1.1), not the handler's
   * phone's last digits
   */
  pinTo?: { phone: string; name: string | null } | null
  /** a service order (更新, 变更, 补办): its type and the 我的证书 row it acts on */
  serviceType?: string
  serviceCertificateId?: string | null
  /** the product's renewal window (更新) */
  renewalWindowDays?: number
}

export { INITIAL_PIN_PURPOSE }

function isService(order: OrderForIssue) {
  return Boolean(order.serviceType && order.serviceType !== 'new' && order.serviceCertificateId)
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

/** a random 6-digit initial PIN (an org's cloud certificate) */
function randomPin() {
  return String(randomInt(0, 1_000_000)).padStart(6, '0')
}

/** what the initial PIN's SMS says of the certificate (#certificates/actions/initial_pin) */
function pinFacts(order: OrderForIssue, to: { phone: string; name: string | null }) {
  return {
    orderNo: order.orderNo,
    phone: to.phone,
    name: to.name,
    holderName: order.subjectOrgName ?? order.subjectName,
    productName: order.productName,
  }
}

async function record(
  order: OrderForIssue,
  fields: {
    serial: string
    encSerial: string | null
    credentialId: string | null
    notBefore: Date
    notAfter: Date
  },
  trx: TransactionClientContract
) {
  const previousCount = await heldCount(order.userId, trx)
  const certificate = await Certificate.create(
    {
      userId: order.userId,
      orgId: order.orgId ?? null,
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
        order.subjectType === 'org'
          ? (order.subjectOrgName ?? order.subjectName)
          : order.subjectName,
      subjectIdNumber: order.subjectType === 'org' ? order.subjectUscc : order.subjectIdNumber,
      subjectOrgName: order.subjectOrgName,
      notBefore: DateTime.fromJSDate(fields.notBefore),
      notAfter: DateTime.fromJSDate(fields.notAfter),
    },
    { client: trx }
  )
  /* other modules' hooks (e.g. the seals module's name seal) run once the issuance has committed */
  runIssueHooksAfterCommit(trx, certificate, previousCount)
  return certificate
}

function translate(error: unknown, field?: string): never {
  if (error instanceof IssuanceError) throw new CertificateIssueError(error.message, field)
  throw error
}

/**
 * A certificate for an order, ready to be issued inside the orders
 * module's transaction (issue 9 #1): `prepare…ForOrder` checks and
 * generates keys outside any transaction; `commit(trx)` issues (CA
 * record, credential, audit) and adds it to the holder's 我的证书 in that
 * one transaction, so the CA's certificate and the 我的证书 record commit
 * together or not at all. Called under the order's row lock, `commit`
 * first looks for what an earlier attempt left:
 * - a 我的证书 record of the order: returned as it is (nothing issued);
 * - certificates the CA issued for the order (reference = order number)
 *   that never reached 我的证书 (a crash between the two separate writes
 *   of versions before issue 9): recorded, not issued again.
 */
export interface OrderIssuePlan {
  commit(trx: TransactionClientContract, options?: { actor?: AuditActor }): Promise<Certificate>
}

/** what an earlier attempt for this order left, if anything */
async function earlierIssuance(
  order: OrderForIssue,
  keySource: 'cloud' | 'csr',
  trx: TransactionClientContract
) {
  const recorded = await Certificate.query({ client: trx })
    .where('order_no', order.orderNo)
    .orderBy('created_at', 'asc')
    .first()
  if (recorded) return recorded
  const byReference = await certificatesByReference(order.orderNo, trx)
  const issued = byReference.filter((c) => c.keySource === keySource && c.status !== 'revoked')
  if (keySource === 'cloud') {
    const signing = issued.find((c) => c.usage === 'sign' && c.credentialId)
    const encryption = issued.find(
      (c) => c.usage === 'encrypt' && c.credentialId === signing?.credentialId
    )
    if (!signing || !encryption) return null
    return record(
      order,
      {
        serial: signing.serial,
        encSerial: encryption.serial,
        credentialId: signing.credentialId,
        notBefore: signing.notBefore,
        notAfter: signing.notAfter,
      },
      trx
    )
  }
  const certificate = issued[0]
  if (!certificate) return null
  return record(
    order,
    {
      serial: certificate.serial,
      encSerial: null,
      credentialId: null,
      notBefore: certificate.notBefore,
      notAfter: certificate.notAfter,
    },
    trx
  )
}

export async function prepareCloudCertificateForOrder(
  order: OrderForIssue
): Promise<OrderIssuePlan> {
  const pin = order.pinTo ? randomPin() : defaultPin(order.handlerPhone)
  const pinTo = order.pinTo
  if (isService(order))
    return prepareServiceForOrder(order, {
      pin,
      // an org's reissued cloud keys: their PIN to the legal representative, as for 新办
      onNewKeys: pinTo ? (trx) => enqueueInitialPin(trx, pinFacts(order, pinTo), pin) : undefined,
    })
  const plan = await prepareCloudPair({
    profile: profileOf(order),
    subject: subjectOf(order),
    validity: { years: order.years },
    pin,
    reference: order.orderNo,
  }).catch((error) => translate(error))
  return {
    async commit(trx, options = {}) {
      const earlier = await earlierIssuance(order, 'cloud', trx)
      if (earlier) return earlier
      const pair = await plan.commit(trx, options).catch((error) => translate(error))
      const certificate = await record(
        order,
        {
          serial: pair.signing.serial,
          encSerial: pair.encryption.serial,
          credentialId: pair.credentialId,
          notBefore: pair.signing.notBefore,
          notAfter: pair.signing.notAfter,
        },
        trx
      )
      if (pinTo) await enqueueInitialPin(trx, pinFacts(order, pinTo), pin)
      faultPoint('certificates.after_record')
      return certificate
    },
  }
}

export async function prepareCsrCertificateForOrder(
  order: OrderForIssue,
  csrPem: string
): Promise<OrderIssuePlan> {
  if (isService(order)) return prepareServiceForOrder(order, { csrPem })
  const plan = await prepareIssueFromCsr({
    csrPem,
    profile: profileOf(order),
    subject: subjectOf(order),
    validity: { years: order.years },
    reference: order.orderNo,
  }).catch((error) => translate(error, 'csr'))
  return {
    async commit(trx, options = {}) {
      const earlier = await earlierIssuance(order, 'csr', trx)
      if (earlier) return earlier
      const info = await plan.commit(trx, options).catch((error) => translate(error, 'csr'))
      const certificate = await record(
        order,
        {
          serial: info.serial,
          encSerial: null,
          credentialId: null,
          notBefore: info.notBefore,
          notAfter: info.notAfter,
        },
        trx
      )
      faultPoint('certificates.after_record')
      return certificate
    },
  }
}

/**
 * Issue the signing + encryption pair of a cloud certificate for an
 * approved order and add it to the holder's 我的证书 (in a transaction of
 * its own; the orders module commits a plan in the order's transaction).
 */
export async function issueCloudCertificateForOrder(order: OrderForIssue, actor?: AuditActor) {
  const plan = await prepareCloudCertificateForOrder(order)
  return db.transaction((trx) => plan.commit(trx, { actor }))
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
  const plan = await prepareCsrCertificateForOrder(order, csrPem)
  return db.transaction((trx) => plan.commit(trx, { actor }))
}
