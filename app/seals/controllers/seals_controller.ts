import type { HttpContext } from '@adonisjs/core/http'
import { sendPrivateFile } from '#core/http/private_file'
import { NotFoundError, RuleError } from '#core/rule_error'
import storage from '#core/storage'
import {
  bindableCertificates,
  checkQuota,
  makeHandwrittenSeal,
  makeSealFromPhoto,
  makeSealFromTemplate,
  recognisePhoto,
  requestFaceChange,
  revokeSeal,
} from '#seals/actions/seals'
import { makeTemplateSeal } from '#seals/actions/seal_images'
import { sealKinds } from '#seals/queries/kinds'
import {
  grantsOfSeal,
  lapsedSealsOf,
  requestsOfSeal,
  sealImageFile,
  sealsOf,
  usableSealsOf,
} from '#seals/queries/seals'
import { ownSeal, quotaOf, requireManager, sealContext } from '#seals/controllers/support'
import { verifySealData } from '#seals/services/office_signer'
import { readUpload, signatureBytes, templateInput } from '#seals/validators'

/**
 * 印章管理 for the acting identity (a person, or an org through 切换身份):
 * list, make (模板 / 拍照识别 / 手写签名), detail with the GB/T 38540 data,
 * 更换印章, 注销, 失效印章. Another owner's seal id: 404.
 */
const PHOTO_SESSION = 'seals_photo'

export default class SealsController {
  async index(ctx: HttpContext) {
    const context = await sealContext(ctx)
    const orgId = context.owner.type === 'org' ? context.owner.orgId : null
    const [seals, usable, certificates] = await Promise.all([
      sealsOf(context.ref),
      usableSealsOf(context.applicant.id),
      bindableCertificates(context.owner),
    ])
    return ctx.view.render('seals/index', {
      context,
      seals,
      usable: context.owner.type === 'org' ? usable.filter((s) => s.orgId === orgId) : [],
      hasCertificate: certificates.length > 0,
      quota: await quotaOf(context),
    })
  }

  async lapsed(ctx: HttpContext) {
    const context = await sealContext(ctx)
    return ctx.view.render('seals/lapsed', { context, seals: await lapsedSealsOf(context.ref) })
  }

  async create(ctx: HttpContext) {
    const context = await sealContext(ctx)
    requireManager(context)
    const kinds = sealKinds(context.owner.type).filter((k) => k.made === 'template')
    return ctx.view.render('seals/new', {
      context,
      kinds,
      certificates: await bindableCertificates(context.owner),
      form: { text: context.owner.type === 'org' ? context.owner.orgName : context.owner.name },
      preview: null,
      quota: await quotaOf(context),
    })
  }

  /** 预览: the same form with the rendered face (no JavaScript needed) */
  async preview(ctx: HttpContext) {
    const context = await sealContext(ctx)
    requireManager(context)
    const input = templateInput(ctx)
    const rendered = await makeTemplateSeal(input as any)
    return ctx.view.render('seals/new', {
      form: ctx.request.all(),
      context,
      kinds: sealKinds(context.owner.type).filter((k) => k.made === 'template'),
      certificates: await bindableCertificates(context.owner),
      preview: `data:image/png;base64,${rendered.png.toString('base64')}`,
      quota: await quotaOf(context),
    })
  }

  async store(ctx: HttpContext) {
    const context = await sealContext(ctx)
    requireManager(context)
    const input = templateInput(ctx)
    const { seal, request } = await makeSealFromTemplate(context.owner, {
      ...input,
      name: ctx.request.input('name'),
      certificateId: ctx.request.input('certificate_id'),
    })
    ctx.session.flash(
      'success',
      request
        ? `印章“${seal.name}”已提交（申请编号 ${request.requestNo}），请等待 CA 工作人员审核`
        : `印章“${seal.name}”已生效`
    )
    return ctx.response.redirect().toRoute('seals.show', { id: seal.id })
  }

  async photoForm(ctx: HttpContext) {
    const context = await sealContext(ctx)
    requireManager(context)
    return ctx.view.render('seals/photo', {
      context,
      kinds: sealKinds(context.owner.type).filter((k) => k.made === 'template'),
      certificates: await bindableCertificates(context.owner),
      result: null,
      quota: await quotaOf(context),
    })
  }

  /** 识别印章: the extracted seal shown; the photo kept for 确认新增 */
  async recognise(ctx: HttpContext) {
    const context = await sealContext(ctx)
    requireManager(context)
    await checkQuota(context.owner)
    const photo = await readUpload(ctx, 'photo', '请上传盖章后的印章申请书照片')
    const result = await recognisePhoto(photo)
    const key = await storage.put(
      storage.makeKey(`seals/uploads/${context.applicant.id}`, 'jpg'),
      photo
    )
    ctx.session.put(PHOTO_SESSION, key)
    return ctx.view.render('seals/photo', {
      context,
      kinds: sealKinds(context.owner.type).filter((k) => k.made === 'template'),
      certificates: await bindableCertificates(context.owner),
      chosen: {
        kind: ctx.request.input('kind'),
        name: ctx.request.input('name'),
        certificate_id: ctx.request.input('certificate_id'),
      },
      result: {
        image: `data:image/png;base64,${result.png.toString('base64')}`,
        verdict: result.verdict,
        reasons: result.reasons,
        confidence: Math.round(result.confidence * 100),
        shape: result.shape,
      },
      quota: await quotaOf(context),
    })
  }

