import { revoke, resume, suspend } from '#issuance/actions/certificate_status'
import { IssuanceError } from '#issuance/actions/errors'
import type { CertificateView } from '#certificates/queries/certificates'
import { decideFor } from '#certificates/queries/certificate_services'
import { CertificateActionError } from '#certificates/errors'

/**
 * The holder's own 注销, 冻结 and 解冻 (free, immediate: the CA publishes a
 * new CRL and answers OCSP with the new status at once, and audits it).
 * Each is decided by the service rules first (#certificates/service_rules).
 */

export const REVOKE_WARNINGS = [
  '所关联的印章将自动注销',
  '无法进行历史数据的解密，该操作不可逆',
] as const

async function asHolder<T>(run: () => Promise<T>, field: string): Promise<T> {
  try {
    return await run()
  } catch (error) {
    if (error instanceof IssuanceError)
      throw new CertificateActionError(error.message, { field, status: error.status })
    throw error
  }
}

async function allowed(
  view: CertificateView,
  service: 'revoke' | 'suspend' | 'resume',
  field: string
) {
  const decision = await decideFor(view, service)
  if (!decision.allowed) throw new CertificateActionError(decision.reason, { field, status: 409 })
}

/**
 * 注销 by the holder: the signing certificate (and a cloud pair's
 * encryption certificate with it) revoked as cessationOfOperation.
 */
export async function revokeByHolder(view: CertificateView, input: { reason?: string | null }) {
  await allowed(view, 'revoke', 'confirm')
  const note = input.reason ? `持有人自助注销：${input.reason}` : '持有人自助注销'
  return asHolder(
    () => revoke(view.certificate.serial, 'cessationOfOperation', { note }),
    'confirm'
  )
}

export async function suspendByHolder(view: CertificateView, input: { reason?: string | null }) {
  await allowed(view, 'suspend', 'reason')
  const note = input.reason ? `持有人自助冻结：${input.reason}` : '持有人自助冻结'
  return asHolder(() => suspend(view.certificate.serial, { note }), 'reason')
}

export async function resumeByHolder(view: CertificateView) {
  await allowed(view, 'resume', 'reason')
  return asHolder(() => resume(view.certificate.serial, { note: '持有人自助解冻' }), 'reason')
}
