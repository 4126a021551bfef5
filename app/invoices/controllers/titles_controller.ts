import type { HttpContext } from '@adonisjs/core/http'
import { NotFoundError } from '#core/rule_error'
import {
  createTitle,
  deleteTitles,
  findOwnTitle,
  MAX_TITLES,
  titlesOf,
  updateTitle,
  type Owner,
} from '#invoices/actions/titles'
import { deleteTitlesValidator, titleValidator } from '#invoices/validators'
import { TITLE_TYPES } from '#invoices/labels'
import { InvoiceError } from '#invoices/errors'
import { titleBookOf } from '#invoices/title_book'

/**
 * 发票抬头: the title book the signed-in person works on (#invoices/title_book):
 * their own, or — acting as an org — the org's, which its admins edit and
 * its members only read (403 on the editing pages). 删除抬头 takes several
 * ticked titles and asks "确定要删除选中的抬头吗？" on a page of its own
 * (the dialog that works without JavaScript) before deleting.
 */
async function editableBook(ctx: HttpContext): Promise<Owner> {
  const book = await titleBookOf(ctx)
  if (!book.canEdit)
    throw new InvoiceError('只有本单位管理员可以维护单位的发票抬头', { status: 403 })
  return book.owner
}

export default class TitlesController {
  async index(ctx: HttpContext) {
    const book = await titleBookOf(ctx)
    return ctx.view.render('invoices/titles/index', {
      titles: await titlesOf(book.owner),
      book,
      max: MAX_TITLES,
      types: TITLE_TYPES,
    })
  }

  async create(ctx: HttpContext) {
    await editableBook(ctx)
    return ctx.view.render('invoices/titles/form', { title: null, types: TITLE_TYPES })
  }

  async store(ctx: HttpContext) {
    const owner = await editableBook(ctx)
    const payload = await ctx.request.validateUsing(titleValidator)
    await createTitle(owner, payload)
    ctx.session.flash('success', '发票抬头已保存')
    const back = String(ctx.request.input('next') ?? '')
    const orderNo = String(ctx.request.input('order') ?? '')
    if (back === 'pay' && /^\d{19}$/.test(orderNo))
      return ctx.response.redirect().toRoute('orders.pay', { orderNo })
    return back === 'invoices.new'
      ? ctx.response.redirect().toRoute('invoices.new')
      : ctx.response.redirect().toRoute('invoices.titles.index')
  }

  async edit(ctx: HttpContext) {
    return ctx.view.render('invoices/titles/form', {
      title: await this.#own(ctx, await editableBook(ctx)),
      types: TITLE_TYPES,
    })
  }

  async update(ctx: HttpContext) {
    const title = await this.#own(ctx, await editableBook(ctx))
    const payload = await ctx.request.validateUsing(titleValidator)
    await updateTitle(title, payload)
    ctx.session.flash('success', '发票抬头已更新')
    return ctx.response.redirect().toRoute('invoices.titles.index')
  }

  /**
   * 删除抬头: without `confirmed`, the confirmation page; with it, delete.
   */
  async destroy(ctx: HttpContext) {
    const raw = ctx.request.input('ids')
    ctx.request.updateBody({
      ...ctx.request.body(),
      ids: raw === undefined || raw === null ? [] : [raw].flat(),
    })
    const owner = await editableBook(ctx)
    const { ids } = await ctx.request.validateUsing(deleteTitlesValidator)
    if (ctx.request.input('confirmed') !== '1') {
      const all = await titlesOf(owner)
      const chosen = all.filter((t) => (ids ?? []).includes(t.id))
      if (!chosen.length) {
        ctx.session.flash('error', '请选择要删除的抬头')
        return ctx.response.redirect().toRoute('invoices.titles.index')
      }
      return ctx.view.render('invoices/titles/delete', { titles: chosen, types: TITLE_TYPES })
    }
    const count = await deleteTitles(owner, ids ?? [])
    ctx.session.flash('success', `已删除 ${count} 个发票抬头`)
    return ctx.response.redirect().toRoute('invoices.titles.index')
  }

  async #own(ctx: HttpContext, owner: Owner) {
    const title = await findOwnTitle(owner, ctx.params.id)
    if (!title) throw new NotFoundError('发票抬头不存在')
    return title
  }
}
