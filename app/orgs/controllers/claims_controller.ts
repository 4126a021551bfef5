import type { HttpContext } from '@adonisjs/core/http'
import { urlFor } from '@adonisjs/core/services/url_builder'
import { sendPrivateFile } from '#core/http/private_file'
import { provinces } from '#core/regions'
import { ID_TYPES } from '#core/validation/identity'
import { REAL_NAME_CODE_PURPOSE } from '#accounts/actions/real_name_checks'
import { qrSvg } from '#core/qr'
import { signingUrl } from '#orgs/actions/signing'
import {
  isLegalRepresentative,
  cancelClaim,
  claimOf,
  DEPOSIT,
  maskAccount,
  requestManualReview,
  submitClaim,
  verifyDeposit,
} from '#orgs/actions/claims'
import { BANK_UNREACHABLE, depositOfClaim } from '#orgs/actions/deposits'
import { claimValidator, depositValidator } from '#orgs/validators'
import { CLAIM_METHODS, ORG_KINDS, type ClaimMethod } from '#orgs/labels'
import { LETTER_HELP, LICENCE_HELP } from '#orgs/services/files'
import { OrgError } from '#orgs/errors'
import {
  applicantOf,
  licenceOf,
  readLicenceIntoForm,
  sendCodeAndReturn,
  wantsCode,
} from '#orgs/controllers/support'

/** the claim form's inputs a licence fills: input → the licence's field (#ocr) */
const LICENCE_CLAIM_INPUTS = {
  org_name: 'name',
  uscc: 'credit_code',
  legal_rep_name: 'legal_representative',
}

/**
 * 认领机构: the claim form (licence + org + legal representative + one
 * verification method), the claim's page (its state; the memo code of a
 * deposit; 转人工审核 after a failed check), and its licence.
 *
 * Licence prefill: the search passes the org's name and code in the
 * query string (`claimPrefill`); 识别营业执照并填入 (intent=ocr, no
 * JavaScript) reads the chosen licence (#ocr), keeps the photo (a hidden
 * `licence_token`: not chosen again) and returns the form with the empty
 * inputs filled, typed ones that differ from the licence marked; the
 * person corrects and submits.
 */
export function claimPrefill(qs: Record<string, unknown>): Record<string, string> {
  const pick = (key: string) =>
    typeof qs[key] === 'string' ? (qs[key] as string).slice(0, 200) : ''
  return { org_name: pick('name'), uscc: pick('uscc').toUpperCase() }
}

function methodOf(value: unknown): ClaimMethod {
  return typeof value === 'string' && value in CLAIM_METHODS ? (value as ClaimMethod) : 'phone'
}

export default class ClaimsController {
  async create(ctx: HttpContext) {
    const qs = ctx.request.qs()
    const method = methodOf(ctx.session.flashMessages.get('method') ?? qs.method)
    return ctx.view.render('orgs/claim/create', {
      method,
      methods: CLAIM_METHODS,
      kinds: ORG_KINDS,
      idTypes: ID_TYPES,
      provinces: provinces(),
      prefill: claimPrefill(qs),
      licenceHelp: LICENCE_HELP,
      letterHelp: LETTER_HELP,
      codePurpose: REAL_NAME_CODE_PURPOSE,
      deposit: DEPOSIT,
    })
  }

  async store(ctx: HttpContext) {
    const { request, response, session } = ctx
    const method = methodOf(request.input('method'))
    const back = urlFor('orgs.claims.create', {}, { qs: { method } })
    if (request.input('intent') === 'ocr') {
      await readLicenceIntoForm(ctx, LICENCE_CLAIM_INPUTS)
      session.flash('info', '已识别营业执照并填入，请逐项核对后提交')
      return response.redirect().toPath(back)
    }
    if (wantsCode(ctx)) {
      return sendCodeAndReturn(ctx, {
        purpose: REAL_NAME_CODE_PURPOSE,
        phone: String(request.input('legal_rep_phone') ?? '').trim(),
        to: back,
        phoneField: 'legal_rep_phone',
      })
    }
    const payload = await request.validateUsing(claimValidator)
    if (payload.method === 'phone' && !payload.smsCode) {
      throw new OrgError('请输入短信验证码', 'sms_code')
    }
    const claim = await submitClaim(
      applicantOf(ctx),
      payload,
      { licence: await licenceOf(ctx), letter: request.file('letter') },
      request.ip()
    )
    if (claim.status === 'passed')
      session.flash('success', `认领成功，您已成为“${claim.orgName}”的管理员`)
    if (claim.status === 'pending')
      session.flash('success', '认领申请已提交，请等待 CA 工作人员审核')
    if (claim.status === 'verifying' && claim.method === 'deposit') {
      const deposit = await depositOfClaim(claim.id)
      if (deposit?.status === 'pending') session.flash('info', BANK_UNREACHABLE)
      else session.flash('success', '已向对公账户打款 0.01 元，请查询打款附言中的 6 位验证码后回填')
    }
    return response.redirect().toRoute('orgs.claims.show', { id: claim.id })
  }

  async show(ctx: HttpContext) {
    const claim = await claimOf(applicantOf(ctx), ctx.params.id)
    const signing =
      claim.method === 'signing' && claim.status === 'verifying' && claim.signToken
        ? {
            url: signingUrl(claim.signToken),
            qr: await qrSvg(signingUrl(claim.signToken), '签署链接二维码'),
            self: isLegalRepresentative(applicantOf(ctx), claim),
          }
        : null
    return ctx.view.render('orgs/claim/show', {
      claim,
      signing,
      deposit: claim.method === 'deposit' ? await depositOfClaim(claim.id) : null,
      maskedAccount: maskAccount(claim.bankAccount),
      triesLeft: DEPOSIT.maxTries - claim.depositTries,
      letterHelp: LETTER_HELP,
    })
  }

  async deposit(ctx: HttpContext) {
    const { request, response, session } = ctx
    const claim = await claimOf(applicantOf(ctx), ctx.params.id)
    const { deposit_code: code } = await request.validateUsing(depositValidator)
    const result = await verifyDeposit(applicantOf(ctx), claim.id, code)
    if (result.ok) {
      session.flash('success', `认领成功，您已成为“${claim.orgName}”的管理员`)
    } else if ('field' in result && result.field) {
      throw new OrgError(result.message, result.field)
    } else {
      session.flash('error', result.message)
    }
    return response.redirect().toRoute('orgs.claims.show', { id: claim.id })
  }

  async manual(ctx: HttpContext) {
    const claim = await requestManualReview(
      applicantOf(ctx),
      ctx.params.id,
      ctx.request.file('letter'),
      ctx.request.ip()
    )
    ctx.session.flash('success', '已转人工审核，请等待 CA 工作人员审核')
    return ctx.response.redirect().toRoute('orgs.claims.show', { id: claim.id })
  }

  async cancel(ctx: HttpContext) {
    await cancelClaim(applicantOf(ctx), ctx.params.id)
    ctx.session.flash('success', '认领申请已撤回')
    return ctx.response.redirect().toRoute('orgs.claims.show', { id: ctx.params.id })
  }

  async licence(ctx: HttpContext) {
    const claim = await claimOf(applicantOf(ctx), ctx.params.id)
    return sendPrivateFile(ctx, {
      key: claim.licenceKey,
      type: claim.licenceType,
      name: `营业执照.${claim.licenceType}`,
      disposition: 'inline',
    })
  }
}
