import type { HttpContext } from '@adonisjs/core/http'
import {
  AddressBookError,
  addressesOf,
  createAddress,
  deleteAddress,
  findOwnAddress,
  MAX_ADDRESSES,
  setDefaultAddress,
  updateAddress,
} from '#orders/actions/addresses'
import { addressValidator } from '#orders/validators'
import type User from '#accounts/models/user'

/**
 * 收件地址: the applicant's address book, used by the 邮寄 delivery step.
 */
export default class AddressesController {
  async index({ auth, view }: HttpContext) {
    const user = auth.getUserOrFail() as User
    return view.render('orders/addresses/index', {
      addresses: await addressesOf(user.id),
      max: MAX_ADDRESSES,
    })
  }

  async create({ view }: HttpContext) {
    return view.render('orders/addresses/form', { address: null })
  }

  async store({ auth, request, response, session }: HttpContext) {
    const user = auth.getUserOrFail() as User
    const payload = await request.validateUsing(addressValidator)
    try {
      await createAddress(user.id, {
        receiver: payload.receiver,
        phone: payload.phone,
        regionCode: payload.region_code,
        detail: payload.detail,
        label: payload.label ?? null,
        isDefault: payload.is_default ?? false,
      })
    } catch (error) {
      if (!(error instanceof AddressBookError)) throw error
      session.flashExcept(['_csrf'])
      session.flash('error', error.message)
      return response.redirect('/account/addresses/create')
    }
    session.flash('success', '收件地址已保存')
    return response.redirect(this.#back(request))
  }

  async edit({ auth, params, view, response }: HttpContext) {
    const user = auth.getUserOrFail() as User
    const address = await findOwnAddress(user.id, params.id)
    if (!address) return response.notFound()
    return view.render('orders/addresses/form', { address })
  }

  async update({ auth, params, request, response, session }: HttpContext) {
    const user = auth.getUserOrFail() as User
    const address = await findOwnAddress(user.id, params.id)
    if (!address) return response.notFound()
    const payload = await request.validateUsing(addressValidator)
    await updateAddress(address, {
      receiver: payload.receiver,
      phone: payload.phone,
      regionCode: payload.region_code,
      detail: payload.detail,
      label: payload.label ?? null,
      isDefault: payload.is_default ?? false,
    })
    session.flash('success', '收件地址已更新')
    return response.redirect('/account/addresses')
  }

  async makeDefault({ auth, params, response, session }: HttpContext) {
    const user = auth.getUserOrFail() as User
    const address = await findOwnAddress(user.id, params.id)
    if (!address) return response.notFound()
    await setDefaultAddress(address)
    session.flash('success', '已设为默认地址')
    return response.redirect('/account/addresses')
  }

  async destroy({ auth, params, response, session }: HttpContext) {
    const user = auth.getUserOrFail() as User
    const address = await findOwnAddress(user.id, params.id)
    if (!address) return response.notFound()
    await deleteAddress(address)
    session.flash('success', '收件地址已删除')
    return response.redirect('/account/addresses')
  }

  #back(request: HttpContext['request']) {
    const next = request.input('next')
    return typeof next === 'string' && /^\/orders\/\d{19}\/apply\/delivery$/.test(next)
      ? next
      : '/account/addresses'
  }
}
