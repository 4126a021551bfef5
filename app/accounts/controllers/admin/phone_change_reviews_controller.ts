import type { HttpContext } from '@adonisjs/core/http'
import { ReviewPagesController, type ReviewPagesConfig } from '#core/http/review_pages'
import { NotFoundError } from '#core/rule_error'
import type PhoneChangeRequest from '#accounts/models/phone_change_request'
import PhoneChangeReviewPolicy from '#accounts/policies/phone_change_review_policy'
import { idNumberMatches, phoneChangeReview } from '#accounts/actions/phone_changes'
import { findPhoneRequest, paginatePhoneRequests } from '#accounts/queries/reviews'
import { sendIdPhoto } from '#accounts/controllers/id_photo'

/**
 * 手机号变更审核: requests of applicants whose old phone is lost, on the
 * one review page pattern, with the uploaded ID photo (streamed from
 * private storage after the policy check).
 */
export default class PhoneChangeReviewsController extends ReviewPagesController<PhoneChangeRequest> {
  pages: ReviewPagesConfig<PhoneChangeRequest> = {
    workflow: phoneChangeReview,
    policy: PhoneChangeReviewPolicy,
    title: '手机号变更审核',
    name: 'phone_changes',
    keywordHint: '申请编号、手机号或证件号码',
    list: paginatePhoneRequests,
    find: findPhoneRequest,
    number: (request) => request.requestNo,
    columns: [
      { label: '申请人', value: (request) => request.user.displayName },
      { label: '原手机号', value: (request) => request.oldPhone, mono: true },
      { label: '新手机号', value: (request) => request.newPhone, mono: true },
    ],
    detail: {
      view: 'accounts/admin/reviews/phone_change_detail',
      data: async (request) => ({ idMatch: idNumberMatches(request.user, request.idNumber) }),
    },
    approve: {
      help: '通过后账号将改为绑定新手机号，所有已登录设备退出登录，申请人将收到短信和站内消息。',
      confirm: '确定通过该申请吗？',
    },
    decided: (request, outcome) =>
      outcome === 'approved'
        ? `申请 ${request.requestNo} 已通过，账号已改为绑定新手机号，申请人已收到短信和站内消息`
        : `申请 ${request.requestNo} 已驳回，申请人已收到短信和站内消息`,
  }

  async photo({ bouncer, params, response }: HttpContext) {
    await bouncer.with(PhoneChangeReviewPolicy).authorize('view')
    const request = await findPhoneRequest(String(params.id))
    if (!request) throw new NotFoundError('该申请不存在')
    return sendIdPhoto({ response }, request)
  }
}
