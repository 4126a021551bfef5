import { urlFor } from '@adonisjs/core/services/url_builder'
import { defineReview, type DecisionContext, type ReviewNotice } from '#core/review'
import { isUniqueViolation } from '#core/db_errors'
import { NotFoundError } from '#core/rule_error'
import { ID_TYPES } from '#core/validation/identity'
import User from '#accounts/models/user'
import { AccountError } from '#accounts/errors'
import { rejectionText } from '#accounts/review_texts'
import RealNameRequest, { REAL_NAME_REQUEST_STATES } from './real_name_request.js'
import { documentTakenByOther, markVerified } from './checks.js'

const TAKEN = '该证件已在其他账号完成实名认证，无法通过'

async function applicantOf(request: RealNameRequest, { trx }: DecisionContext) {
  /* an automatic check is never reviewed (the pages only find manual requests; this undoes a forged id) */
  if (!request.isManual) throw new NotFoundError('该申请不存在')
  const user = await User.query({ client: trx }).where('id', request.userId).firstOrFail()
  /* notify() reads the phone from here */
  request.$setRelated('user', user)
  return user
}

/**
 * 实名认证审核 (the one review workflow, #core/review): a manual request
 * (other documents, photos of both sides). Approving marks the person
 * verified with the document, unless another active account already is
 * (the check here, the database's unique index in a race); rejecting
 * lets them try again. The applicant is told by message and SMS.
 *
 * The table keeps its own reviewer columns (reviewer_id, reviewer_name)
 * and the audit actions written before the one workflow
 * (accounts.real_name.approved / rejected).
 */
export const realNameReview = defineReview({
  name: 'accounts.real_name',
  subject: 'real_name_request',
  noun: '实名认证申请',
  model: RealNameRequest,
  columns: { reviewerId: 'reviewer_id', reviewerName: 'reviewer_name' },
  extraStates: REAL_NAME_REQUEST_STATES,
  actions: { approve: 'accounts.real_name.approved', reject: 'accounts.real_name.rejected' },
  auditActions: {
    /* entries written before the automatic checks had their lifecycle (realNameCheckLifecycle) */
    'accounts.real_name.online_passed': '实名认证（身份证核验）通过',
    'accounts.real_name.online_failed': '实名认证（身份证核验）未通过',
    'accounts.real_name.manual_submitted': '提交实名认证人工审核',
    'accounts.real_name.rejected': '实名认证审核驳回',
  },

  async onApprove(request, context) {
    const user = await applicantOf(request, context)
    if (await documentTakenByOther(user.id, request.idType, request.idNumber, context.trx)) {
      throw new AccountError(TAKEN)
    }
    markVerified(user, {
      idType: request.idType,
      name: request.name,
      idNumber: request.idNumber,
      method: 'manual',
    })
    try {
      await user.save()
    } catch (error) {
      /* another account verified the same document at the same moment: undo the decision */
      if (isUniqueViolation(error)) throw new AccountError(TAKEN)
      throw error
    }
    return { user: user.id }
  },

  async onReject(request, context) {
    const user = await applicantOf(request, context)
    /* verified meanwhile by an automatic check (a face session started before): stays verified */
    if (user.realNameStatus === 'pending') {
      user.realNameStatus = 'none'
      await user.save()
    }
    return { user: user.id }
  },

  notify(request, outcome, { input }): ReviewNotice {
    const document = ID_TYPES[request.idType as keyof typeof ID_TYPES] ?? request.idType
    const text =
      outcome === 'approved'
        ? `您提交的实名认证（${document}）已审核通过。`
        : `您提交的实名认证（${document}）未通过审核。${rejectionText(realNameReview, input)}请修改后重新提交。`
    return {
      userId: request.userId,
      title: outcome === 'approved' ? '实名认证审核通过' : '实名认证审核未通过',
      body: text,
      link: urlFor('accounts.real_name.show'),
      sms: { phone: request.user.phone, text, purpose: 'review:real_name' },
    }
  },
})
