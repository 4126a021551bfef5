import type { HttpContext } from '@adonisjs/core/http'
import { ReviewPagesController, type ReviewPagesConfig } from '#core/http/review_pages'
import { findApplicant } from '#accounts/queries/users'
import { findOrg } from '#orgs/queries/orgs'
import type SealRequest from '#seals/models/seal_request'
import SealReviewPolicy from '#seals/policies/seal_review_policy'
import { sealReview } from '#seals/actions/reviews'
import { findRequest, paginateRequests } from '#seals/queries/reviews'

/**
 * 印章审核: new org seals, seals taken from photos and 更换印章, on the one
 * review page pattern, with the seal's face (and the new one) inline.
 */
export default class SealReviewsController extends ReviewPagesController<SealRequest> {
  pages: ReviewPagesConfig<SealRequest> = {
    workflow: sealReview,
    policy: SealReviewPolicy,
    title: '印章审核',
    name: 'seals',
    keywordHint: '申请编号或印章名称',
    filterStates: ['pending', 'approved', 'rejected', 'cancelled'],
    list: paginateRequests,
    find: findRequest,
    number: (request) => request.requestNo,
    columns: [
      { label: '类型', value: (request) => request.typeLabel },
      { label: '印章名称', value: (request) => request.seal.name },
      { label: '印章类型', value: (request) => request.seal.kindLabel },
      { label: '制作方式', value: (request) => request.seal.sourceLabel },
    ],
    detail: {
      view: 'seals/admin/request_detail',
      data: async (request) => ({
        applicant: await findApplicant(request.userId),
        org: request.seal.orgId ? await findOrg(request.seal.orgId) : null,
      }),
    },
    approve: {
      help: '通过后印章（或新的印章面）即生效。',
      confirm: '确定通过该印章申请吗？',
      button: '审核通过',
    },
    decided: (request, outcome) =>
      outcome === 'approved'
        ? `印章申请 ${request.requestNo} 已通过`
        : `印章申请 ${request.requestNo} 已驳回，申请人已收到站内消息`,
  }

  async image(ctx: HttpContext) {
    const which = ctx.params.which
    return this.caseFile(ctx, (request) => ({
      key: which === 'new' ? request.imageKey : request.seal.imageKey,
      type: 'png',
      name: `${request.requestNo}-${which}.png`,
    }))
  }
}
