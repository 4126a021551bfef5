import { IssuanceError } from '#issuance/services/errors'
import type { CrlReason } from '#issuance/services/oids'

/**
 * Certificate statuses as users see them. "expired" is never stored: it
 * follows from notAfter.
 */
export const CERTIFICATE_STATUSES = {
  valid: '正常',
  suspended: '冻结',
  revoked: '已注销',
  expired: '已过期',
} as const

export type CertificateStatus = keyof typeof CERTIFICATE_STATUSES
export type StoredStatus = Exclude<CertificateStatus, 'expired'>

export const STATUS_TONES: Record<CertificateStatus, string> = {
  valid: 'success',
  suspended: 'warning',
  revoked: 'danger',
  expired: 'muted',
}

/**
 * The state machine of an issued certificate: the only transitions there
 * are. Each one is applied by services/status_changes.ts in one
 * transaction with a new CRL and one audit entry.
 */
export const TRANSITIONS = {
  suspend: { from: ['valid'], to: 'suspended', label: '冻结' },
  resume: { from: ['suspended'], to: 'valid', label: '解冻' },
  revoke: { from: ['valid', 'suspended'], to: 'revoked', label: '注销' },
} as const satisfies Record<string, { from: StoredStatus[]; to: StoredStatus; label: string }>

export type Transition = keyof typeof TRANSITIONS

/**
 * Why a certificate is revoked (RFC 5280 reason codes; certificateHold is
 * "suspend", not a revocation).
 */
export const REVOCATION_REASONS = {
  keyCompromise: '密钥泄露或丢失',
  affiliationChanged: '证书信息变更',
  superseded: '已被新证书替代（更新、补办）',
  cessationOfOperation: '不再使用（注销）',
  privilegeWithdrawn: '资格被撤销',
  unspecified: '未说明原因',
} as const satisfies Partial<Record<CrlReason, string>>

export type RevocationReason = keyof typeof REVOCATION_REASONS

export function isRevocationReason(value: unknown): value is RevocationReason {
  return typeof value === 'string' && value in REVOCATION_REASONS
}

export function reasonLabel(reason: string | null | undefined): string {
  if (!reason) return ''
  if (reason === 'certificateHold') return '冻结'
  return (REVOCATION_REASONS as Record<string, string>)[reason] ?? reason
}

/**
 * Refuse a transition the state machine does not allow, in Chinese.
 */
export function assertTransition(
  transition: Transition,
  current: StoredStatus,
  notAfter: Date,
  now = new Date()
): StoredStatus {
  const rule = TRANSITIONS[transition]
  if (!(rule.from as readonly StoredStatus[]).includes(current)) {
    const messages: Record<Transition, string> = {
      suspend: current === 'suspended' ? '证书已处于冻结状态' : '证书已注销，不能冻结',
      resume: current === 'valid' ? '证书未被冻结，无需解冻' : '证书已注销，不能解冻',
      revoke: '证书已注销，不能重复注销',
    }
    throw new IssuanceError('transition_invalid', messages[transition], { current, transition })
  }
  if (notAfter.getTime() < now.getTime()) {
    throw new IssuanceError('expired', `证书已过期，不能${rule.label}`)
  }
  return rule.to
}
