/**
 * The issuance module's vocabulary for other modules' pages: profiles,
 * usages, statuses (正常, 冻结, 已注销, 已过期) with badge tones, the
 * certificate lifecycle, and revocation reasons.
 */
export {
  PROFILES,
  PROFILE_KEYS,
  USAGES,
  type Profile,
  type Usage,
  type SubjectInput,
} from '#issuance/services/profiles'
export {
  CERTIFICATE_STATUSES,
  STATUS_TONES,
  REVOCATION_REASONS,
  certificateLifecycle,
  reasonLabel,
  isRevocationReason,
  type CertificateStatus,
  type RevocationReason,
} from '#issuance/certificate_lifecycle'
export type { CertificateInfo, CloudPairInfo } from '#issuance/services/records'
