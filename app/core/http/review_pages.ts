import type { HttpContext } from '@adonisjs/core/http'
import router from '@adonisjs/core/services/router'
import type { ModelPaginatorContract, LucidRow } from '@adonisjs/lucid/types/model'
import vine from '@vinejs/vine'
import { withFieldLabels } from '#core/validation/messages'
import { NotFoundError } from '#core/rule_error'
import { sendPrivateFile } from '#core/http/private_file'
import { isoDate, page, text } from '#core/http/list_filters'
import { reviewerOf, type StaffActor } from '#core/staff'
import type { ReviewWorkflow } from '#core/review'
import type { ActionOf, LazyController } from '#core/http/route_sets'

/**
 * The one page pattern of every staff review queue (账号申诉, 手机号变更,
 * 实名认证, and the org claims, org changes and seal reviews to come): a
 * list with filters (status, keyword, dates), a case page with the
 * module's details, and the two decision forms (通过 with an optional
 * note, 驳回 with a 驳回类型 and a reason that the applicant is told).
 *
 * A module's back-office controller extends this class and fills in
 * `pages`; the views are resources/views/admin/reviews/{index,show}.edge,
 * which include the module's `detail` partial for the case itself.
 *
 *   export default class AppealReviewsController extends ReviewPagesController<AccountAppeal> {
 *     pages = { workflow: appealReview, policy: AppealReviewPolicy, title: '账号申诉审核', … }
 *   }
 */
/** the names of a review's four back-office routes (admin.reviews.<name>.index/show/approve/reject) */
function reviewRouteNames(name: string) {
  return {
    index: `admin.reviews.${name}.index`,
    show: `admin.reviews.${name}.show`,
    approve: `admin.reviews.${name}.approve`,
    reject: `admin.reviews.${name}.reject`,
  }
}

/**
 * Declares a review's four pages inside backOfficeRoutes(): the list
 * /admin/reviews/<path>, the case /:id and its two decisions, named as
 * reviewRouteNames(name) says; `files` adds the case's private files,
 * e.g. { file: 'files/:which' }: GET /admin/reviews/<path>/:id/files/:which
 * → the controller's `file`, named admin.reviews.<name>.file.
 */
export function reviewRoutes<T>(
  path: string,
  name: string,
  controller: LazyController<T>,
  files: Partial<Record<ActionOf<T>, string>> = {}
) {
  const handler = (action: string) => [controller, action] as any
  router.get(`/reviews/${path}`, handler('index')).as(`reviews.${name}.index`)
  router.get(`/reviews/${path}/:id`, handler('show')).as(`reviews.${name}.show`)
  router.post(`/reviews/${path}/:id/approve`, handler('approve')).as(`reviews.${name}.approve`)
  router.post(`/reviews/${path}/:id/reject`, handler('reject')).as(`reviews.${name}.reject`)
  for (const [action, file] of Object.entries<string | undefined>(files)) {
    router.get(`/reviews/${path}/:id/${file}`, handler(action)).as(`reviews.${name}.${action}`)
  }
}

export interface ReviewColumn<M> {
  label: string
  value: (item: M) => string
  mono?: boolean
}

export interface ReviewListFilters {
  /** a state of the review, or 'all' */
  status: string
  q: string
  from: string
  to: string
}

type ReviewPolicy = {
  new (...args: any[]): { view(actor: unknown): boolean; review(actor: unknown): boolean }
}

export interface ReviewPagesConfig<M extends LucidRow & { id: string; status: string }> {
  workflow: ReviewWorkflow<M>
  policy: ReviewPolicy
  /** page title ("账号申诉审核") */
  title: string
  /**
   * the review's name in the back office ("appeals"): its routes are
   * reviewRouteNames(name), declared by reviewRoutes(path, name, …), and
   * its menu item is `reviews.<name>`
   */
  name: string
  /** what the keyword searches, for its placeholder */
  keywordHint: string
  /** the states offered by the status filter (default: every state of the review) */
  filterStates?: string[]
  list: (filters: ReviewListFilters, page: number) => Promise<ModelPaginatorContract<M>>
  find: (id: string) => Promise<M | null>
  /** the case's number shown to staff (申请编号) */
  number: (item: M) => string
  /** the number's column heading when it is not an 申请编号 (e.g. 姓名) */
  numberLabel?: string
  columns: ReviewColumn<M>[]
  /** the module's partial with the case's details (and data it needs) */
  detail: { view: string; data?: (item: M) => Promise<Record<string, unknown>> }
  /** the approve form: explanation, confirm text, and an optional partial with extra fields */
  approve?: { help?: string; confirm?: string; button?: string; fields?: string }
  /** extra fields of the approve form, as VineJS schema properties */
  approveOptions?: Record<string, any>
  /** what the flash message says after a decision */
  decided: (item: M, outcome: 'approved' | 'rejected') => string
}

