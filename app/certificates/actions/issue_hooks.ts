import logger from '@adonisjs/core/services/logger'
import type { DateTime } from 'luxon'

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
