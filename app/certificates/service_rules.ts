import { formatDate } from '#core/time'
import { renewalTerm } from '#issuance/queries/renewal'

/**
 * What a holder may do with a certificate, and why not: pure functions,
 * unit-tested (tests/unit/certificates/service_rules.spec.ts). The pages
 * (我的证书, 自助服务) show each action, disabled with its reason; the
 * actions check the same rule again before acting.
 *
 * Written for a certificate, not for a person: an organisation's
 * certificate takes the same rules (subjectType 'org' only changes
 * 授权 and who reviews a renewal).
 */

export const CERTIFICATE_SERVICES = {
  renew: '续期',
  change: '变更',
  reissue: '补办',
  unlock: '解锁',
  revoke: '注销',
  suspend: '冻结',
  resume: '解冻',
  authorise: '授权',
  unbind: '解绑',
} as const

export type CertificateService = keyof typeof CERTIFICATE_SERVICES

/** the CA's status of the certificate (expired follows from notAfter) */
export type CaStatus = 'valid' | 'suspended' | 'revoked' | 'expired' | 'unknown'

export interface CertificateFacts {
  caStatus: CaStatus
  medium: string
  subjectType: 'person' | 'org'
  notAfter: Date
  /** the product's renewal window (days before expiry) */
  windowDays: number
  /** the product lets the holder 冻结/解冻 */
  holderSuspend: boolean
  /** an unfinished service order (更新/变更/补办…) for this certificate */
  openOrder?: { orderNo: string; label: string } | null
  now?: Date
  /** days after expiry a renewal is still allowed (365) */
  maxExpiredDays?: number
}

export type ServiceDecision = { allowed: true } | { allowed: false; reason: string }

const ok: ServiceDecision = { allowed: true }
const no = (reason: string): ServiceDecision => ({ allowed: false, reason })

/**
 * The renewal window (更新/年检/延期): from `windowDays` before expiry
 * until `maxExpiredDays` (365) after it; longer expired → 新办. The same
 * rule the CA applies when it renews (#issuance/queries/renewal).
 */
export function renewalWindow(input: {
  notAfter: Date
  windowDays: number
  now?: Date
  maxExpiredDays?: number
}): ServiceDecision & { opensAt?: Date } {
  const decision = renewalTerm({ ...input, years: 1 })
  if (decision.allowed) return ok
  return { allowed: false, reason: decision.reason, opensAt: decision.opensAt }
}

/**
 * The new validity of a renewal: an unexpired certificate's new term runs
 * on from its old expiry, an expired one's from issuance (now).
 */
export function renewedValidity(input: {
  notAfter: Date
  years: number
  windowDays: number
  now?: Date
}) {
  const decision = renewalTerm(input)
  if (!decision.allowed) return { allowed: false as const, reason: decision.reason }
  return {
    allowed: true as const,
    expired: decision.expired,
    runsFrom: decision.runsFrom,
    notBefore: decision.termStart,
    notAfter: decision.notAfter,
    /** 新有效期 as the confirm page says it (the new certificate is valid from its issuance) */
    text: decision.expired
      ? `签发之日起至 ${formatDate(decision.notAfter)}（证书已过期，自签发之日起算 ${input.years} 年）`
      : `签发之日起至 ${formatDate(decision.notAfter)}（自原证书到期日 ${formatDate(decision.termStart)} 起顺延 ${input.years} 年）`,
  }
}

function gone(facts: CertificateFacts, verb: string): ServiceDecision | null {
  if (facts.caStatus === 'revoked' || facts.caStatus === 'unknown')
    return no(`证书已注销，不能${verb}，请重新申请（新办）`)
  return null
}

function busy(facts: CertificateFacts): ServiceDecision | null {
  if (!facts.openOrder) return null
  return no(
    `该证书有办理中的${facts.openOrder.label}订单（订单号 ${facts.openOrder.orderNo}），请先完成或取消该订单`
  )
}

function frozen(facts: CertificateFacts, verb: string): ServiceDecision | null {
  return facts.caStatus === 'suspended' ? no(`证书已冻结，请先解冻后再${verb}`) : null
}

