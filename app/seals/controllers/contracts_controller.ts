import type { HttpContext } from '@adonisjs/core/http'
import { sendPrivateFile } from '#core/http/private_file'
import { inspectUpload } from '#core/uploads'
import { ID_PHOTO_RULE } from '#accounts/actions/phone_changes'
import { NotFoundError } from '#core/rule_error'
import { contractFormToken, signContract } from '#seals/actions/contracts'
import { contractText } from '#seals/contract_text'
import { contractsOf, findContractOf } from '#seals/queries/contracts'
import { usableSealsOf } from '#seals/queries/seals'
import { sealContext } from '#seals/controllers/support'
import { optionalSignatureBytes } from '#seals/validators'

/**
 * 电子合同 (manual 003 §3.2.1): read the office's contract, tick 本人已同意签署合同,
 * sign by hand (pad, photo, or one's own 个人手写签名), optionally stamp a
 * seal one may use; the list of signed contracts and their signed PDFs.
 * Another person's contract: 404.
 */
export default class ContractsController {
  async index(ctx: HttpContext) {
    const context = await sealContext(ctx)
    return ctx.view.render('seals/contracts/index', {
      context,
      contracts: await contractsOf(context.applicant.id),
    })
  }

  async create(ctx: HttpContext) {
    const context = await sealContext(ctx)
    const usable = await usableSealsOf(context.applicant.id)
    const orgId = context.owner.type === 'org' ? context.owner.orgId : null
    return ctx.view.render('seals/contracts/new', {
      context,
      /* one-time, fresh on every visit: the same form submitted twice signs once */
      formToken: contractFormToken(context.applicant.id),
      text: contractText(),
      verified: context.applicant.isVerified && Boolean(context.applicant.realName),
      signatures: usable.filter((s) => s.kind === 'personal_signature'),
      seals: usable.filter(
        (s) => !s.kind.endsWith('signature') && (orgId ? s.orgId === orgId : !s.orgId)
      ),
    })
  }

  async store(ctx: HttpContext) {
    const context = await sealContext(ctx)
    const { applicant, owner } = context
    const { contract, repeated } = await signContract(
      {
        userId: applicant.id,
        realName: applicant.isVerified ? applicant.realName : null,
        realIdNumber: applicant.realIdNumber,
        org:
          owner.type === 'org' ? { id: owner.orgId, name: owner.orgName, uscc: owner.uscc } : null,
      },
      {
        agreed: ctx.request.input('agree') === 'yes',
        formToken: ctx.request.input('form_token') || null,
        signatureSealId: ctx.request.input('signature_seal_id') || null,
        sealId: ctx.request.input('seal_id') || null,
        signature: await optionalSignatureBytes(ctx),
        idPhoto: ctx.request.file('id_photo')
          ? await inspectUpload(ctx.request.file('id_photo'), ID_PHOTO_RULE)
          : null,
      }
    )
    ctx.session.flash(
      'success',
      repeated
        ? `该合同已签署，无需重复提交（合同编号 ${contract.contractNo}）`
        : `电子合同已签署（合同编号 ${contract.contractNo}）`
    )
    return ctx.response.redirect().toRoute('seals.contracts.show', { id: contract.id })
  }

  async show(ctx: HttpContext) {
    const context = await sealContext(ctx)
    const contract = await findContractOf(context.applicant.id, ctx.params.id)
    if (!contract) throw new NotFoundError('合同不存在')
    return ctx.view.render('seals/contracts/show', { context, contract, text: contractText() })
  }

  async pdf(ctx: HttpContext) {
    const context = await sealContext(ctx)
    const contract = await findContractOf(context.applicant.id, ctx.params.id)
    if (!contract) throw new NotFoundError('合同不存在')
    return sendPrivateFile(ctx, {
      key: contract.pdfKey,
      name: `电子合同-${contract.contractNo}.pdf`,
      type: 'pdf',
      disposition: ctx.request.input('inline') === '1' ? 'inline' : 'attachment',
    })
  }
}
