import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import { withLock } from '#core/locks'
import { NotFoundError } from '#core/rule_error'
import { formatFen } from '#core/money'
import {
  findProductForOrder,
  serviceFee,
  serviceNeedsReview,
  type PricedService,
} from '#catalog/queries/products'
import type { ApplicantSummary } from '#accounts/queries/users'
import { findOrg } from '#orgs/queries/orgs'
import type { ActingIdentity } from '#orgs/queries/acting'
import { findOwnCertificate } from '#certificates/queries/certificates'
import { decideFor } from '#certificates/queries/certificate_services'
import { renewedValidity } from '#certificates/queries/certificate_services'
import { createOrder, handlerFieldsOf } from '#orders/actions/apply'
import Order, { type ProductSnapshot, type ServiceDetails } from '#orders/models/order'
import { AGREEMENT_VERSION, SERVICE_TYPES } from '#orders/labels'
import { OrderError } from '#orders/errors'

/**
 * Service orders for a certificate the applicant holds (更新, 变更, 补办):
 * the same order, wizard, payment and review as 新办, started from the
 * certificate (pick certificate → rules shown → details → materials →
 * delivery where a new key is needed → confirm with the new validity →
 * pay → review where the product says → issue).
 *
 * Written for a certificate, not for a person: an organisation's
 * certificate takes the same path, done acting for the org (切换身份):
 * the order belongs to the org, its 被授权人 (经办人) is the member who
 * acts — a new one who is not the legal representative uploads a new
 * 授权委托书 — its renewal is reviewed by default (the product's
 * 更新审核), and 变更 takes the org's name as the orgs module has it now.
 */

/** who starts a service order: the person, and the org they act for (切换身份) if any */
export type ServiceActor = Pick<
  Extract<ActingIdentity, { kind: 'org' }>,
  'org' | 'isLegalRep'
> | null

/** the synthetic material an org's order asks for when its 被授权人 is replaced */
export const NEW_LETTER_MATERIAL_ID = 'authorization-letter-new-handler'

/** the services an order may ask for: those certificates can prepare */
export const CERTIFICATE_ORDER_SERVICES = [
  'renew',
  'change',
  'reissue',
  'change_renew',
  'renew_reissue',
] as const
export type CertificateOrderService = (typeof CERTIFICATE_ORDER_SERVICES)[number]

/** orders that no longer hold the certificate */
const CLOSED = ['completed', 'cancelled', 'refunded']

/**
 * The bid warning (manual 001), in plain words: what happens to a sealed
 * bid made with the old key.
 */
export const BID_WARNING =
  '办理后原证书将立即作废（更新、变更、补办都会签发新证书）。如果您用原证书加密的投标文件尚未开标，开标时将无法解密，投标可能无效。请确认没有尚未开标的投标文件后再办理。'

/** the unfinished service order of a certificate, if any */
export async function openServiceOrder(certificateId: string) {
  return Order.query()
    .where('certificate_id', certificateId)
    .whereNotIn('status', CLOSED)
    .orderBy('created_at', 'desc')
    .first()
}

/** does the service issue on a new key (a new uKey or new cloud keys)? */
function needsNewKey(service: CertificateOrderService) {
  return service === 'reissue' || service === 'renew_reissue'
}

/** a combination is decided by its renewal (the window), 变更 or 补办 by their own rule */
export function ruleOf(service: CertificateOrderService): 'renew' | 'change' | 'reissue' {
  return service === 'change_renew' || service === 'renew_reissue' ? 'renew' : service
}

/** the services that renew the term */
function renews(service: CertificateOrderService) {
  return service === 'renew' || service === 'change_renew' || service === 'renew_reissue'
}

/**
 * An org's certificate is serviced acting for that org; a person's own
 * certificate acting as 自然人.
 */
async function refuseOtherIdentity(orgId: string | null, acting: ServiceActor) {
  if (orgId && acting?.org.id !== orgId) {
    const org = await findOrg(orgId)
    throw new OrderError(`该证书属于机构“${org?.name ?? ''}”，请先在“切换身份”中选择该机构后办理`, {
      status: 409,
    })
  }
  if (!orgId && acting)
    throw new OrderError('该证书为个人证书，请先切换为自然人身份后办理', { status: 409 })
}

/**
 * What the service page shows before the order exists: the certificate,
 * the rules' decision, the fee and, for 更新, the new validity.
 */
