import { urlFor } from '@adonisjs/core/services/url_builder'
import { formatDate } from '#core/time'
import { ukeyUnlockProvider } from '#certificates/services/ukey_unlock/index'
import type Certificate from '#certificates/models/certificate'
import type { CertificateView } from '#certificates/queries/certificates'
import {
  certificateServices,
  decideService,
  renewalWindow,
  type CertificateFacts,
  type CertificateService,
  type ServiceDecision,
} from '#certificates/service_rules'

/**
 * What the certificates module cannot know by itself about a certificate:
 * its product's rules (renewal window, whether the holder may suspend it),
 * an unfinished service order for it, and where 续期/变更/补办 are applied
 * for. The orders module provides it at boot (its registrations.ts); the
 * module stays below orders (#core/home_sections is the same idiom).
 */
export interface ServiceContext {
  windowDays: number
  holderSuspend: boolean
  openOrder: { orderNo: string; label: string } | null
  /** pages of the services applied for through an order, by service */
  links: Partial<Record<CertificateService, string>>
}

type ContextProvider = (certificate: Certificate) => Promise<ServiceContext>

let provider: ContextProvider | null = null

export function provideServiceContext(fn: ContextProvider) {
  provider = fn
}

const DEFAULT_CONTEXT: ServiceContext = {
  windowDays: 90,
  holderSuspend: true,
  openOrder: null,
  links: {},
}

export async function serviceContext(certificate: Certificate): Promise<ServiceContext> {
  return provider ? provider(certificate) : DEFAULT_CONTEXT
}

/**
 * The pages of the services this module does itself (the others are
 * applied for through an order: ServiceContext.links).
 */
const OWN_PAGES: Partial<Record<CertificateService, string>> = {
  revoke: 'certificates.revoke.form',
  suspend: 'certificates.suspend.form',
  resume: 'certificates.suspend.form',
  unlock: 'certificates.unlock.form',
  unbind: 'certificates.unbind.form',
  authorise: 'certificates.grants.index',
}

function hrefOf(service: CertificateService, id: string, context: ServiceContext) {
  if (context.links[service]) return context.links[service]!
  const route = OWN_PAGES[service]
  return route ? urlFor(route as any, { id } as any) : null
}

const NOT_OPEN = '该业务暂未开放在线办理，请联系客服'

export function factsOf(view: CertificateView, context: ServiceContext): CertificateFacts {
  const c = view.certificate
  return {
    caStatus: view.caStatus,
    medium: c.medium,
    subjectType: c.certKind === 'enterprise' ? 'org' : 'person',
    notAfter: c.notAfter.toJSDate(),
    windowDays: context.windowDays,
    holderSuspend: context.holderSuspend,
    openOrder: context.openOrder,
  }
}

/**
 * The actions 我的证书 shows for a certificate, each with its page (when
 * allowed) or the reason it is not.
 */
export async function servicesFor(view: CertificateView) {
  const context = await serviceContext(view.certificate)
  const id = view.certificate.id
  return certificateServices(factsOf(view, context)).map((item) => {
    const href = hrefOf(item.service, id, context)
    const allowed = item.allowed && href !== null
    return {
      service: item.service,
      label: item.label,
      allowed,
      reason: item.allowed ? (allowed ? null : NOT_OPEN) : item.reason,
      href: allowed ? href : null,
    }
  })
}

/**
 * One service, decided again right before it is done (the page may be old).
 */
export async function decideFor(
  view: CertificateView,
  service: CertificateService
): Promise<ServiceDecision> {
  const context = await serviceContext(view.certificate)
  return decideService(factsOf(view, context), service)
}

/** the uKey unlock provider's 沙箱 rules (null when a real service answers) */
export function ukeySandboxRules(): string | null {
  const unlock = ukeyUnlockProvider()
  return unlock.sandbox ? (unlock.rules ?? '沙箱') : null
}

/** the rules themselves, for the pages of other modules (pure) */
export {
  renewedValidity,
  renewalWindow,
  combinedService,
  CERTIFICATE_SERVICES,
} from '#certificates/service_rules'

/**
 * 首页 · 证书续期: the holder's certificates in use that expire within
 * their renewal window or expired ≤ 365 days ago, with 续期 when it is
 * open (an open order or a frozen certificate say why not).
 */
export async function renewalsDue(userId: string) {
  const { ownCertificates } = await import('#certificates/queries/certificates')
  const views = await ownCertificates(userId)
  const due = []
  for (const view of views) {
    if (view.caStatus !== 'valid' && view.caStatus !== 'expired') continue
    const context = await serviceContext(view.certificate)
    const facts = factsOf(view, context)
    const window = renewalWindow({ notAfter: facts.notAfter, windowDays: facts.windowDays })
    if (!window.allowed) continue
    const decision = decideService(facts, 'renew')
    due.push({
      title: view.certificate.productName,
      detail:
        view.caStatus === 'expired'
          ? `已于 ${formatDate(view.certificate.notAfter)} 过期`
          : `${formatDate(view.certificate.notAfter)} 到期（剩余 ${Math.max(view.daysLeft, 0)} 天）`,
      href: `/certificates/${view.certificate.id}`,
      renewHref: decision.allowed ? (context.links.renew ?? null) : null,
    })
  }
  return due
}
