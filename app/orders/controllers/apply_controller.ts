import type { HttpContext } from '@adonisjs/core/http'
import { toSummary } from '#accounts/queries/users'
import { activePlatformsByRegion, findActivePlatform } from '#catalog/queries/platforms'
import { activeProductsOfPlatform, findProductForOrder } from '#catalog/queries/products'
import { activePickupPoints, shippingOriginFor } from '#catalog/queries/locations'
import verificationCodes from '#core/sms/verification_codes'
import { isChinaMobile, maskPhone } from '#core/validation/identity'
import { isUuid } from '#core/ids'
import { applicationAgreement } from '#orders/agreement'
import { WIZARD_STEPS, type WizardStep } from '#orders/labels'
import {
  acceptAgreement,
  ApplyError,
  canOpenStep,
  changeProduct,
  finishMaterials,
  handlerPhoneNeedsCode,
  isEditable,
  materialsOf,
  saveApplicant,
  saveDelivery,
  startApplication,
  stepIndex,
  submissionProblems,
  submitApplication,
  uploadMaterial,
} from '#orders/actions/apply'
import { addressesOf, saveAddressFromDelivery } from '#orders/actions/addresses'
import { findOwnOrder } from '#orders/queries/orders'
import {
  agreementValidator,
  applicantValidator,
  deliveryValidator,
  startApplicationValidator,
} from '#orders/validators'
import Order from '#orders/models/order'
import type User from '#accounts/models/user'

/**
 * 证书新办 wizard: platform → product → agreement → applicant → materials
 * → delivery → confirm, then payment. The draft order is saved at every
 * step, so 返回修改 never loses anything and the applicant can continue
 * later from 我的订单.
 */
