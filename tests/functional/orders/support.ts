import type { ApiClient } from '@japa/api-client'
import Order from '#orders/models/order'
import Payment from '#payments/models/payment'
import SmsMessage from '#core/sms/sms_message'
import gateways from '#payments/gateways'
import type { SandboxDriver } from '#payments/drivers/sandbox'
import type User from '#accounts/models/user'
import { createUser, residentId } from '#tests/helpers/factories'
import { asApplicant } from '#tests/helpers/auth'
import { ACTING_SESSION_KEY } from '#orgs/queries/acting'
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

/**
 * The enterprise products of the catalog fixture's platform: a cloud one
 * and a uKey one (first uKey free, 每个机构限办一张 on the cloud one), each
 * asking for the business licence.
 */
export async function enterpriseFixture(platformId: string) {
  const cloud = await makeProduct({
    platformId,
    name: '单位移动证书',
    medium: 'cloud',
    certKind: 'enterprise',
    deliveryMethods: ['online_install'],
    validityOptions: prices(50000),
    spec: { onePerOrg: true },
  } as any)
  const ukey = await makeProduct({
    platformId,
    name: '单位 uKey 证书',
    medium: 'ukey',
    certKind: 'enterprise',
    deliveryMethods: ['self_make', 'mail_cod'],
    validityOptions: prices(30000),
    firstUkeyFree: true,
  } as any)
  const licence = { name: '营业执照', minSize: 10 * 1024, maxSize: 1024 * 1024 } as any
  return {
    cloud,
    ukey,
    cloudMaterial: await makeMaterial(cloud.id, licence),
    ukeyMaterial: await makeMaterial(ukey.id, licence),
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
 * 选择产品 (acting for an org when a membership id is given) and 阅读协议:
 * the draft's number.
 */
export async function startAndAgree(
  client: ApiClient,
  user: User,
  productId: string,
  acting?: string
) {
  const start = await asApplicant(client.post('/apply'), user)
    .withSession(acting ? { [ACTING_SESSION_KEY]: acting } : {})
    .withCsrfToken()
    .form({ product_id: productId, years: '1' })
    .redirects(0)
  const orderNo = /\/orders\/(\d{19})\//.exec(start.header('location') ?? '')![1]
  await asApplicant(client.post(`/orders/${orderNo}/apply/agreement`), user)
    .withCsrfToken()
    .form({ agree: 'on' })
  return orderNo
}

/**
 * 申请信息: the 经办人 (the user's own phone and ID number), with the SMS
 * code sent and typed back.
 */
export async function saveHandler(client: ApiClient, user: User, orderNo: string, name: string) {
  const applicant = {
    handler_name: name,
    handler_phone: user.phone,
    handler_id_type: 'resident_id',
    handler_id_number: user.realIdNumber!,
  }
  await asApplicant(client.post(`/orders/${orderNo}/apply/applicant`), user)
    .withCsrfToken()
    .form({ ...applicant, intent: 'send_code' })
  return asApplicant(client.post(`/orders/${orderNo}/apply/applicant`), user)
    .withCsrfToken()
    .form({ ...applicant, sms_code: await lastCode(user.phone) })
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
  delivery: Record<string, string> = { delivery_method: 'online_install' },
  options: { acting?: string } = {}
) {
  const orderNo = await startAndAgree(client, user, productId, options.acting)
  await saveHandler(client, user, orderNo, '陈一')
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