const approveBase = {
  review_reason: vine.string().trim().maxLength(500).optional(),
}

const { create: createValidator } = withFieldLabels({
  review_reason: '驳回原因',
  reason_type: '驳回类型',
})

const rejectValidator = createValidator({
  reason_type: vine.string().trim().maxLength(40),
  review_reason: vine.string().trim().minLength(2).maxLength(500),
})

const approveValidators = new WeakMap<object, ReturnType<typeof createValidator>>()

function approveValidatorOf(pages: ReviewPagesConfig<any>) {
  let validator = approveValidators.get(pages.workflow)
  if (!validator) {
    validator = createValidator({ ...approveBase, ...pages.approveOptions })
    approveValidators.set(pages.workflow, validator)
  }
  return validator
}

/** what the two views read: the configuration with its route names and menu item */
function pagesView(pages: ReviewPagesConfig<any>) {
  return { ...pages, routes: reviewRouteNames(pages.name), menuKey: `reviews.${pages.name}` }
}

export abstract class ReviewPagesController<M extends LucidRow & { id: string; status: string }> {
  abstract pages: ReviewPagesConfig<M>

  async index({ bouncer, request, view }: HttpContext) {
    const pages = this.pages
    await bouncer.with(pages.policy as any).authorize('view')
    const qs = request.qs()
    const filters: ReviewListFilters = {
      status: text(qs.status, 20) ?? 'pending',
      q: text(qs.q) ?? '',
      from: isoDate(qs.from) ?? '',
      to: isoDate(qs.to) ?? '',
    }
    const list = await pages.list(filters, page(qs.page))
    const labels: Record<string, string> = pages.workflow.lifecycle.labels()
    const offered = pages.filterStates ?? Object.keys(labels)
    return view.render('admin/reviews/index', {
      pages: pagesView(pages),
      list,
      query: filters,
      statuses: {
        ...Object.fromEntries(offered.map((state) => [state, labels[state] ?? state])),
        all: '全部状态',
      },
    })
  }

  async show({ bouncer, params, view }: HttpContext) {
    const pages = this.pages
    await bouncer.with(pages.policy as any).authorize('view')
    const item = await this.#find(params.id)
    return view.render('admin/reviews/show', {
      pages: pagesView(pages),
      item,
      workflow: pages.workflow,
      detail: pages.detail.data ? await pages.detail.data(item) : {},
      canReview: await bouncer.with(pages.policy as any).allows('review'),
    })
  }

  async approve({ bouncer, params, request, response, session, auth }: HttpContext) {
    const pages = this.pages
    await bouncer.with(pages.policy as any).authorize('review')
    const item = await this.#find(params.id)
    const payload = await request.validateUsing(approveValidatorOf(pages))
    const { review_reason: reason, ...options } = payload as Record<string, any>
    const decided = await pages.workflow.approve(reviewerOf(this.#staff(auth)), item.id, {
      reason,
      options,
    })
    session.flash('success', pages.decided(decided, 'approved'))
    return response.redirect().toRoute(reviewRouteNames(pages.name).index as any)
  }

  async reject({ bouncer, params, request, response, session, auth }: HttpContext) {
    const pages = this.pages
    await bouncer.with(pages.policy as any).authorize('review')
    const item = await this.#find(params.id)
    const payload = await request.validateUsing(rejectValidator)
    const decided = await pages.workflow.reject(reviewerOf(this.#staff(auth)), item.id, {
      reasonType: payload.reason_type,
      reason: payload.review_reason,
    })
    session.flash('success', pages.decided(decided, 'rejected'))
    return response.redirect().toRoute(reviewRouteNames(pages.name).index as any)
  }

  /**
   * A private file of the case (its licence, an ID photo, a seal's face)
   * inline, for staff who may see the queue: `pick` says which file of the
   * case the request asks for (none, or no key: 404). The module's action
   * (`file`, `photo`, `image`) is declared by reviewRoutes or next to it.
   */
  protected async caseFile(
    ctx: HttpContext,
    pick: (item: M) => { key: string | null; type: string; name: string } | null
  ) {
    await ctx.bouncer.with(this.pages.policy as any).authorize('view')
    const file = pick(await this.#find(ctx.params.id))
    if (!file?.key) throw new NotFoundError('文件不存在')
    return sendPrivateFile(ctx, {
      key: file.key,
      type: file.type,
      name: file.name,
      disposition: 'inline',
    })
  }

  async #find(id: unknown) {
    const item = typeof id === 'string' ? await this.pages.find(id) : null
    if (!item) throw new NotFoundError('该申请不存在')
    return item
  }

  #staff(auth: HttpContext['auth']) {
    return auth.use('admin').user as unknown as StaffActor
  }
}
