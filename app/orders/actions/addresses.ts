import db from '@adonisjs/lucid/services/db'
import audit, { registerAuditActions } from '#core/audit/audit_service'
import { isUuid } from '#core/ids'
import Address from '#orders/models/address'
import { OrderError } from '#orders/errors'

/**
 * 收件地址: the applicant's address book (at most MAX_ADDRESSES, exactly
 * one default while it has any), each change audited.
 */
registerAuditActions({
  'orders.address.create': '新增收件地址',
  'orders.address.update': '修改收件地址',
  'orders.address.delete': '删除收件地址',
  'orders.address.default': '设置默认收件地址',
})

export const MAX_ADDRESSES = 20

/**
 * A refusal of the address book, shown on the new-address form.
 */
export class AddressBookError extends OrderError {
  constructor(message: string) {
    super(message, { redirect: { route: 'orders.addresses.create' } })
  }
}

export interface AddressInput {
  receiver: string
  phone: string
  regionCode: string
  detail: string
  label?: string | null
  isDefault?: boolean
}

export async function addressesOf(userId: string) {
  return Address.query()
    .where('user_id', userId)
    .orderBy('is_default', 'desc')
    .orderBy('updated_at', 'desc')
}

export async function findOwnAddress(userId: string, id: unknown) {
  if (!isUuid(id)) return null
  return Address.query().where('user_id', userId).where('id', id).first()
}

/**
 * The address book keeps exactly one default while it has addresses.
 */
async function makeDefault(userId: string, address: Address, trx: any) {
  await Address.query({ client: trx })
    .where('user_id', userId)
    .whereNot('id', address.id)
    .update({ is_default: false })
  address.isDefault = true
}

export async function createAddress(userId: string, input: AddressInput) {
  const { length: count } = await addressesOf(userId)
  if (count >= MAX_ADDRESSES) throw new AddressBookError(`最多保存 ${MAX_ADDRESSES} 个收件地址`)
  return db.transaction(async (trx) => {
    const address = new Address()
    address.useTransaction(trx)
    address.merge({
      userId,
      receiver: input.receiver,
      phone: input.phone,
      regionCode: input.regionCode,
      detail: input.detail,
      label: input.label ?? null,
      isDefault: false,
    })
    await address.save()
    if (input.isDefault || count === 0) {
      await makeDefault(userId, address, trx)
      await address.save()
    }
    await audit.record(
      { action: 'orders.address.create', subjectType: 'address', subjectId: address.id },
      trx
    )
    return address
  })
}

export async function updateAddress(address: Address, input: AddressInput) {
  return db.transaction(async (trx) => {
    address.useTransaction(trx)
    address.merge({
      receiver: input.receiver,
      phone: input.phone,
      regionCode: input.regionCode,
      detail: input.detail,
      label: input.label ?? null,
    })
    if (input.isDefault) await makeDefault(address.userId, address, trx)
    await audit.save(address, trx, { action: 'orders.address.update', subjectType: 'address' })
  })
}

export async function setDefaultAddress(address: Address) {
  await db.transaction(async (trx) => {
    address.useTransaction(trx)
    await makeDefault(address.userId, address, trx)
    await audit.save(address, trx, { action: 'orders.address.default', subjectType: 'address' })
  })
}

export async function deleteAddress(address: Address) {
  await db.transaction(async (trx) => {
    address.useTransaction(trx)
    const wasDefault = address.isDefault
    await address.delete()
    if (wasDefault) {
      const next = await Address.query({ client: trx })
        .where('user_id', address.userId)
        .orderBy('updated_at', 'desc')
        .first()
      if (next) {
        next.isDefault = true
        await next.save()
      }
    }
    await audit.record(
      { action: 'orders.address.delete', subjectType: 'address', subjectId: address.id },
      trx
    )
  })
}

/**
 * "保存到地址簿" from the delivery step: skipped when the same address is
 * already there.
 */
export async function saveAddressFromDelivery(userId: string, input: AddressInput) {
  const same = await Address.query()
    .where('user_id', userId)
    .where('receiver', input.receiver)
    .where('phone', input.phone)
    .where('region_code', input.regionCode)
    .where('detail', input.detail)
    .first()
  if (same) return same
  try {
    return await createAddress(userId, input)
  } catch (error) {
    // a full address book does not stop the delivery step: the address is simply not kept
    if (error instanceof AddressBookError) return null
    throw error
  }
}
