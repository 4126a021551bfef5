import { SHARED_STATES, defineLifecycle, type StateDefinition, type Tone } from '#core/lifecycle'
import type { CrlReason } from '#issuance/services/oids'

/**
 * The lifecycle of an issued certificate (#core/lifecycle): the stored
 * states valid → suspended → valid, and valid | suspended → revoked.
 * `services/status_changes.ts` is the one place that applies an event: a
 * guarded UPDATE of the certificate (and its cloud pair), the issuer's new
 * CRL and the one audit entry `issuance.certificate.<event>`, in one
 * transaction.
 *
 * "expired" is never stored: it follows from notAfter (the model's
 * `effectiveStatus`), and an expired certificate takes no event.
 */
export const certificateLifecycle = defineLifecycle({
  name: 'issuance.certificate',
  subject: 'issued_certificate',
  noun: '证书',
  states: {
    valid: SHARED_STATES.normal,
    suspended: { label: '冻结', tone: 'warning' },
    revoked: { label: '已注销', tone: 'danger' },
  },
  events: {
    // the audit labels are those the log has always shown for these actions
    suspend: { label: '冻结', auditLabel: '冻结证书', transitions: [['valid', 'suspended']] },
    resume: { label: '解冻', auditLabel: '解冻证书', transitions: [['suspended', 'valid']] },
    revoke: {
      label: '注销',
      auditLabel: '注销证书',
      transitions: [
        ['valid', 'revoked'],
        ['suspended', 'revoked'],
      ],
    },
  },
})

export type StoredStatus = keyof typeof certificateLifecycle.states
export type CertificateEvent = keyof typeof certificateLifecycle.events
export type CertificateStatus = StoredStatus | 'expired'

/** the derived state: past notAfter and not revoked */
const EXPIRED: StateDefinition = SHARED_STATES.expired

/**
 * Certificate statuses as users see them (正常, 冻结, 已注销, 已过期):
 * the machine's states plus the derived "expired".
 */
export const CERTIFICATE_STATUSES = {
  ...certificateLifecycle.labels(),
  expired: EXPIRED.label,
} as Record<CertificateStatus, string>

export const STATUS_TONES = {
  ...Object.fromEntries(
    certificateLifecycle.stateKeys.map((s) => [s, certificateLifecycle.tone(s)])
  ),
  expired: EXPIRED.tone,
} as Record<CertificateStatus, Tone>

/**
 * Why an event is refused from a state, in the words the CA has always
 * used (the machine's default sentence otherwise).
 */
const REFUSALS: Record<CertificateEvent, Partial<Record<StoredStatus, string>>> = {
  suspend: { suspended: '证书已处于冻结状态', revoked: '证书已注销，不能冻结' },
  resume: { valid: '证书未被冻结，无需解冻', revoked: '证书已注销，不能解冻' },
  revoke: { revoked: '证书已注销，不能重复注销' },
}

export function refusalOf(event: CertificateEvent, from: StoredStatus): string {
  return REFUSALS[event][from] ?? certificateLifecycle.refusal(event, from)
}

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
