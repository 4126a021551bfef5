import logger from '@adonisjs/core/services/logger'
import type { DateTime } from 'luxon'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import Certificate from '#certificates/models/certificate'

/**
 * What other modules do when a certificate is added to a holder's 我的证书
 * (a registry filled at boot): e.g. the seals module makes a person's
 * name seal with their first certificate. Called after the certificate is
 * stored; a failing hook is logged and does not undo the issuance.
 */
export interface IssuedCertificate {
  id: string
  userId: string
  serial: string
  certKind: string
  subjectName: string
  subjectIdNumber: string | null
  subjectOrgName: string | null
  notAfter: DateTime
  /** the order it was issued for, and the order's trading platform (catalog id) */
  orderNo?: string
  platformId?: string
  /** the holder's certificates before this one */
  previousCount: number
}

export type IssueHook = (certificate: IssuedCertificate) => Promise<unknown>

const hooks = new Map<string, IssueHook>()

export function onCertificateIssued(name: string, hook: IssueHook) {
  hooks.set(name, hook)
}

export async function runIssueHooks(certificate: IssuedCertificate) {
  for (const [name, hook] of hooks) {
    try {
      await hook(certificate)
    } catch (error) {
      logger.error(
        { err: error, hook: name, serial: certificate.serial },
        'certificate issue hook failed'
      )
    }
  }
}

/** the holder's 我的证书 rows so far (counted before a new one is added) */
export async function heldCount(userId: string, trx: TransactionClientContract) {
  const rows = await Certificate.query({ client: trx }).where('user_id', userId).count('* as total')
  return Number(rows[0].$extras.total)
}

/**
 * The hooks of a certificate just added to 我的证书 in `trx`, run once the
 * issuance has committed (a rolled-back issuance tells nobody): new orders
 * and service orders (更新, 变更, 补办) alike, once per new certificate —
 * a retry finds the row recorded and adds nothing, so runs nothing.
 */
export function runIssueHooksAfterCommit(
  trx: TransactionClientContract,
  certificate: Certificate,
  previousCount: number
) {
  trx.after('commit', () =>
    runIssueHooks({
      id: certificate.id,
      userId: certificate.userId,
      serial: certificate.serial,
      certKind: certificate.certKind,
      subjectName: certificate.subjectName,
      subjectIdNumber: certificate.subjectIdNumber,
      subjectOrgName: certificate.subjectOrgName,
      notAfter: certificate.notAfter,
      orderNo: certificate.orderNo,
      platformId: certificate.platformId,
      previousCount,
    })
  )
}
