import type { HttpContext } from '@adonisjs/core/http'
import { readFile } from 'node:fs/promises'
import { licenceWarning } from '#ocr/actions/form_prefill'
import { serviceSummary } from '#orders/actions/services'
import { urlFor } from '@adonisjs/core/services/url_builder'
import { wantsCode } from '#accounts/http/form_support'
import { toSummary, type Applicant } from '#accounts/queries/users'
import { activePlatformsByRegion, findActivePlatform } from '#catalog/queries/platforms'
import { activeProductsOfPlatform, findProductForOrder } from '#catalog/queries/products'
import { activePickupPoints, shippingOriginFor } from '#catalog/queries/locations'
import verificationCodes from '#core/sms/verification_codes'
import { isChinaMobile, maskPhone } from '#core/validation/identity'
import { isRuleError, NotFoundError } from '#core/rule_error'
import { applicationAgreement } from '#orders/agreement'
import { WIZARD_STEPS, returnLabelOf, safeReturnPath, type WizardStep } from '#orders/labels'
import {
  acceptAgreement,
  canOpenStep,
  changeProduct,
  finishMaterials,
  handlerPhoneNeedsCode,
  isEditable,
  materialsOf,
  productsOfferedTo,
  saveApplicant,
  saveDelivery,
  startApplication,
  stepIndex,
  submissionProblems,
  uploadMaterial,
  useOrgLicence,
} from '#orders/actions/apply'
import { submitApplication } from '#orders/actions/order_events'
import { addressesOf, saveAddressFromDelivery } from '#orders/actions/addresses'
import { findOwnOrder } from '#orders/queries/orders'
import {
  agreementValidator,
  applicantValidator,
  deliveryValidator,
  startApplicationValidator,
} from '#orders/validators'
import type Order from '#orders/models/order'
import { actingOrgOf } from '#orgs/queries/acting'
import { findOrg, orgLicence } from '#orgs/queries/orgs'

/** the org an order is made for (its read-only enterprise block), or null */
function orgOf(order: Order) {
  return order.orgId ? findOrg(order.orgId) : Promise.resolve(null)
}

/**
 * 证书新办 wizard: platform → product → agreement → applicant → materials
 * → delivery → confirm, then payment. The draft order is saved at every
 * step, so 返回修改 never loses anything and the applicant can continue
 * later from 我的订单. A refusal of a step comes back on its form (rule
 * errors, shown by the exception handler).
 */
