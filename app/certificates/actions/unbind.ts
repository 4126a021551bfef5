import db from '@adonisjs/lucid/services/db'
import audit, { registerAuditActions } from '#core/audit/audit_service'
import type { CertificateView } from '#certificates/queries/certificates'
import { decideFor } from '#certificates/queries/certificate_services'
import CertificateUnbinding from '#certificates/models/certificate_unbinding'
import { CertificateActionError } from '#certificates/errors'

/**
 * 证书解绑 (manual 000 §2.5.3): the holder records that the certificate is
 * to be unbound from an account of a trading platform, so that it can be
 * bound again. The platforms module will tell the platform and mark the
 * record done; until then the record is 已登记.
 */
registerAuditActions({ 'certificates.certificate.unbind': '证书解绑登记' })

export const UNBIND_STATUSES = { recorded: '已登记，待平台解绑', done: '已解绑' } as const

export async function unbindingsOf(certificateId: string) {
  return CertificateUnbinding.query()
    .where('certificate_id', certificateId)
    .orderBy('created_at', 'desc')
}

export async function recordUnbinding(
  view: CertificateView,
  userId: string,
  input: { platformAccount: string; reason?: string | null }
) {
  const decision = await decideFor(view, 'unbind')
  if (!decision.allowed) throw new CertificateActionError(decision.reason, { status: 409 })
  return db.transaction(async (trx) => {
    const row = await CertificateUnbinding.create(
      {
        certificateId: view.certificate.id,
        userId,
        platformName: view.certificate.platformName,
        platformAccount: input.platformAccount,
        reason: input.reason ?? null,
        status: 'recorded',
      },
      { client: trx }
    )
    await audit.record(
      {
        action: 'certificates.certificate.unbind',
        subjectType: 'certificate',
        subjectId: view.certificate.serial,
        data: { platform: view.certificate.platformName, account: input.platformAccount },
      },
      trx
    )
    return row
  })
}
