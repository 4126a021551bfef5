import type { HttpContext } from '@adonisjs/core/http'
import { ReviewPagesController, type ReviewPagesConfig } from '#core/http/review_pages'
import { findApplicant } from '#accounts/queries/users'
import type OrgCase from '#orgs/models/org_case'
import OrgReviewPolicy from '#orgs/policies/org_review_policy'
import { caseReview } from '#orgs/actions/cases'
import { findCase, paginateCases } from '#orgs/queries/reviews'
import { membersOf, orgHistory } from '#orgs/queries/orgs'

/**
 * 机构变更/申诉审核: 企业名称变更, 法定代表人变更 and 机构申诉 on the one
 * review page pattern, the new licence and the letter inline, the org's
 * members and history.
 */
export default class CaseReviewsController extends ReviewPagesController<OrgCase> {
  pages: ReviewPagesConfig<OrgCase> = {
    workflow: caseReview,
    policy: OrgReviewPolicy,
    title: '机构变更/申诉审核',
    name: 'org_cases',
    keywordHint: '申请编号',
    filterStates: ['pending', 'approved', 'rejected'],
    list: paginateCases,
    find: findCase,
    number: (item) => item.requestNo,
    columns: [
      { label: '类型', value: (item) => item.kindLabel },
      { label: '机构名称', value: (item) => item.org.name },
      { label: '统一社会信用代码', value: (item) => item.org.uscc, mono: true },
    ],
    detail: {
      view: 'orgs/admin/case_detail',
      data: async (item) => ({
        applicant: await findApplicant(item.userId),
        members: await membersOf(item.orgId),
        history: await orgHistory(item.orgId, 20),
      }),
    },
    approve: {
      help: '变更：通过后机构信息即更新，机构的证书标记为需变更。申诉：通过后申诉人成为管理员，原管理员被移出。',
      confirm: '确定审核通过吗？',
      button: '审核通过',
    },
    decided: (item, outcome) =>
      `${item.kindLabel}（${item.requestNo}）${outcome === 'approved' ? '已通过' : '已驳回'}，申请人已收到站内消息`,
  }

  async file(ctx: HttpContext) {
    const letter = ctx.params.which === 'letter'
    return this.caseFile(ctx, (item) => {
      const type = letter ? item.letterType : item.licenceType
      const name = letter ? (item.kind === 'appeal' ? '申诉函' : '授权委托书') : '营业执照'
      return { key: letter ? item.letterKey : item.licenceKey, type, name: `${name}.${type}` }
    })
  }
}