/**
 * One action on one certificate: allowed, or the reason it is not.
 */
export function decideService(
  facts: CertificateFacts,
  service: CertificateService
): ServiceDecision {
  const now = facts.now ?? new Date()
  switch (service) {
    case 'renew': {
      const refused = gone(facts, '续期') ?? frozen(facts, '续期') ?? busy(facts)
      if (refused) return refused
      const window = renewalWindow({
        notAfter: facts.notAfter,
        windowDays: facts.windowDays,
        now,
        maxExpiredDays: facts.maxExpiredDays,
      })
      return window.allowed ? ok : no(window.reason)
    }
    case 'change':
      return (
        gone(facts, '变更') ??
        (facts.caStatus === 'expired' ? no('证书已过期，请办理更新（可选择“变更+更新”）') : null) ??
        frozen(facts, '变更') ??
        busy(facts) ??
        ok
      )
    case 'reissue':
      return (
        gone(facts, '补办') ??
        (facts.caStatus === 'expired' ? no('证书已过期，请办理更新（可选择“更新+补办”）') : null) ??
        busy(facts) ??
        ok
      )
    case 'unlock':
      return (
        gone(facts, '解锁') ??
        (facts.caStatus === 'expired' ? no('证书已过期，无需解锁，请办理更新') : null) ??
        ok
      )
    case 'revoke':
      if (facts.caStatus === 'revoked' || facts.caStatus === 'unknown') return no('证书已注销')
      if (facts.caStatus === 'expired') return no('证书已过期，已自动失效，无需注销')
      return busy(facts) ?? ok
    case 'suspend':
      if (!facts.holderSuspend) return no('该产品不支持自助冻结，请联系客服办理')
      if (facts.caStatus === 'suspended') return no('证书已冻结')
      if (facts.caStatus !== 'valid') return no('只有状态正常的证书可以冻结')
      return ok
    case 'resume':
      if (!facts.holderSuspend) return no('该产品不支持自助解冻，请联系客服办理')
      if (facts.caStatus !== 'suspended') return no('只有已冻结的证书可以解冻')
      return ok
    case 'authorise':
      if (facts.subjectType === 'person') return no('个人证书仅限本人使用，不能授权他人')
      return gone(facts, '授权') ?? ok
    case 'unbind':
      return gone(facts, '解绑') ?? ok
  }
}

/**
 * Every action with its decision, in the order the pages show them.
 */
export function certificateServices(facts: CertificateFacts) {
  return (Object.keys(CERTIFICATE_SERVICES) as CertificateService[])
    .filter((s) => (facts.caStatus === 'suspended' ? s !== 'suspend' : s !== 'resume'))
    .map((service) => ({
      service,
      label: CERTIFICATE_SERVICES[service],
      ...decideService(facts, service),
    }))
}

/**
 * Services that go together in one order (one payment, one review, one
 * new certificate): 变更+更新, 更新+补办. 变更+补办 is not offered.
 */
export function combinedService(services: Array<'renew' | 'change' | 'reissue'>):
  | {
      allowed: true
      serviceType: 'renew' | 'change' | 'reissue' | 'change_renew' | 'renew_reissue'
    }
  | { allowed: false; reason: string } {
  const set = new Set(services)
  if (set.size === 0) return { allowed: false, reason: '请选择要办理的业务' }
  if (set.size === 1) return { allowed: true, serviceType: [...set][0] }
  if (set.size === 2 && set.has('change') && set.has('renew'))
    return { allowed: true, serviceType: 'change_renew' }
  if (set.size === 2 && set.has('renew') && set.has('reissue'))
    return { allowed: true, serviceType: 'renew_reissue' }
  return { allowed: false, reason: '只能组合办理“变更+更新”或“更新+补办”' }
}

/**
 * 解锁: the first unlock of a certificate needs the same identity check
 * as a new application; later ones an SMS code to the reserved phone.
 */
export function unlockCheck(previousUnlocks: number): 'identity' | 'sms' {
  return previousUnlocks > 0 ? 'sms' : 'identity'
}
