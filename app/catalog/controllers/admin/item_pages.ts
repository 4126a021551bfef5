import type { HttpContext } from '@adonisjs/core/http'
import type { VineValidator } from '@vinejs/vine'
import { page } from '#core/http/list_filters'
import type { Lifecycle } from '#core/lifecycle'
import { notFound } from '#catalog/errors'
import { cleanKeyword } from '#catalog/queries/content'

/**
 * The one page pattern of the catalog's back office: every kind of item
 * (服务区域, 交易平台, 取证地址, 发货地址, 证书产品, 通知公告, 操作指南,
 * 下载专区) has a list, a form to create and edit, a status button
 * (启用/停用, 上架/下架, 发布/撤回) and a delete button. A controller
 * extends `ItemPagesController` and fills `pages`; the views are
 * resources/views/catalog/admin/<kind>/{index,form}.edge.
 *
 *   export default class RegionsController extends ItemPagesController<ServiceRegion> {
 *     pages = { policy: CatalogPolicy, views: 'catalog/admin/regions',
 *               route: 'admin.catalog.regions', find: findRegion, … }
 *   }
 */
type Policy = { new (...args: any[]): object }

interface Item {
  id: string
  status: string
}

export interface ItemMessages<M> {
  created: (item: M) => string
  updated: (item: M) => string
  switched: (item: M, status: string) => string
  deleted: (item: M) => string
}

export interface ItemPagesConfig<M extends Item> {
  policy: Policy
  /** the ability the list needs (the forms and buttons need 'manage') */
  listAbility: 'view' | 'manage'
  /** folder of the index and form views */
  views: string
  /** route name prefix: `${route}.index`, `.create`, `.edit`, … */
  route: string
  find: (id: string) => Promise<M | null>
  /** data of the list page */
  list: (ctx: HttpContext) => Promise<Record<string, unknown>>
  /** data of the form page (item: null when creating) */
  form: (item: M | null, ctx: HttpContext) => Promise<Record<string, unknown>>
  validator: VineValidator<any, any>
  statusValidator: VineValidator<any, any>
  create: (payload: any, ctx: HttpContext) => Promise<M>
  update: (id: string, payload: any, ctx: HttpContext) => Promise<M>
  setStatus: (id: string, status: any) => Promise<M>
  remove: (id: string) => Promise<M>
  messages: ItemMessages<M>
  /** the page shown after a save: the item's own page (default: the list) */
  showAfterSave?: boolean
  /** the status button returns to the page it was on (default: the list) */
  switchInPlace?: boolean
}

/**
 * 已新增/已保存/已删除 X“name”, X“name”已启用 (or 已上架…).
 */
export function itemMessages<M extends Item>(
  noun: string,
  nameOf: (item: M) => string,
  lifecycle: Lifecycle<any, any>
): ItemMessages<M> {
  return {
    created: (item) => `已新增${noun}“${nameOf(item)}”`,
    updated: (item) => `已保存${noun}“${nameOf(item)}”`,
    switched: (item, status) => `${noun}“${nameOf(item)}”已${lifecycle.label(status)}`,
    deleted: (item) => `已删除${noun}“${nameOf(item)}”`,
  }
}

/**
 * Content is published or kept as a draft: 已发布X“title”, 已保存草稿“title”,
 * 已撤回“title”，申请人不再可见.
 */
export function contentMessages<M extends Item>(
  noun: string,
  nameOf: (item: M) => string
): ItemMessages<M> {
  return {
    created: (item) =>
      item.status === 'published'
        ? `已发布${noun}“${nameOf(item)}”`
        : `已保存草稿“${nameOf(item)}”`,
    updated: (item) => `已保存${noun}“${nameOf(item)}”`,
    switched: (item, status) =>
      status === 'published'
        ? `已发布“${nameOf(item)}”`
        : `已撤回“${nameOf(item)}”，申请人不再可见`,
    deleted: (item) => `已删除${noun}“${nameOf(item)}”`,
  }
}

/**
 * A list's filters from the query string: `query` as typed (the filter
 * form shows it again), `filters` with camelCase keys for the list query,
 * and the page number.
 */
export function listFilters<K extends string>(request: HttpContext['request'], keys: K[]) {
  const query = Object.fromEntries(keys.map((k) => [k, cleanKeyword(request.input(k))])) as Record<
    K,
    string
  >
  const filters = Object.fromEntries(
    keys.map((k) => [k.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase()), query[k]])
  )
  return { query, filters, page: page(request.input('page')) }
}

export abstract class ItemPagesController<M extends Item> {
  abstract pages: ItemPagesConfig<M>

  async index(ctx: HttpContext) {
    const pages = this.pages
    await ctx.bouncer.with(pages.policy as any).authorize(pages.listAbility)
    return ctx.view.render(`${pages.views}/index`, await pages.list(ctx))
  }

  async create(ctx: HttpContext) {
    const pages = this.pages
    await this.#manage(ctx)
    return ctx.view.render(`${pages.views}/form`, await pages.form(null, ctx))
  }

  async store(ctx: HttpContext) {
    const pages = this.pages
    await this.#manage(ctx)
    const payload = await ctx.request.validateUsing(pages.validator)
    const item = await pages.create(payload, ctx)
    ctx.session.flash('success', pages.messages.created(item))
    return this.#afterSave(ctx, item)
  }

  async edit(ctx: HttpContext) {
    const pages = this.pages
    await this.#manage(ctx)
    const item = (await pages.find(ctx.params.id)) ?? notFound()
    return ctx.view.render(`${pages.views}/form`, await pages.form(item, ctx))
  }

  async update(ctx: HttpContext) {
    const pages = this.pages
    await this.#manage(ctx)
    const payload = await ctx.request.validateUsing(pages.validator)
    const item = await pages.update(ctx.params.id, payload, ctx)
    ctx.session.flash('success', pages.messages.updated(item))
    return this.#afterSave(ctx, item)
  }

  async status(ctx: HttpContext) {
    const pages = this.pages
    await this.#manage(ctx)
    const { status } = await ctx.request.validateUsing(pages.statusValidator)
    const item = await pages.setStatus(ctx.params.id, status)
    ctx.session.flash('success', pages.messages.switched(item, status))
    if (pages.switchInPlace) return ctx.response.redirect().back()
    return ctx.response.redirect().toRoute(`${pages.route}.index` as any)
  }

  async destroy(ctx: HttpContext) {
    const pages = this.pages
    await this.#manage(ctx)
    const item = await pages.remove(ctx.params.id)
    ctx.session.flash('success', pages.messages.deleted(item))
    return ctx.response.redirect().toRoute(`${pages.route}.index` as any)
  }

  async #manage(ctx: HttpContext) {
    await ctx.bouncer.with(this.pages.policy as any).authorize('manage')
  }

  #afterSave(ctx: HttpContext, item: M) {
    const pages = this.pages
    if (pages.showAfterSave) {
      return ctx.response.redirect().toRoute(`${pages.route}.show` as any, { id: item.id } as any)
    }
    return ctx.response.redirect().toRoute(`${pages.route}.index` as any)
  }
}
