import type { HttpContext } from '@adonisjs/core/http'
import { NotFoundError } from '#core/rule_error'
import type { Applicant } from '#accounts/queries/users'
import { toSummary } from '#accounts/queries/users'
import { ownCertificates } from '#certificates/queries/certificates'
import { decideFor } from '#certificates/queries/certificate_services'
import {
  BID_WARNING,
  CERTIFICATE_ORDER_SERVICES,
  ruleOf,
  servicePreview,
  startServiceOrder,
  type CertificateOrderService,
} from '#orders/actions/services'
import { SERVICE_TYPES } from '#orders/labels'
import { startServiceValidator } from '#orders/validators'
import { actingIdentityOf } from '#orgs/queries/acting'

/** the org the person acts for (切换身份), with whether they are its legal representative */
async function actingFor(ctx: HttpContext) {
  const acting = await actingIdentityOf(ctx)
  return acting?.kind === 'org' ? { org: acting.org, isLegalRep: acting.isLegalRep } : null
}

/**
 * 更新, 变更, 补办 from 自助服务 or 我的证书: pick the certificate, read the
 * rules (window, new validity, fee, the bid warning), start the order; the
 * wizard (申请信息 → 上传资料 → 取证方式 → 确认提交) does the rest.
 */
export default class ServiceOrdersController {
  /** 选择证书: the applicant's certificates, each with the rule's decision */
  async pick(ctx: HttpContext) {
    const service = this.#service(ctx)
    const user = ctx.auth.getUserOrFail() as Applicant
    const acting = await actingFor(ctx)
    // acting for an org: its certificates; as 自然人: the person's own
    const own = await ownCertificates(user.id)
    const certificates = own.filter((item) => item.certificate.orgId === (acting?.org.id ?? null))
    const items = await Promise.all(
      certificates.map(async (item) => ({
        item,
        decision: await decideFor(item, ruleOf(service)),
      }))
    )
    return ctx.view.render('orders/services/pick', {
      service,
      label: SERVICE_TYPES[service],
      items,
    })
  }

  /** the rules shown before the order exists */
  async show(ctx: HttpContext) {
    const service = this.#service(ctx)
    const user = ctx.auth.getUserOrFail() as Applicant
    const years = Number(ctx.request.qs().years) || undefined
    const preview = await servicePreview(
      toSummary(user),
      ctx.params.certificateId,
      service,
      years,
      await actingFor(ctx)
    )
    return ctx.view.render('orders/services/start', {
      service,
      label: SERVICE_TYPES[service],
      bidWarning: BID_WARNING,
      ...preview,
    })
  }

  async start(ctx: HttpContext) {
    const service = this.#service(ctx)
    const user = ctx.auth.getUserOrFail() as Applicant
    const payload = await ctx.request.validateUsing(startServiceValidator)
    const order = await startServiceOrder(
      toSummary(user),
      ctx.params.certificateId,
      { service, years: payload.years, bidWarning: Boolean(payload.bidWarning) },
      await actingFor(ctx)
    )
    ctx.session.flash('success', `已创建${SERVICE_TYPES[service]}订单，请核对申请信息`)
    return ctx.response.redirect().toRoute('orders.apply.applicant', { orderNo: order.orderNo })
  }

  #service({ params }: HttpContext): CertificateOrderService {
    if (!CERTIFICATE_ORDER_SERVICES.includes(params.service)) throw new NotFoundError()
    return params.service
  }
}
