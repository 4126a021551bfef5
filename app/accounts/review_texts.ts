import { sentence, type ReviewInput } from '#core/review'

/**
 * What the applicant is told when one of the account reviews (账号申诉,
 * 手机号变更, 实名认证) is returned: the 驳回类型 and the reason, in one
 * sentence that ends once ("驳回类型：资料不清晰；原因：照片模糊。").
 */
export function rejectionText(
  review: { reasonTypeLabel(key: string | null | undefined): string },
  input: ReviewInput
) {
  const type = review.reasonTypeLabel(input.reasonType)
  return `${type ? `驳回类型：${type}；` : ''}原因：${sentence(input.reason ?? '')}`
}
