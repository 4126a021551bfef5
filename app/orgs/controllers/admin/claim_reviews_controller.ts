import type { HttpContext } from '@adonisjs/core/http'
import { ReviewPagesController, type ReviewPagesConfig } from '#core/http/review_pages'
import { findApplicant } from '#accounts/queries/users'
import type OrgClaim from '#orgs/models/org_claim'
import OrgReviewPolicy from '#orgs/policies/org_review_policy'
import { claimReview } from '#orgs/actions/claims'
import { findClaim, paginateClaims } from '#orgs/queries/reviews'
import { findOrg, membersOf, orgHistory } from '#orgs/queries/orgs'

/**
 * 机构认领审核: claims by CA review (and failed automatic checks turned to
 * manual review), on the one review page pattern: the licence and the
 * 授权委托书 inline, the org's history and members.
 */
export default class ClaimReviewsController extends ReviewPagesController<OrgClaim> {
  pages: ReviewPagesConfig<OrgClaim> = {
    workflow: claimReview,
    policy: OrgReviewPolicy,
    title: '机构认领审核',
    name: 'org_claims',
    keywordHint: '申请编号、机构名称或统一社会信用代码',
    filterStates: ['pending', 'approved', 'rejected', 'cancelled'],
    list: paginateClaims,
    find: findClaim,
    number: (claim) => claim.requestNo,
    columns: [
      { label: '机构名称', value: (claim) => claim.orgName },
      { label: '统一社会信用代码', value: (claim) => claim.uscc, mono: true },
      { label: '法定代表人', value: (claim) => claim.legalRepName },
    ],
    detail: {
      view: 'orgs/admin/claim_detail',
      data: async (claim) => ({
        claimant: await findApplicant(claim.userId),
        org: await findOrg(claim.orgId),
        members: await membersOf(claim.orgId),
        history: await orgHistory(claim.orgId, 20),
      }),
    },
    approve: {
      help: '通过后机构即为已认领，申请人成为机构管理员，机构记为“营业执照已经 CA 审核”（预核验）。',
      confirm: '确定通过该机构认领申请吗？',
      button: '审核通过',
    },
    decided: (claim, outcome) =>
      outcome === 'approved'
        ? `认领申请 ${claim.requestNo} 已通过，${claim.orgName} 已认领`
        : `认领申请 ${claim.requestNo} 已驳回，申请人已收到站内消息`,
  }

  async file(ctx: HttpContext) {
    const letter = ctx.params.which === 'letter'
    return this.caseFile(ctx, (claim) => {
      const key = letter ? claim.letterKey : claim.licenceKey
      const type = letter ? claim.letterType : claim.licenceType
      return type ? { key, type, name: `${letter ? '授权委托书' : '营业执照'}.${type}` } : null
    })
  }
}
