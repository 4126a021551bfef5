import { urlFor } from '@adonisjs/core/services/url_builder'
import { faultPoint } from '#core/fault_points'
import { defineReview, sentence, type ReviewWorkflow, type ReviewNotice } from '#core/review'
import { findOrg } from '#orgs/queries/orgs'
import { findApplicant } from '#accounts/queries/users'
import Seal from '#seals/models/seal'
import SealRequest from '#seals/models/seal_request'
import { sealLifecycle } from '#seals/lifecycles'
import { applyFaceChange } from '#seals/actions/seals'
import { returnSealUse } from '#seals/actions/packages'

/**
 * Staff review (印章审核) of new org seals, seals taken from photos and
 * 更换印章: approval puts the seal (or its new face) in force; a rejected
 * new seal is 已驳回 and gives its 印章套餐 use back (audited
 * seals.package.return); a rejected face change leaves the old face (it
 * took no use).
 */
async function ownerName(seal: Seal) {
  if (seal.orgId) {
    const org = await findOrg(seal.orgId)
    return org?.name ?? ''
  }
  const person = seal.ownerUserId ? await findApplicant(seal.ownerUserId) : null
  return person?.realName ?? person?.name ?? ''
}

export const sealReview: ReviewWorkflow<SealRequest> = defineReview<SealRequest>({
  name: 'seals.request',
  subject: 'seal_request',
  noun: '印章申请',
  model: SealRequest,
  auditActions: { 'seals.request.submit': '提交印章申请' },

  async onApprove(request, { trx }) {
    const seal = await Seal.query({ client: trx }).where('id', request.sealId).firstOrFail()
    if (request.type === 'create') {
      await sealLifecycle.apply(seal, 'approve', trx, { data: { requestNo: request.requestNo } })
    } else {
      sealLifecycle.assert('revoke', seal.status)
      await applyFaceChange(seal, request, await ownerName(seal), trx)
    }
    faultPoint('seals.review.after_apply')
    ;(request as any).$sealName = seal.name
    return { requestNo: request.requestNo, type: request.type, sealId: seal.id }
  },

  async onReject(request, { trx }) {
    const seal = await Seal.query({ client: trx }).where('id', request.sealId).firstOrFail()
    if (request.type === 'create' && seal.status === 'pending') {
      await sealLifecycle.apply(seal, 'reject', trx, { data: { requestNo: request.requestNo } })
      await returnSealUse(seal, `审核驳回（申请编号 ${request.requestNo}）`, trx)
    }
    ;(request as any).$sealName = seal.name
    return { requestNo: request.requestNo, type: request.type, sealId: seal.id }
  },

  notify(request, outcome, { input }): ReviewNotice {
    const name = (request as any).$sealName ?? '印章'
    const what = `${request.typeLabel}“${name}”（编号 ${request.requestNo}）`
    if (outcome === 'approved') {
      return {
        userId: request.userId,
        title: `${request.typeLabel}已通过`,
        body: `您的${what}已审核通过。`,
        link: urlFor('seals.index'),
      }
    }
    const reasonType: string | null | undefined = sealReview.reasonTypeLabel(input.reasonType)
    return {
      userId: request.userId,
      title: `${request.typeLabel}已驳回`,
      body: `您的${what}已被驳回。原因：${sentence(`${reasonType ? reasonType + '：' : ''}${input.reason ?? ''}`)}`,
      link: urlFor('seals.index'),
    }
  },
})