export default class ApplyController {
  /**
   * Real-name verification comes first.
   */
  #needsVerification({ auth, session, response }: HttpContext, next: string) {
    const user = auth.getUserOrFail() as Applicant
    if (user.realNameStatus === 'verified') return null
    session.put('after_real_name', next)
    session.flash(
      'info',
      user.realNameStatus === 'pending'
        ? '您的实名认证正在审核中，审核通过后即可申请证书'
        : '申请证书前，请先完成实名认证'
    )
    return response.redirect().toRoute('accounts.real_name.show')
  }

  async platforms(ctx: HttpContext) {
    const blocked = this.#needsVerification(ctx, urlFor('orders.apply.platforms'))
    if (blocked) return blocked
    return ctx.view.render('orders/apply/platforms', { regions: await activePlatformsByRegion() })
  }

  async products(ctx: HttpContext) {
    const { params, view, request } = ctx
    const returnQs = {
      return_to: safeReturnPath(request.qs().return_to) ?? undefined,
      return_label: safeReturnPath(request.qs().return_to)
        ? returnLabelOf(request.qs().return_label)
        : undefined,
    }
    /* after 实名认证, back here with the return link (e.g. to the scan page) */
    const blocked = this.#needsVerification(
      ctx,
      urlFor('orders.apply.products', { platformId: params.platformId }, { qs: returnQs })
    )
    if (blocked) return blocked
    const platform = await findActivePlatform(params.platformId)
    if (!platform) throw new NotFoundError()
    const org = await actingOrgOf(ctx)
    const products = productsOfferedTo(
      toSummary(ctx.auth.getUserOrFail() as Applicant),
      await activeProductsOfPlatform(platform.id),
      org
    )
    const query = request.qs()
    return view.render('orders/apply/products', {
      platform,
      products,
      org,
      selectedProduct: typeof query.product === 'string' ? query.product : '',
      order: null,
      action: urlFor('orders.apply.start'),
      /* a return link to keep through the wizard (e.g. the scan page that sent the applicant) */
      returnTo: safeReturnPath(query.return_to),
      returnLabel: returnLabelOf(query.return_label),
    })
  }

  /**
   * Step 1 done: the draft order exists.
   */
  async start(ctx: HttpContext) {
    const { request, response, auth } = ctx
    const blocked = this.#needsVerification(ctx, urlFor('orders.apply.platforms'))
    if (blocked) return blocked
    const payload = await request.validateUsing(startApplicationValidator)
    const order = await startApplication(
      toSummary(auth.getUserOrFail() as Applicant),
      payload,
      await actingOrgOf(ctx)
    )
    return response.redirect().toRoute('orders.apply.agreement', { orderNo: order.orderNo })
  }

  async editProduct(ctx: HttpContext) {
    return this.#step(ctx, 'product', async (order) => {
      if (order.serviceType !== 'new') return this.#toStep(ctx, order, 'applicant')
      const platform = await findActivePlatform(order.platformId)
      const org = await orgOf(order)
      const products = platform
        ? productsOfferedTo(
            toSummary(ctx.auth.getUserOrFail() as Applicant),
            await activeProductsOfPlatform(platform.id),
            org
          )
        : []
      return ctx.view.render('orders/apply/products', {
        platform: platform ?? {
          name: order.platformName,
          id: order.platformId,
          region: { name: '' },
        },
        products,
        selectedProduct: order.productId,
        order,
        org,
        action: urlFor('orders.apply.product.save', { orderNo: order.orderNo }),
        ...(await this.#frame(order, 'product')),
      })
    })
  }

  async updateProduct(ctx: HttpContext) {
    return this.#step(ctx, 'product', async (order) => {
      if (order.serviceType !== 'new') return this.#toStep(ctx, order, 'applicant')
      const payload = await ctx.request.validateUsing(startApplicationValidator)
      await changeProduct(order, toSummary(ctx.auth.getUserOrFail() as Applicant), payload)
      return this.#next(ctx, order, 'product')
    })
  }

  async agreement(ctx: HttpContext) {
    return this.#step(ctx, 'agreement', async (order) => {
      return ctx.view.render('orders/apply/agreement', {
        order,
        agreement: applicationAgreement(),
        ...(await this.#frame(order, 'agreement')),
      })
    })
  }

  async saveAgreement(ctx: HttpContext) {
    return this.#step(ctx, 'agreement', async (order) => {
      await ctx.request.validateUsing(agreementValidator)
      await acceptAgreement(order)
      return this.#next(ctx, order, 'agreement')
    })
  }

  async applicant(ctx: HttpContext) {
    return this.#step(ctx, 'applicant', async (order) => {
      return ctx.view.render('orders/apply/applicant', {
        order,
        org: await orgOf(order),
        needsCode: handlerPhoneNeedsCode(order, order.handlerPhone ?? ''),
        ...(await this.#frame(order, 'applicant')),
      })
    })
  }

  async saveApplicantStep(ctx: HttpContext) {
    const { request, session } = ctx
    return this.#step(ctx, 'applicant', async (order) => {
      /**
       * 获取验证码 without JavaScript: the whole form comes back with the
       * code sent to the handler's phone.
       */
      if (wantsCode(ctx)) {
        const phone = String(request.input('handler_phone') ?? '').trim()
        session.flashExcept(['_csrf', '_method', 'intent'])
        if (!isChinaMobile(phone)) {
          session.flash('inputErrorsBag', { handler_phone: ['请输入合法手机号/电话号'] })
        } else {
          const sent = await verificationCodes.send(phone, 'order', request.ip())
          if (sent.ok) session.flash('success', `验证码已发送至 ${maskPhone(phone)}，5 分钟内有效`)
          else session.flash('inputErrorsBag', { sms_code: [sent.message] })
        }
        return this.#toStep(ctx, order, 'applicant')
      }

      const payload = await request.validateUsing(applicantValidator)
      await saveApplicant(order, payload)
      return this.#next(ctx, order, 'applicant')
    })
  }

  async materials(ctx: HttpContext) {
    return this.#step(ctx, 'materials', async (order) => {
      const product = await findProductForOrder(order.productId, { includeInactive: true })
      const materials = await materialsOf(order)
      const uploaded = new Map(materials.map((m) => [m.materialId, m]))
      const templates = new Map((product?.materials ?? []).map((m) => [m.id, m.template]))
      return ctx.view.render('orders/apply/materials', {
        order,
        orgHasLicence: order.orgId ? Boolean(await orgLicence(order.orgId)) : false,
        materials: order.productSnapshot.materials.map((m) => ({
          ...m,
          uploaded: uploaded.get(m.id) ?? null,
          template: templates.get(m.id) ?? null,
          ruleText: describeMaterial(m),
          accept: m.acceptedTypes.map((t) => (t === 'jpg' ? '.jpg,.jpeg' : `.${t}`)).join(','),
        })),
        ...(await this.#frame(order, 'materials')),
      })
    })
  }

  /**
   * Uploads every file chosen in the form (each checked on its own), then
   * either stays on the page (上传) or moves on (下一步).
   */
  async saveMaterials(ctx: HttpContext) {
    const { request, session } = ctx
    return this.#step(ctx, 'materials', async (order) => {
      /* 使用机构营业执照 (an org's order): the org's licence instead of an upload */
      const licenceFor = request.input('use_org_licence')
      if (typeof licenceFor === 'string' && licenceFor) {
        await useOrgLicence(order, licenceFor)
        session.flash('success', '已使用机构认证时提交的营业执照')
        return this.#toStep(ctx, order, 'materials')
      }
      const errors: Record<string, string[]> = {}
      let uploadedCount = 0
      const warnings: string[] = []
      for (const material of order.productSnapshot.materials) {
        const file = request.file(`material_${material.id}`)
        if (!file || !file.tmpPath) continue
        try {
          await uploadMaterial(order, material.id, file)
          uploadedCount++
          /* an org's 营业执照: read (#ocr) and compared with the org's code, a warning only */
          if (order.subjectUscc && material.name.includes('营业执照')) {
            const warning = await licenceWarning(await readFile(file.tmpPath), {
              credit_code: order.subjectUscc,
            })
            if (warning) warnings.push(`${material.name}：${warning}`)
          }
        } catch (error) {
          // real work: one refused file must not stop the others; all refusals show at their fields
          if (!isRuleError(error)) throw error
          errors[`material_${material.id}`] = [error.message]
        }
      }
      if (warnings.length) session.flash('warning', warnings.join('；'))
      if (Object.keys(errors).length) {
        session.flash('inputErrorsBag', errors)
        session.flash(
          'error',
          uploadedCount
            ? '部分资料上传成功，标红的资料请重新选择'
            : '资料上传失败，请按提示重新选择'
        )
        return this.#toStep(ctx, order, 'materials')
      }
      if (request.input('intent') === 'upload') {
        session.flash(
          'success',
          uploadedCount ? `已上传 ${uploadedCount} 份资料` : '请选择要上传的文件'
        )
        return this.#toStep(ctx, order, 'materials')
      }
      await finishMaterials(order)
      return this.#next(ctx, order, 'materials')
    })
  }

  async delivery(ctx: HttpContext) {
    return this.#step(ctx, 'delivery', async (order) => {
      const addresses = await addressesOf(order.userId)
      const chosen = ctx.request.qs().address
      const address =
        (typeof chosen === 'string' && addresses.find((a) => a.id === chosen)) ||
        addresses.find((a) => a.isDefault) ||
        null
      const product = await findProductForOrder(order.productId, { includeInactive: true })
      const methods = order.productSnapshot.deliveryMethods
        .map((key) => product?.deliveryMethods.find((m) => m.key === key))
        .filter(Boolean)
      return ctx.view.render('orders/apply/delivery', {
        order,
        methods,
        addresses,
        address,
        pickupPoints: await activePickupPoints({ regionId: product?.platform.region.id }),
        shipFrom: await shippingOriginFor(product?.platform.region.id ?? null),
        ...(await this.#frame(order, 'delivery')),
      })
    })
  }

  async saveDeliveryStep(ctx: HttpContext) {
    return this.#step(ctx, 'delivery', async (order) => {
      const payload = await ctx.request.validateUsing(deliveryValidator)
      await saveDelivery(order, payload)
      if (payload.deliveryMethod === 'mail_cod' && payload.saveAddress) {
        await saveAddressFromDelivery(order.userId, {
          receiver: payload.receiver!,
          phone: payload.receiverPhone!,
          regionCode: payload.regionCode!,
          detail: payload.address!,
        })
      }
      return this.#next(ctx, order, 'delivery')
    })
  }

  async confirm(ctx: HttpContext) {
    return this.#step(ctx, 'confirm', async (order) => {
      return ctx.view.render('orders/apply/confirm', {
        order,
        service: serviceSummary(order),
        materials: await materialsOf(order),
        problems: await submissionProblems(order),
        ...(await this.#frame(order, 'confirm')),
      })
    })
  }

  async submit(ctx: HttpContext) {
    return this.#step(ctx, 'confirm', async (order) => {
      const { to } = await submitApplication(order)
      if (to === 'pending_payment') {
        ctx.session.flash('success', '您已成功提交证书申请，请继续完成支付')
        return ctx.response.redirect().toRoute('orders.pay', { orderNo: order.orderNo })
      }
      return ctx.response.redirect().toRoute('orders.done', { orderNo: order.orderNo })
    })
  }

  /* ---------- helpers ---------- */

  /**
   * Run a step's handler on the applicant's own order, when it is editable
   * at this step and reachable (earlier steps done); otherwise back to the
   * order or to the first step still to do.
   */
  async #step(ctx: HttpContext, step: WizardStep, run: (order: Order) => Promise<unknown>) {
    const user = ctx.auth.getUserOrFail() as Applicant
    const order = await findOwnOrder(user.id, ctx.params.orderNo, { handlerOnly: true })
    if (!order) throw new NotFoundError()
    if (!isEditable(order, step)) {
      ctx.session.flash(
        'info',
        order.status === 'draft' ? '请先完成前面的步骤' : '订单已提交，当前不能修改此项'
      )
      return ctx.response.redirect().toRoute('orders.show', { orderNo: order.orderNo })
    }
    if (order.status === 'draft' && !canOpenStep(order, step)) {
      const first =
        WIZARD_STEPS.find((s) => stepIndex(s.key) === stepIndex(order.wizardStep) + 1)?.key ??
        'product'
      ctx.session.flash('info', '请先完成前面的步骤')
      return this.#toStep(ctx, order, first)
    }
    return run(order)
  }

  #stepUrl(order: Order, step: WizardStep) {
    return urlFor(`orders.apply.${step}`, { orderNo: order.orderNo })
  }

  #toStep(ctx: HttpContext, order: Order, step: WizardStep) {
    return ctx.response.redirect().toRoute(`orders.apply.${step}`, { orderNo: order.orderNo })
  }

  /**
   * Where to go after saving a step: the next step of the draft, or back
   * to the 完善资料 page of a rejected order.
   */
  #next(ctx: HttpContext, order: Order, step: WizardStep) {
    if (order.status === 'rejected') {
      return ctx.response.redirect().toRoute('orders.fix', { orderNo: order.orderNo })
    }
    const next = WIZARD_STEPS[stepIndex(step) + 1]
    return next
      ? this.#toStep(ctx, order, next.key)
      : ctx.response.redirect().toRoute('orders.show', { orderNo: order.orderNo })
  }

  async #frame(order: Order, step: WizardStep) {
    return {
      step,
      fixing: order.status === 'rejected',
      wizardSteps: WIZARD_STEPS.map((s) => ({
        ...s,
        href: this.#stepUrl(order, s.key),
        done: stepIndex(s.key) <= stepIndex(order.wizardStep),
        current: s.key === step,
        open: order.status === 'draft' ? canOpenStep(order, s.key) : isEditable(order, s.key),
      })),
    }
  }
}

function describeMaterial(m: { acceptedTypes: string[]; minSize: number | null; maxSize: number }) {
  const kb = (bytes: number) =>
    bytes >= 1024 * 1024
      ? `${+(bytes / 1024 / 1024).toFixed(1)} MB`
      : `${Math.round(bytes / 1024)} KB`
  const size = m.minSize ? `${kb(m.minSize)}–${kb(m.maxSize)}` : `${kb(m.maxSize)}以内`
  return `${size}，${m.acceptedTypes.map((t) => t.toUpperCase()).join('、')} 格式`
}
