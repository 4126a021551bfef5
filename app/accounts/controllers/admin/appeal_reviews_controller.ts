import vine from '@vinejs/vine'
import { ReviewPagesController, type ReviewPagesConfig } from '#core/http/review_pages'
import type AccountAppeal from '#accounts/models/account_appeal'
import AppealReviewPolicy from '#accounts/policies/appeal_review_policy'
import { appealReview } from '#accounts/actions/appeals'
import { findAppeal, paginateAppeals } from '#accounts/queries/reviews'
import { findApplicantByPhone } from '#accounts/queries/users'
import { recentEntriesForStaff } from '#accounts/queries/operation_logs'

/**
 * 账号申诉审核: appeals for deregistered accounts, on the one review page
 * pattern. The case page shows the appeal, the account and its recent
 * entries; approving restores the account (optionally on the appeal's
 * contact phone, the approve form's checkbox).
 */
export default class AppealReviewsController extends ReviewPagesController<AccountAppeal> {
  pages: ReviewPagesConfig<AccountAppeal> = {
    workflow: appealReview,
    policy: AppealReviewPolicy,
    title: '账号申诉审核',
    name: 'appeals',
    keywordHint: '申诉编号、联系电话、身份证号或姓名',
    /* an appellant cannot withdraw (no account to sign in with) */
    filterStates: ['pending', 'approved', 'rejected'],
    list: paginateAppeals,
    find: findAppeal,
    number: (appeal) => appeal.requestNo,
    columns: [
      { label: '真实姓名', value: (appeal) => appeal.realName },
      { label: '身份证号', value: (appeal) => appeal.idNumber, mono: true },
      { label: '联系电话', value: (appeal) => appeal.contactPhone, mono: true },
    ],
    detail: {
      view: 'accounts/admin/reviews/appeal_detail',
      data: async (appeal) => ({
        contactOwner:
          appeal.contactPhone !== appeal.user.phone
            ? await findApplicantByPhone(appeal.contactPhone)
            : null,
        entries: await recentEntriesForStaff(appeal.userId, 10),
      }),
    },
    approve: {
      help: '通过后账号恢复为正常状态，申请人将收到短信（联系电话）和站内消息。',
      confirm: '确定通过申诉并恢复账号吗？',
      button: '通过并恢复账号',
      fields: 'accounts/admin/reviews/appeal_approve_fields',
    },
    approveOptions: { use_contact_phone: vine.boolean().optional() },
    decided: (appeal, outcome) =>
      outcome === 'approved'
        ? `申诉 ${appeal.requestNo} 已通过，账号已恢复，申请人已收到短信和站内消息`
        : `申诉 ${appeal.requestNo} 已驳回，申请人已收到短信通知`,
  }
}