export async function servicePreview(
  applicant: ApplicantSummary,
  certificateId: unknown,
  service: CertificateOrderService,
  years?: number,
  acting: ServiceActor = null
) {
  const view = await findOwnCertificate(applicant.id, certificateId)
  if (!view) throw new NotFoundError()
  await refuseOtherIdentity(view.certificate.orgId, acting)
  const decision = await decideFor(view, ruleOf(service))
  const origin = await Order.query().where('order_no', view.certificate.orderNo).first()
  const product = origin
    ? await findProductForOrder(origin.productId, { includeInactive: true })
    : null
  const windowDays = origin?.productSnapshot?.renewalWindowDays ?? 90
  const options = product?.validityOptions.map((o) => o.years) ?? [1]
  const chosen = years && options.includes(years) ? years : (origin?.years ?? options[0] ?? 1)
  const quote = product ? serviceFee(product, service as PricedService, chosen) : null
  const validity = renews(service)
    ? renewedValidity({
        notAfter: view.certificate.notAfter.toJSDate(),
        years: chosen,
        windowDays,
      })
    : null
  return { view, decision, origin, product, windowDays, options, years: chosen, quote, validity }
}

/**
 * 开始办理: a draft service order for the certificate, refused when the
 * rules say no (outside the window, >365 days, revoked, frozen…), when
 * another service order of the certificate is still open, and without the
 * bid warning confirmed. Another holder's certificate is a 404.
 */
export async function startServiceOrder(
  applicant: ApplicantSummary,
  certificateId: unknown,
  input: { service: CertificateOrderService; years?: number; bidWarning: boolean },
  acting: ServiceActor = null
) {
  const preview = await servicePreview(applicant, certificateId, input.service, input.years, acting)
  const { view, decision, origin, product, quote } = preview
  if (!decision.allowed) throw new OrderError(decision.reason, { status: 409 })
  if (!origin || !product)
    throw new OrderError('该证书的产品已不再提供，请联系客服办理', { status: 409 })
  if (!quote?.ok) throw new OrderError(quote?.message ?? '请选择有效期', 'years')
  if (!input.bidWarning) throw new OrderError('请确认没有尚未开标的投标文件', 'bid_warning')
  const certificate = view.certificate
  const subject = await serviceSubject(applicant, origin, input.service, certificate.orgId)
  const handler = serviceHandler(applicant, origin, acting)

  return withLock(`certificate-service:${certificate.id}`, async () => {
    const open = await openServiceOrder(certificate.id)
    if (open) {
      throw new OrderError(
        `该证书已有办理中的${SERVICE_TYPES[open.serviceType] ?? ''}订单（订单号 ${open.orderNo}），请先完成或取消该订单`,
        { status: 409 }
      )
    }
    const newKey = needsNewKey(input.service)
    const methods =
      newKey && certificate.medium === 'ukey'
        ? product.deliveryMethods.map((m) => m.key as string)
        : ['online_install']
    const snapshot: ProductSnapshot = {
      ...origin.productSnapshot,
      deliveryMethods: methods,
      renewalWindowDays: preview.windowDays,
      materials: [
        ...origin.productSnapshot.materials,
        ...(handler.replaced && !acting?.isLegalRep ? [NEW_LETTER_MATERIAL] : []),
      ],
    }
    const details: ServiceDetails = {
      fromSerial: certificate.serial,
      oldNotAfter: certificate.notAfter.toISO()!,
      windowDays: preview.windowDays,
      bidWarningAt: DateTime.utc().toISO()!,
      ...(input.service === 'change' || input.service === 'change_renew'
        ? { newSubjectName: subject.subjectName }
        : {}),
      ...(handler.replaced ? { formerHandlerName: origin.handlerName ?? '' } : {}),
      parts: quote.parts,
      ...(preview.validity?.allowed
        ? {
            newNotBefore: preview.validity.notBefore.toISOString(),
            newNotAfter: preview.validity.notAfter.toISOString(),
            newValidityText: preview.validity.text,
          }
        : {}),
    }
    const years = renews(input.service) ? preview.years : origin.years
    return db.transaction(async (trx) => {
      const order = await createOrder(
        trx,
        {
          userId: applicant.id,
          serviceType: input.service,
          wizardStep: 'agreement',
          platformId: origin.platformId,
          platformName: origin.platformName,
          productId: origin.productId,
          productSnapshot: snapshot,
          certKind: origin.certKind,
          medium: origin.medium,
          years,
          listPriceFen: quote.amountFen,
          amountFen: quote.amountFen,
          priceNote: quote.parts.map((p) => `${p.label} ${formatFen(p.fen)}`).join('，'),
          reviewMode: 'after_payment',
          reviewRequired: serviceNeedsReview(product, input.service, origin.subjectType),
          ...subject,
          orgId: certificate.orgId,
          ...handler.fields,
          agreementVersion: AGREEMENT_VERSION,
          agreedAt: DateTime.utc(),
          deliveryMethod: methods.length === 1 ? methods[0] : null,
          certificateId: certificate.id,
          certificateSerial: certificate.serial,
          serviceDetails: details,
        },
        {
          serviceType: input.service,
          certificate: certificate.serial,
          years,
          amountFen: quote.amountFen,
          bidWarning: true,
        }
      )
      return order
    })
  })
}