export default class ApplyController {
  /**
   * Real-name verification comes first.
   */
  #needsVerification({ auth, session, response }: HttpContext, next: string) {
    const user = auth.getUserOrFail() as User
    if (user.realNameStatus === 'verified') return null
    session.put('after_real_name', next)
    session.flash(
      'info',
      user.realNameStatus === 'pending'
        ? '您的实名认证正在审核中，审核通过后即可申请证书'
        : '申请证书前，请先完成实名认证'
    )
    return response.redirect('/account/real-name')
  }

  async platforms(ctx: HttpContext) {
    const blocked = this.#needsVerification(ctx, '/apply')
    if (blocked) return blocked
    return ctx.view.render('orders/apply/platforms', { regions: await activePlatformsByRegion() })
  }

  async products(ctx: HttpContext) {
    const { params, view, response, request } = ctx
    const blocked = this.#needsVerification(ctx, `/apply/${params.platformId}`)
    if (blocked) return blocked
    const platform = await findActivePlatform(params.platformId)
    if (!platform) return response.notFound()
    const offered = await activeProductsOfPlatform(platform.id)
    const products = offered.filter((p) => p.type === 'certificate')
    const query = request.qs()
    return view.render('orders/apply/products', {
      platform,
      products,
      selectedProduct: typeof query.product === 'string' ? query.product : '',
      order: null,
      action: '/apply',
    })
  }

  /**
   * Step 1 done: the draft order exists.
   */
  async start(ctx: HttpContext) {
    const { request, response, auth } = ctx
    const blocked = this.#needsVerification(ctx, '/apply')
    if (blocked) return blocked
    const payload = await request.validateUsing(startApplicationValidator)
    try {
      const order = await startApplication(toSummary(auth.getUserOrFail() as User), {
        productId: payload.product_id,
        years: payload.years,
      })
      return response.redirect(`/orders/${order.orderNo}/apply/agreement`)
    } catch (error) {
      return this.#refuse(ctx, error, 'back')
    }
  }

  async editProduct(ctx: HttpContext) {
    const order = await this.#order(ctx, 'product')
    if (!(order instanceof Order)) return order
    const platform = await findActivePlatform(order.platformId)
    const products = platform
      ? await activeProductsOfPlatform(platform.id).then((all) =>
          all.filter((p) => p.type === 'certificate')
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
      action: `/orders/${order.orderNo}/apply/product`,
      ...(await this.#frame(order, 'product')),
    })
  }

  async updateProduct(ctx: HttpContext) {
    const order = await this.#order(ctx, 'product')
    if (!(order instanceof Order)) return order
    const payload = await ctx.request.validateUsing(startApplicationValidator)
    try {
      await changeProduct(order, toSummary(ctx.auth.getUserOrFail() as User), {
        productId: payload.product_id,
        years: payload.years,
      })
    } catch (error) {
      return this.#refuse(ctx, error, `/orders/${order.orderNo}/apply/product`)
    }
    return ctx.response.redirect(this.#nextUrl(order, 'product'))
  }

  async agreement(ctx: HttpContext) {
    const order = await this.#order(ctx, 'agreement')
    if (!(order instanceof Order)) return order
    return ctx.view.render('orders/apply/agreement', {
      order,
      agreement: applicationAgreement(),
      ...(await this.#frame(order, 'agreement')),
    })
  }

  async saveAgreement(ctx: HttpContext) {
    const order = await this.#order(ctx, 'agreement')
    if (!(order instanceof Order)) return order
    await ctx.request.validateUsing(agreementValidator)
    try {
      await acceptAgreement(order)
    } catch (error) {
      return this.#refuse(ctx, error, `/orders/${order.orderNo}/apply/agreement`)
    }
    return ctx.response.redirect(this.#nextUrl(order, 'agreement'))
  }

  async applicant(ctx: HttpContext) {
    const order = await this.#order(ctx, 'applicant')
    if (!(order instanceof Order)) return order
    return ctx.view.render('orders/apply/applicant', {
      order,
      needsCode: handlerPhoneNeedsCode(order, order.handlerPhone ?? ''),
      ...(await this.#frame(order, 'applicant')),
    })
  }

  async saveApplicantStep(ctx: HttpContext) {
    const { request, session, response } = ctx
    const order = await this.#order(ctx, 'applicant')
    if (!(order instanceof Order)) return order
    const back = this.#stepUrl(order, 'applicant')

    /**
     * 获取验证码 without JavaScript: the whole form comes back with the
     * code sent to the handler's phone.
     */
    if (request.input('intent') === 'send_code') {
      const phone = String(request.input('handler_phone') ?? '').trim()
      session.flashExcept(['_csrf', '_method', 'intent'])
      if (!isChinaMobile(phone)) {
        session.flash('inputErrorsBag', { handler_phone: ['请输入合法手机号/电话号'] })
        return response.redirect(back)
      }
      const sent = await verificationCodes.send(phone, 'order', request.ip())
      if (sent.ok) session.flash('success', `验证码已发送至 ${maskPhone(phone)}，5 分钟内有效`)
      else session.flash('inputErrorsBag', { sms_code: [sent.message] })
      return response.redirect(back)
    }

    const payload = await request.validateUsing(applicantValidator)
    try {
      await saveApplicant(order, {
        handlerName: payload.handler_name,
        handlerPhone: payload.handler_phone,
        handlerIdType: payload.handler_id_type,
        handlerIdNumber: payload.handler_id_number,
        handlerEmail: payload.handler_email ?? null,
        smsCode: payload.sms_code ?? null,
      })
    } catch (error) {
      return this.#refuse(ctx, error, back)
    }
    return response.redirect(this.#nextUrl(order, 'applicant'))
  }

  async materials(ctx: HttpContext) {
    const order = await this.#order(ctx, 'materials')
    if (!(order instanceof Order)) return order
    const product = await findProductForOrder(order.productId, { includeInactive: true })
    const materials = await materialsOf(order)
    const uploaded = new Map(materials.map((m) => [m.materialId, m]))
    const templates = new Map((product?.materials ?? []).map((m) => [m.id, m.template]))
    return ctx.view.render('orders/apply/materials', {
      order,
      materials: order.productSnapshot.materials.map((m) => ({
        ...m,
        uploaded: uploaded.get(m.id) ?? null,
        template: templates.get(m.id) ?? null,
        ruleText: describeMaterial(m),
        accept: m.acceptedTypes.map((t) => (t === 'jpg' ? '.jpg,.jpeg' : `.${t}`)).join(','),
      })),
      ...(await this.#frame(order, 'materials')),
    })
  }

  /**
   * Uploads every file chosen in the form (each checked on its own), then
   * either stays on the page (上传) or moves on (下一步).
   */
  async saveMaterials(ctx: HttpContext) {
    const { request, session, response } = ctx
    const order = await this.#order(ctx, 'materials')
    if (!(order instanceof Order)) return order
    const back = this.#stepUrl(order, 'materials')
    const errors: Record<string, string[]> = {}
    let uploadedCount = 0
    for (const material of order.productSnapshot.materials) {
      const file = request.file(`material_${material.id}`)
      if (!file || !file.tmpPath) continue
      try {
        await uploadMaterial(order, material.id, file)
        uploadedCount++
      } catch (error) {
        if (error instanceof ApplyError) errors[`material_${material.id}`] = [error.message]
        else throw error
      }
    }
    if (Object.keys(errors).length) {
      session.flash('inputErrorsBag', errors)
      session.flash(
        'error',
        uploadedCount ? '部分资料上传成功，标红的资料请重新选择' : '资料上传失败，请按提示重新选择'
      )
      return response.redirect(back)
    }
    if (request.input('intent') === 'upload') {
      session.flash(
        'success',
        uploadedCount ? `已上传 ${uploadedCount} 份资料` : '请选择要上传的文件'
      )
      return response.redirect(back)
    }
    try {
      await finishMaterials(order)
    } catch (error) {
      return this.#refuse(ctx, error, back)
    }
    return response.redirect(this.#nextUrl(order, 'materials'))
  }

  async delivery(ctx: HttpContext) {
    const order = await this.#order(ctx, 'delivery')
    if (!(order instanceof Order)) return order
    const user = ctx.auth.getUserOrFail() as User
    const addresses = await addressesOf(user.id)
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
  }

  async saveDeliveryStep(ctx: HttpContext) {
    const order = await this.#order(ctx, 'delivery')
    if (!(order instanceof Order)) return order
    const payload = await ctx.request.validateUsing(deliveryValidator)
    try {
      await saveDelivery(order, {
        method: payload.delivery_method,
        receiver: payload.receiver,
        receiverPhone: payload.receiver_phone,
        regionCode: payload.region_code,
        address: payload.address,
        note: payload.note ?? null,
        pickupName: payload.pickup_name,
        pickupPhone: payload.pickup_phone,
        pickupIdNumber: payload.pickup_id_number,
        pickupPointId: payload.pickup_point_id,
      })
      if (payload.delivery_method === 'mail_cod' && payload.save_address) {
        await saveAddressFromDelivery(order.userId, {
          receiver: payload.receiver!,
          phone: payload.receiver_phone!,
          regionCode: payload.region_code!,
          detail: payload.address!,
        })
      }
    } catch (error) {
      return this.#refuse(ctx, error, this.#stepUrl(order, 'delivery'))
    }
    return ctx.response.redirect(this.#nextUrl(order, 'delivery'))
  }

  async confirm(ctx: HttpContext) {
    const order = await this.#order(ctx, 'confirm')
    if (!(order instanceof Order)) return order
    return ctx.view.render('orders/apply/confirm', {
      order,
      materials: await materialsOf(order),
      problems: await submissionProblems(order),
      ...(await this.#frame(order, 'confirm')),
    })
  }

  async submit(ctx: HttpContext) {
    const order = await this.#order(ctx, 'confirm')
    if (!(order instanceof Order)) return order
    try {
      const { to } = await submitApplication(order)
      if (to === 'pending_payment') {
        ctx.session.flash('success', '您已成功提交证书申请，请继续完成支付')
        return ctx.response.redirect(`/orders/${order.orderNo}/pay`)
      }
    } catch (error) {
      return this.#refuse(ctx, error, this.#stepUrl(order, 'confirm'))
    }
    return ctx.response.redirect(`/orders/${order.orderNo}/done`)
  }

  /* ---------- helpers ---------- */

  /**
   * The applicant's own order, editable at this step and reachable
   * (earlier steps done); otherwise a response to return.
   */
  async #order(
    ctx: HttpContext,
    step: WizardStep
  ): Promise<Order | ReturnType<HttpContext['response']['redirect']> | void | null> {
    const user = ctx.auth.getUserOrFail() as User
    const order = await findOwnOrder(user.id, ctx.params.orderNo)
    if (!order) return ctx.response.notFound()
    if (!isEditable(order, step)) {
      ctx.session.flash(
        'info',
        order.status === 'draft' ? '请先完成前面的步骤' : '订单已提交，当前不能修改此项'
      )
      return ctx.response.redirect(`/orders/${order.orderNo}`)
    }
    if (order.status === 'draft' && !canOpenStep(order, step)) {
      const first =
        WIZARD_STEPS.find((s) => stepIndex(s.key) === stepIndex(order.wizardStep) + 1)?.key ??
        'product'
      ctx.session.flash('info', '请先完成前面的步骤')
      return ctx.response.redirect(this.#stepUrl(order, first))
    }
    return order
  }

  #stepUrl(order: Order, step: WizardStep) {
    return `/orders/${order.orderNo}/apply/${step}`
  }

  /**
   * Where to go after saving a step: the next step of the draft, or back
   * to the 完善资料 page of a rejected order.
   */
  #nextUrl(order: Order, step: WizardStep) {
    if (order.status === 'rejected') return `/orders/${order.orderNo}/fix`
    const next = WIZARD_STEPS[stepIndex(step) + 1]
    return next ? this.#stepUrl(order, next.key) : `/orders/${order.orderNo}`
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

  #refuse(ctx: HttpContext, error: unknown, to: string) {
    if (!(error instanceof ApplyError)) throw error
    ctx.session.flashExcept(['_csrf', '_method'])
    if (error.field) ctx.session.flash('inputErrorsBag', { [error.field]: [error.message] })
    ctx.session.flash('error', error.message)
    return to === 'back' ? ctx.response.redirect().back() : ctx.response.redirect(to)
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

export { isUuid }
