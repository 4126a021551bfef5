import type { HttpContext } from '@adonisjs/core/http'
import { page } from '#core/http/list_filters'
import OrgReviewPolicy from '#orgs/policies/org_review_policy'
import { allTransfers, findTransfer } from '#orgs/queries/transfers'
import { sendTransferSignature } from '#orgs/controllers/support'
import { TRANSFER_CHANNELS } from '#orgs/actions/transfers'

/**
 * 管理员移交记录 (reviewers): every org's admin transfers with their state
 * and the legal representative's handwritten signature (private file,
 * shown inline).
 */
export default class TransferRecordsController {
  async index({ bouncer, request, view }: HttpContext) {
    await bouncer.with(OrgReviewPolicy).authorize('view')
    const { list, rows } = await allTransfers(page(request.qs().page))
    return view.render('orgs/admin/transfers', { list, rows, channels: TRANSFER_CHANNELS })
  }

  async signature(ctx: HttpContext) {
    await ctx.bouncer.with(OrgReviewPolicy).authorize('view')
    return sendTransferSignature(ctx, await findTransfer(ctx.params.id))
  }
}