/**
 * Who the new certificate is for: the certificate's subject, except for
 * 变更, where a person's certificate takes the verified identity of the
 * account as it is now (the profile is changed first: 实名信息变更), and
 * an organisation's the organisation's current name (the organisations
 * module's change, later).
 */
async function serviceSubject(
  applicant: ApplicantSummary,
  origin: Order,
  service: CertificateOrderService,
  orgId: string | null
) {
  const same = {
    subjectType: origin.subjectType,
    subjectName: origin.subjectName,
    subjectIdType: origin.subjectIdType,
    subjectIdNumber: origin.subjectIdNumber,
    subjectOrgName: origin.subjectOrgName,
    subjectUscc: origin.subjectUscc,
  }
  if (service !== 'change' && service !== 'change_renew') return same
  if (orgId) {
    // the org's name as its 机构变更 left it (the orgs module)
    const org = await findOrg(orgId)
    if (!org || (org.name === origin.subjectOrgName && org.uscc === origin.subjectUscc))
      throw new OrderError('机构信息未发生变更，请先在“我的机构”中办理机构变更', {
        status: 409,
      })
    return {
      ...same,
      subjectName: org.name,
      subjectOrgName: org.name,
      subjectIdNumber: org.uscc,
      subjectUscc: org.uscc,
    }
  }
  if (origin.subjectType === 'org') {
    if (!applicant.orgName || applicant.orgName === origin.subjectOrgName)
      throw new OrderError('机构信息未发生变更，请先在机构信息中办理变更', { status: 409 })
    return { ...same, subjectName: applicant.orgName, subjectOrgName: applicant.orgName }
  }
  if (!applicant.isVerified || !applicant.realName)
    throw new OrderError('请先完成实名认证', { status: 409 })
  if (applicant.realIdNumber !== origin.subjectIdNumber)
    throw new OrderError('证件号码与证书持有人不一致，不能变更，请重新申请', { status: 409 })
  if (applicant.realName === origin.subjectName)
    throw new OrderError(
      '证书信息与您当前的实名信息一致，无需变更；如姓名已变更，请先更新实名认证信息',
      { status: 409 }
    )
  return { ...same, subjectName: applicant.realName }
}

/**
 * 被授权人 (经办人) of the service order: a person's order keeps the
 * certificate's; an org's is the member acting for the org (as their
 * verified identity says) — replaced when it is not the certificate's.
 */
function serviceHandler(applicant: ApplicantSummary, origin: Order, acting: ServiceActor) {
  const kept = {
    handlerName: origin.handlerName,
    handlerPhone: origin.handlerPhone,
    handlerIdType: origin.handlerIdType,
    handlerIdNumber: origin.handlerIdNumber,
    handlerEmail: origin.handlerEmail,
  }
  if (!acting) return { replaced: false, fields: kept }
  const replaced = applicant.realIdNumber !== origin.handlerIdNumber
  return {
    replaced,
    fields: replaced ? handlerFieldsOf(applicant) : kept,
  }
}

/** a new 授权委托书, signed for the new 被授权人 (the orgs module's template) */
const NEW_LETTER_MATERIAL = {
  id: NEW_LETTER_MATERIAL_ID,
  name: '授权委托书（新被授权人）',
  description: '被授权人已更换：请上传加盖单位公章、法定代表人签字的新授权委托书',
  acceptedTypes: ['jpg', 'png', 'pdf'],
  minSize: 10 * 1024,
  maxSize: 10 * 1024 * 1024,
  required: true,
  hasTemplate: false,
}

/**
 * The service order's own lines for the confirm page and the order page:
 * 业务类型, 原证书, 新有效期 (computed again now, as the CA will).
 */
export function serviceSummary(order: Order) {
  if (order.serviceType === 'new' || !order.serviceDetails || order.packageDetails) return null
  const d = order.serviceDetails
  let validity: string | null = null
  if (renews(order.serviceType as CertificateOrderService)) {
    const v = renewedValidity({
      notAfter: new Date(d.oldNotAfter),
      years: order.years,
      windowDays: d.windowDays,
    })
    validity = v.allowed ? v.text : v.reason
  }
  return {
    label: SERVICE_TYPES[order.serviceType] ?? order.serviceType,
    fromSerial: d.fromSerial.toUpperCase(),
    oldNotAfter: d.oldNotAfter,
    validity,
    newSubject: d.newSubjectName ?? null,
    formerHandler: d.formerHandlerName ?? null,
    parts: d.parts ?? [],
    reviewRequired: order.reviewRequired,
    free: order.amountFen === 0,
  }
}