  /** 确认新增 / 转人工审核 */
  async storePhoto(ctx: HttpContext) {
    const context = await sealContext(ctx)
    requireManager(context)
    const key = ctx.session.get(PHOTO_SESSION)
    if (typeof key !== 'string' || !key.startsWith(`seals/uploads/${context.applicant.id}/`)) {
      throw new RuleError('照片已过期，请重新上传并识别印章', { field: 'photo' })
    }
    const photo = await storage.get(key)
    const { seal, request } = await makeSealFromPhoto(context.owner, {
      kind: ctx.request.input('kind'),
      name: ctx.request.input('name'),
      certificateId: ctx.request.input('certificate_id'),
      manual: ctx.request.input('intent') === 'manual',
      photo,
    })
    ctx.session.forget(PHOTO_SESSION)
    await storage.delete(key).catch(() => {})
    ctx.session.flash(
      'success',
      `印章“${seal.name}”已提交人工审核（申请编号 ${request.requestNo}），审核通过后生效`
    )
    return ctx.response.redirect().toRoute('seals.show', { id: seal.id })
  }

  /** the 印章申请书 template to print, stamp and photograph */
  async applicationForm(ctx: HttpContext) {
    const context = await sealContext(ctx)
    return ctx.view.render('seals/application_form', { context })
  }

  async signatureForm(ctx: HttpContext) {
    const context = await sealContext(ctx)
    requireManager(context)
    const certificates = await bindableCertificates(context.owner)
    return ctx.view.render('seals/signature', {
      context,
      kinds: sealKinds(context.owner.type).filter((k) => k.made === 'signature'),
      certificates: certificates.filter((v) => v.certificate.credentialId),
      quota: await quotaOf(context),
    })
  }

  async storeSignature(ctx: HttpContext) {
    const context = await sealContext(ctx)
    requireManager(context)
    const image = await signatureBytes(ctx)
    const { seal, request } = await makeHandwrittenSeal(context.owner, {
      kind: ctx.request.input('kind'),
      image,
      pin: String(ctx.request.input('pin') ?? ''),
      certificateId: ctx.request.input('certificate_id'),
    })
    ctx.session.flash(
      'success',
      request
        ? `手写签名已提交（申请编号 ${request.requestNo}），请等待 CA 工作人员审核`
        : '手写签名已生效'
    )
    return ctx.response.redirect().toRoute('seals.show', { id: seal.id })
  }

  async show(ctx: HttpContext) {
    const context = await sealContext(ctx)
    const seal = await ownSeal(context, ctx.params.id)
    return ctx.view.render('seals/show', {
      context,
      seal,
      requests: await requestsOfSeal(seal.id),
      grants: context.manages ? await grantsOfSeal(seal.id) : [],
      eslData: JSON.stringify(JSON.parse(seal.eslData), null, 2),
      verification: await verifySealData(seal.eslData, seal.eslSignature),
    })
  }

  /** the stored GB/T 38540 data (exactly the signed bytes) or the office's signature over it */
  async sealData(ctx: HttpContext) {
    const context = await sealContext(ctx)
    const seal = await ownSeal(context, ctx.params.id)
    const signature = ctx.params.part === 'signature'
    if (signature && !seal.eslSignature) throw new NotFoundError('印章数据尚未签名')
    return sendPrivateFile(ctx, {
      bytes: signature
        ? Buffer.from(seal.eslSignature!, 'base64')
        : Buffer.from(seal.eslData, 'utf8'),
      name: signature ? `${seal.code}.p7s` : `${seal.code}.json`,
      mime: signature ? 'application/pkcs7-signature' : 'application/json',
      disposition: 'attachment',
    })
  }

  async image(ctx: HttpContext) {
    const context = await sealContext(ctx)
    const seal = await ownSeal(context, ctx.params.id)
    return sendPrivateFile(ctx, sealImageFile(seal))
  }

  async replace(ctx: HttpContext) {
    const context = await sealContext(ctx)
    requireManager(context)
    const seal = await ownSeal(context, ctx.params.id)
    const photo = ctx.request.file('photo')
    const request = await requestFaceChange(seal, context.owner, {
      reason: String(ctx.request.input('reason') ?? ''),
      photo: photo ? await readUpload(ctx, 'photo', '') : null,
      template: ctx.request.input('text') ? templateInput(ctx, seal.kind) : undefined,
    })
    ctx.session.flash(
      'success',
      `更换印章申请已提交（编号 ${request.requestNo}），审核通过后新印章面生效`
    )
    return ctx.response.redirect().toRoute('seals.show', { id: seal.id })
  }

  async revoke(ctx: HttpContext) {
    const context = await sealContext(ctx)
    requireManager(context)
    const seal = await ownSeal(context, ctx.params.id)
    if (ctx.request.input('confirm') !== 'yes') {
      throw new RuleError('请勾选“我已知晓注销后印章不可恢复”', { field: 'confirm' })
    }
    await revokeSeal(seal, String(ctx.request.input('reason') ?? ''))
    ctx.session.flash('success', `印章“${seal.name}”已注销，相关授权已全部失效`)
    return ctx.response.redirect().toRoute('seals.lapsed')
  }
}
