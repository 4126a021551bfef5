import type { HttpContext } from '@adonisjs/core/http'
import { page } from '#core/http/list_filters'
import OrgReviewPolicy from '#orgs/policies/org_review_policy'
import { bankOutbox } from '#orgs/queries/reviews'

/**
 * 沙箱打款记录: the sandbox bank's 0.01 transfers with their memos, for
 * staff helping a claimant in a demo (a real bank shows them on the
 * org's own statement).
 */
export default class BankOutboxController {
  async index({ bouncer, request, view }: HttpContext) {
    await bouncer.with(OrgReviewPolicy).authorize('view')
    const list = await bankOutbox(page(request.qs().page))
    return view.render('orgs/admin/bank_outbox', { list })
  }
}
