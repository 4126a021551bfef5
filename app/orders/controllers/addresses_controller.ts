import type { HttpContext } from '@adonisjs/core/http'
import { NotFoundError } from '#core/rule_error'
import type { Applicant } from '#accounts/queries/users'
import {
  addressesOf,
  createAddress,
  deleteAddress,
  findOwnAddress,
  MAX_ADDRESSES,
  setDefaultAddress,
  updateAddress,
} from '#orders/actions/addresses'
import { addressValidator } from '#orders/validators'

/**
 * 收件地址: the applicant's address book, used by the 邮寄 delivery step.
 */
export default class AddressesController {
  async index({ auth, view }: HttpContext) {
    const user = auth.getUserOrFail() as Applicant
    return view.render('orders/addresses/index', {
      addresses: await addressesOf(user.id),
      max: MAX_ADDRESSES,
    })
  }

  async create({ view }: HttpContext) {
    return view.render('orders/addresses/form', { address: null })
  }

  async store({ auth, request, response, session }: HttpContext) {
    const user = auth.getUserOrFail() as Applicant
    const payload = await request.validateUsing(addressValidator)
    await createAddress(user.id, payload)
    session.flash('success', '收件地址已保存')
    /* back to the delivery step it was opened from (?next=/orders/<no>/apply/delivery) */
    const next = /^\/orders\/(\d{19})\/apply\/delivery$/.exec(String(request.input('next') ?? ''))
    return next
      ? response.redirect().toRoute('orders.apply.delivery', { orderNo: next[1] })
      : response.redirect().toRoute('orders.addresses.index')
  }

  async edit(ctx: HttpContext) {
    return ctx.view.render('orders/addresses/form', { address: await this.#own(ctx) })
  }

  async update(ctx: HttpContext) {
    const address = await this.#own(ctx)
    const payload = await ctx.request.validateUsing(addressValidator)
    await updateAddress(address, payload)
    ctx.session.flash('success', '收件地址已更新')
    return ctx.response.redirect().toRoute('orders.addresses.index')
  }

  async makeDefault(ctx: HttpContext) {
    await setDefaultAddress(await this.#own(ctx))
    ctx.session.flash('success', '已设为默认地址')
    return ctx.response.redirect().toRoute('orders.addresses.index')
  }

  async destroy(ctx: HttpContext) {
    await deleteAddress(await this.#own(ctx))
    ctx.session.flash('success', '收件地址已删除')
    return ctx.response.redirect().toRoute('orders.addresses.index')
  }

  async #own({ auth, params }: HttpContext) {
    const user = auth.getUserOrFail() as Applicant
    const address = await findOwnAddress(user.id, params.id)
    if (!address) throw new NotFoundError()
    return address
  }
}
