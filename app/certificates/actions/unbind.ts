import db from '@adonisjs/lucid/services/db'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import audit, { registerAuditActions } from '#core/audit/audit_service'
import type { CertificateView } from '#certificates/queries/certificates'
import { decideFor } from '#certificates/queries/certificate_services'
import CertificateUnbinding from '#certificates/models/certificate_unbinding'
import { CertificateActionError } from '#certificates/errors'

/**
 * 证书解绑 (manual 000 §2.5.3): a certificate unbound from an account of a
 * trading platform, so that it can be bound again. ONE record
 * (`certificate_unbindings`, owned here) whoever starts it:
 * - the holder on 我的证书 (证书解绑): when the platforms module knows the
 *   account (its registered unbinder), the platform's binding is undone
 *   in the same transaction and the record is 已解绑; otherwise it is
 *   已登记 until the platform unbinds it;
 * - the holder on 我的交易平台 (the platforms module): the platforms module
 *   calls `recordPlatformUnbinding` in its own transaction (已解绑).
 * Each writes one audit entry, `certificates.certificate.unbind`.
 */
registerAuditActions({ 'certificates.certificate.unbind': '证书解绑' })

export const UNBIND_STATUSES = { recorded: '已登记，待平台解绑', done: '已解绑' } as const

/**
 * The platforms module's part (registered at its boot): undo the binding
 * of this certificate to the holder's account named `platformAccount`,
 * inside the transaction; null when no such binding is known.
 */
export type PlatformUnbinder = (
  input: { certificateId: string; userId: string; platformAccount: string },
  trx: TransactionClientContract
) => Promise<{ platformName: string; accountId: string } | null>

let platformUnbinder: PlatformUnbinder | null = null

export function registerPlatformUnbinder(unbinder: PlatformUnbinder) {
  platformUnbinder = unbinder
}

export async function unbindingsOf(certificateId: string) {
  return CertificateUnbinding.query()
    .where('certificate_id', certificateId)
    .orderBy('created_at', 'desc')
}

interface UnbindingRecord {
  certificateId: string
  serial: string
  userId: string
  platformName: string
  platformAccount: string
  reason?: string | null
  status: 'recorded' | 'done'
  /** the platforms module's account, when it undid the binding */
  accountId?: string | null
}

/** the one row and the one audit entry of an unbinding, in the caller's transaction */
async function writeUnbinding(record: UnbindingRecord, trx: TransactionClientContract) {
  const row = await CertificateUnbinding.create(
    {
      certificateId: record.certificateId,
      userId: record.userId,
      platformName: record.platformName,
      platformAccount: record.platformAccount,
      reason: record.reason ?? null,
      status: record.status,
    },
    { client: trx }
  )
  await audit.record(
    {
      action: 'certificates.certificate.unbind',
      subjectType: 'certificate',
      subjectId: record.serial,
      data: {
        platform: record.platformName,
        account: record.platformAccount,
        status: record.status,
        ...(record.accountId ? { platformAccountId: record.accountId } : {}),
      },
    },
    trx
  )
  return row
}

/** 证书解绑 by the holder on 我的证书 */
export async function recordUnbinding(
  view: CertificateView,
  userId: string,
  input: { platformAccount: string; reason?: string | null }
) {
  const decision = await decideFor(view, 'unbind')
  if (!decision.allowed) throw new CertificateActionError(decision.reason, { status: 409 })
  return db.transaction(async (trx) => {
    const undone = platformUnbinder
      ? await platformUnbinder(
          { certificateId: view.certificate.id, userId, platformAccount: input.platformAccount },
          trx
        )
      : null
    return writeUnbinding(
      {
        certificateId: view.certificate.id,
        serial: view.certificate.serial,
        userId,
        platformName: undone?.platformName ?? view.certificate.platformName,
        platformAccount: input.platformAccount,
        reason: input.reason,
        status: undone ? 'done' : 'recorded',
        accountId: undone?.accountId,
      },
      trx
    )
  })
}

/** 证书解绑 done by the platforms module (我的交易平台), in its transaction */
export function recordPlatformUnbinding(
  input: {
    certificateId: string
    serial: string
    userId: string
    platformName: string
    platformAccount: string
    accountId: string
  },
  trx: TransactionClientContract
) {
  return writeUnbinding({ ...input, status: 'done' }, trx)
}
