import type { ApiClient } from '@japa/api-client'
import Order from '#orders/models/order'
import Payment from '#payments/models/payment'
import SmsMessage from '#core/sms/sms_message'
import gateways from '#payments/gateways'
import type { SandboxDriver } from '#payments/drivers/sandbox'
import type User from '#accounts/models/user'
import { createUser, residentId } from '#tests/helpers/factories'
import { asApplicant } from '#tests/helpers/auth'
import { makeImage } from '#tests/helpers/files'
import {
  makeMaterial,
  makePickupPoint,
  makePlatform,
  makeProduct,
  makeRegion,
  makeShippingOrigin,
  prices,
} from '#tests/functional/catalog/catalog_helpers'

/**
 * The order journey's fixtures: a verified applicant, a platform with a
 * cloud and a uKey product (each needing an ID copy), and helpers that
 * walk the wizard through HTTP.
 */
let applicants = 0

export async function verifiedApplicant(overrides: Partial<User> = {}) {
  /* one verified account per document: each applicant gets its own number */
  applicants++
  const id = residentId('19880808', '210102', String(100 + (applicants % 800)).padStart(3, '0'))
  return createUser({
    name: '陈一',
    realNameStatus: 'verified',
    realName: '陈一',
    realIdType: 'resident_id',
    realIdNumber: id,
    realNameMethod: 'online',
    ...overrides,
  } as any)
}

export async function catalogFixture(
  options: { reviewMode?: 'after_payment' | 'before_payment' } = {}
) {
  const region = await makeRegion({ name: '示例市' })
  const platform = await makePlatform({ regionId: region.id, name: '示例市公共资源交易平台' })
  const cloud = await makeProduct({
    platformId: platform.id,
    name: '个人移动证书',
    medium: 'cloud',
    certKind: 'personal',
    deliveryMethods: ['online_install'],
    validityOptions: prices(24000, 40000),
    reviewMode: options.reviewMode ?? 'after_payment',
  } as any)
  const ukey = await makeProduct({
    platformId: platform.id,
    name: '个人 uKey 证书',
    medium: 'ukey',
    certKind: 'personal',
    deliveryMethods: ['self_make', 'mail_cod', 'pickup'],
    validityOptions: prices(30000),
    reviewMode: options.reviewMode ?? 'after_payment',
  } as any)
  const cloudId = await makeMaterial(cloud.id, {
    name: '身份证复印件',
    minSize: 10 * 1024,
    maxSize: 1024 * 1024,
  } as any)
  const ukeyId = await makeMaterial(ukey.id, {
    name: '身份证复印件',
    minSize: 10 * 1024,
    maxSize: 1024 * 1024,
  } as any)
  const pickupPoint = await makePickupPoint(region.id, {
    name: '示例市政务服务中心 CA 窗口',
  } as any)
  await makeShippingOrigin()
  return {
    region,
    platform,
    cloud,
    ukey,
    cloudMaterial: cloudId,
    ukeyMaterial: ukeyId,
    pickupPoint,
  }
}

export async function lastCode(phone: string) {
  const sms = await SmsMessage.query()
    .where('phone', phone)
    .where('purpose', 'code:order')
    .orderBy('created_at', 'desc')
    .firstOrFail()
  return /验证码为 (\d{6})/.exec(sms.content)![1]
}

/**
 * Product → agreement → applicant (SMS code) → materials → delivery,
 * leaving the order on the confirm step. Returns the draft.
 */
export async function fillApplication(
  client: ApiClient,
  user: User,
  productId: string,
  materialId: string,
  delivery: Record<string, string> = { delivery_method: 'online_install' }
) {
  const start = await asApplicant(client.post('/apply'), user)
    .withCsrfToken()
    .form({ product_id: productId, years: '1' })
    .redirects(0)
  const orderNo = /\/orders\/(\d{19})\//.exec(start.header('location') ?? '')![1]
  await asApplicant(client.post(`/orders/${orderNo}/apply/agreement`), user)
    .withCsrfToken()
    .form({ agree: 'on' })
  const applicant = {
    handler_name: '陈一',
    handler_phone: user.phone,
    handler_id_type: 'resident_id',
    handler_id_number: user.realIdNumber!,
  }
  await asApplicant(client.post(`/orders/${orderNo}/apply/applicant`), user)
    .withCsrfToken()
    .form({ ...applicant, intent: 'send_code' })
  await asApplicant(client.post(`/orders/${orderNo}/apply/applicant`), user)
    .withCsrfToken()
    .form({ ...applicant, sms_code: await lastCode(user.phone) })
  await asApplicant(client.post(`/orders/${orderNo}/apply/materials`), user)
    .withCsrfToken()
    .field('intent', 'next')
    .file(`material_${materialId}`, await makeImage('jpg', 40 * 1024))
  await asApplicant(client.post(`/orders/${orderNo}/apply/delivery`), user)
    .withCsrfToken()
    .form(delivery)
  return Order.findByOrFail('order_no', orderNo)
}

/**
 * 立即支付 with the sandbox gateway and 模拟支付成功.
 */
export async function payWithSandbox(
  client: ApiClient,
  user: User,
  orderNo: string,
  fields: Record<string, string> = {}
) {
  await asApplicant(client.post('/payments'), user)
    .withCsrfToken()
    .form({ order_no: orderNo, method: 'sandbox', ...fields })
  const payment = await Payment.query()
    .where('order_no', orderNo)
    .orderBy('created_at', 'desc')
    .firstOrFail()
  const driver = gateways.get('sandbox') as SandboxDriver
  const response = await client
    .post(`/payments/sandbox/${payment.id}`)
    .withCsrfToken()
    .form({ t: driver.cashierToken(payment.id), outcome: 'success' })
    .redirects(0)
  return { payment, response, token: driver.cashierToken(payment.id) }
}
