import type { AuditActor } from '#core/audit/audit_service'
import { revoke } from '#issuance/actions/certificate_status'
import { certificateStatus } from '#issuance/queries/certificates'
import Certificate from '#certificates/models/certificate'

/**
 * An order's certificates revoked (a refunded order, where the office's
 * rule says so): `cessationOfOperation`, each once (a certificate already
 * revoked is skipped, so this may be run again after a crash).
 */
export async function revokeCertificatesOfOrder(orderNo: string, note: string, actor?: AuditActor) {
  const rows = await Certificate.query().where('order_no', orderNo)
  const revoked: string[] = []
  for (const row of rows) {
    const live = await certificateStatus(row.serial)
    if (!live || live.status === 'revoked' || live.status === 'expired') continue
    await revoke(row.serial, 'cessationOfOperation', { note: note.slice(0, 200), actor })
    revoked.push(row.serial)
  }
  return revoked
}
