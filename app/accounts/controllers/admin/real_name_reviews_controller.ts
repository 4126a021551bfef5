import type { HttpContext } from '@adonisjs/core/http'
import { ReviewPagesController, type ReviewPagesConfig } from '#core/http/review_pages'
import storage from '#core/storage'
import { NotFoundError } from '#core/rule_error'
import { ID_TYPES } from '#core/validation/identity'
import type RealNameRequest from '#accounts/realname/real_name_request'
import RealNameReviewPolicy from '#accounts/realname/policies/real_name_review_policy'
import { realNameReview } from '#accounts/realname/real_name_review'
import { findManualRealNameRequest, paginateRealNameRequests } from '#accounts/queries/reviews'
import { findApplicant } from '#accounts/queries/users'
import { readIdCardPhoto, readingRows } from '#accounts/realname/id_card_reading'

/**
 * 实名认证审核: manual real-name requests (other documents, photos of
 * both sides), on the one review page pattern.
 */
export default class RealNameReviewsController extends ReviewPagesController<RealNameRequest> {
  pages: ReviewPagesConfig<RealNameRequest> = {
    workflow: realNameReview,
    policy: RealNameReviewPolicy,
    title: '实名认证审核',
    name: 'real_name',
    keywordHint: '姓名或证件号码',
    filterStates: ['pending', 'approved', 'rejected'],
    list: paginateRealNameRequests,
    find: findManualRealNameRequest,
    number: (request) => request.name,
    numberLabel: '姓名',
    columns: [
      {
        label: '证件',
        value: (request) =>
          `${ID_TYPES[request.idType as keyof typeof ID_TYPES] ?? request.idType} ${request.idNumber}`,
      },
    ],
    detail: {
      view: 'accounts/admin/reviews/real_name_detail',
      data: async (request) => ({ applicant: await findApplicant(request.userId) }),
    },
    approve: {
      help: '通过后申请人完成实名认证，证件信息将用于证书申请；申请人将收到短信和站内消息。',
    },
    decided: (_, outcome) =>
      outcome === 'approved' ? '已审核通过，申请人已收到通知' : '已驳回，申请人已收到通知',
  }

  /**
   * 识别: the case's ID card photo (one side) read by OCR; the case page
   * comes back with the fields beside the photo, those differing from
   * what the applicant typed marked. Nothing is stored or decided.
   */
  async ocr({ bouncer, params, response, session }: HttpContext) {
    await bouncer.with(RealNameReviewPolicy).authorize('view')
    const request = await findManualRealNameRequest(String(params.id))
    const side = params.side === 'back' ? 'back' : 'front'
    const key = request ? (side === 'back' ? request.backKey : request.frontKey) : null
    if (!request || !key) throw new NotFoundError('该证件照片不存在')
    const reading = await readIdCardPhoto(await storage.get(key), { field: `ocr_${side}` })
    session.flash(`ocr_${side}`, {
      side: reading.side,
      rows: readingRows(reading).map((row) => ({
        ...row,
        differs:
          (row.field === 'name' && row.value !== null && row.value !== request.name) ||
          (row.field === 'id_number' && row.value !== null && row.value !== request.idNumber),
      })),
    })
    return response.redirect().toRoute('admin.reviews.real_name.show', { id: request.id })
  }

  async photo(ctx: HttpContext) {
    const back = ctx.params.side === 'back'
    return this.caseFile(ctx, (request) => {
      const key = back ? request.backKey : request.frontKey
      const type = key?.split('.').pop() ?? ''
      return { key, type, name: `证件${back ? '反面' : '正面'}.${type}` }
    })
  }
}
