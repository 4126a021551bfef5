/**
 * Data for the browser suite, made the way the functional tests make it
 * (factories and catalog helpers), plus what a person would read
 * elsewhere: the SMS codes in the outbox, a CSR made by openssl req.
 *
 * Every browser test runs inside the global transaction that
 * tests/bootstrap.ts opens for each test; the HTTP server runs in this
 * process, so the pages see the test's rows and everything is rolled back
 * afterwards: each test starts from the same database.
 */
import { randomInt } from 'node:crypto'
import db from '@adonisjs/lucid/services/db'
import limiter from '@adonisjs/limiter/services/main'
import type User from '#accounts/models/user'
import type Order from '#orders/models/order'
import { createStaff, createUser, residentId, uniquePhone } from '#tests/helpers/factories'
import type { ApiClient } from '@japa/api-client'
import {
  catalogFixture,
  fillApplication,
  payWithSandbox,
  verifiedApplicant,
} from '#tests/functional/orders/support'
import { asApplicant, asStaff } from '#tests/helpers/auth'
import { ensureCa, opensslCsr } from '#tests/unit/issuance/support'
import { eventually } from '#tests/helpers/eventually'

export { catalogFixture, createStaff, createUser, ensureCa, opensslCsr, uniquePhone }

/**
 * A verified personal applicant with an ID number of its own.
 */
export async function applicant(overrides: Partial<User> = {}) {
  return verifiedApplicant({ phone: uniquePhone(), ...overrides } as any)
}

/**
 * A valid resident ID number the sandbox check accepts, unique enough for
 * one run (sequence codes 998 and 999 are the sandbox's failures).
 */
export function freshResidentId() {
  const seq = String(randomInt(100, 998)).padStart(3, '0')
  const day = String(randomInt(1, 28)).padStart(2, '0')
  return residentId(`198${randomInt(0, 10)}05${day}`, '210102', seq)
}

/**
 * The last verification code the outbox holds for a phone (what the
 * person reads on their phone), waiting for it to arrive.
 */
export async function smsCode(phone: string, purpose?: string) {
  return eventually(
    async () => {
      const query = db.from('sms_messages').where('phone', phone).where('purpose', 'like', 'code:%')
      if (purpose) query.where('purpose', `code:${purpose}`)
      const row = await query.orderBy('created_at', 'desc').orderBy('id', 'desc').first()
      const match = row ? /验证码为 (\d{6})/.exec(row.content) : null
      if (!match) throw new Error(`no verification code was sent to ${phone}`)
      return match[1]
    },
    { timeoutMs: 10_000 }
  )
}

/**
 * Every SMS sent to a phone, oldest first.
 */
export async function smsTo(phone: string): Promise<Array<{ purpose: string; content: string }>> {
  return db.from('sms_messages').where('phone', phone).orderBy('created_at', 'asc')
}

/**
 * A PEM certificate request for a uKey, made by openssl req.
 */
export async function ukeyCsr() {
  const { csrPem } = await opensslCsr(2048, '/CN=uKey')
  return csrPem
}

/**
 * An applicant with a history, made through HTTP as the functional tests
 * do: a cloud certificate issued (order completed, messages received), a
 * uKey order to be picked up waiting for review, a mailed uKey order with
 * a saved address waiting for payment. A test that needs less asks for
 * less (issuing the cloud certificate is the slow part).
 */
export async function applicantWithHistory(
  client: ApiClient,
  want: { cloud?: boolean; pickup?: boolean; mailed?: boolean } = {}
) {
  const { cloud: withCloud = true, pickup: withPickup = true, mailed: withMailed = true } = want
  const fixture = await catalogFixture()
  const user = await applicant()
  const orders: { cloud?: Order; pickup?: Order; mailed?: Order } = {}

  /* each order asks for an SMS code to the same phone: lift the 60 s cool-down in between */
  if (withCloud) {
    const cloud = await fillApplication(client, user, fixture.cloud.id, fixture.cloudMaterial.id)
    await asApplicant(client.post(`/orders/${cloud.orderNo}/apply/confirm`), user).withCsrfToken()
    await payWithSandbox(client, user, cloud.orderNo)
    await asStaff(
      client.post(`/admin/orders/${cloud.orderNo}/approve`),
      await createStaff(['reviewer'])
    ).withCsrfToken()
    orders.cloud = cloud
  }

  if (withPickup) {
    await limiter.clear()
    const pickup = await fillApplication(client, user, fixture.ukey.id, fixture.ukeyMaterial.id, {
      delivery_method: 'pickup',
      pickup_name: '陈一',
      pickup_phone: user.phone,
      pickup_id_number: user.realIdNumber!,
      pickup_point_id: fixture.pickupPoint.id,
    })
    await asApplicant(client.post(`/orders/${pickup.orderNo}/apply/confirm`), user).withCsrfToken()
    await payWithSandbox(client, user, pickup.orderNo)
    orders.pickup = pickup
  }

  if (withMailed) {
    await limiter.clear()
    const mailed = await fillApplication(client, user, fixture.ukey.id, fixture.ukeyMaterial.id, {
      delivery_method: 'mail_cod',
      receiver: '陈一',
      receiver_phone: user.phone,
      region_code: '110105',
      address: '示例路 8 号示例大厦 12 层',
      save_address: 'true',
    })
    await asApplicant(client.post(`/orders/${mailed.orderNo}/apply/confirm`), user).withCsrfToken()
    orders.mailed = mailed
  }

  return { user, fixture, orders }
}
