import { nextId } from '#core/ids'
import type { ApiClient } from '@japa/api-client'
import Order from '#orders/models/order'
import type User from '#accounts/models/user'
import type Product from '#catalog/models/product'
import { asApplicant } from '#tests/helpers/auth'
import { ACTING_SESSION_KEY } from '#orgs/queries/acting'
import { makeImage } from '#tests/helpers/files'
import { holderWith } from '#tests/functional/certificates/support'
import { saveHandler, verifiedApplicant } from '#tests/functional/orders/support'

/**
 * An order row's subject (the person, or the org acting through its
 * member) and 经办人 columns.
 */
export function orderPartyFields(
  user: User,
  org: { id: string; name: string; uscc: string } | null | undefined
) {
  return {
    ...(org
      ? {
          orgId: org.id,
          subjectType: 'org',
          subjectName: org.name,
          subjectIdType: 'uscc',
          subjectIdNumber: org.uscc,
          subjectOrgName: org.name,
          subjectUscc: org.uscc,
        }
      : {
          subjectType: 'person',
          subjectName: user.realName!,
          subjectIdType: 'resident_id',
          subjectIdNumber: user.realIdNumber,
        }),
    handlerName: user.realName,
    handlerPhone: user.phone,
    handlerIdType: 'resident_id',
    handlerIdNumber: user.realIdNumber,
  }
}

/**
 * A verified applicant holding a certificate of a catalog product, as if
 * its 新办 order had completed: the order (with the product's snapshot and
 * material) and the 我的证书 row.
 */
export async function holderOfProduct(
  product: Product,
  materialId: string,
  options: {
    days?: number
    notBefore?: Date
    notAfter?: Date
    user?: User
    windowDays?: number
    /** an org's certificate: `user` is its 被授权人 (经办人) */
    org?: { id: string; name: string; uscc: string }
  } = {}
) {
  const user = options.user ?? (await verifiedApplicant())
  const orderNo = nextId()
  const medium = product.medium as 'cloud' | 'ukey'
  const org = options.org
  const certKind = org ? 'enterprise' : 'personal'
  await Order.create({
    orderNo,
    userId: user.id,
    serviceType: 'new',
    status: 'completed',
    paymentState: 'paid',
    wizardStep: 'confirm',
    platformId: product.platformId,
    platformName: '示例市公共资源交易平台',
    productId: product.id,
    productSnapshot: {
      id: product.id,
      code: product.code,
      name: product.name,
      type: 'certificate',
      certKind,
      certKindLabel: org ? '单位证书' : '个人证书',
      medium,
      mediumLabel: medium === 'cloud' ? '移动证书（云证书）' : 'uKey 证书',
      caLabel: '示例 CA',
      reviewMode: 'after_payment',
      renewalWindowDays: options.windowDays ?? 90,
      deliveryMethods: product.deliveryMethods,
      materials: [
        {
          id: materialId,
          name: '身份证复印件',
          description: null,
          acceptedTypes: ['jpg', 'png'],
          minSize: 10 * 1024,
          maxSize: 1024 * 1024,
          required: true,
          hasTemplate: false,
        },
      ],
    },
    certKind,
    medium,
    years: 1,
    listPriceFen: 24000,
    amountFen: 24000,
    reviewMode: 'after_payment',
    ...orderPartyFields(user, org),
    reviewCount: 1,
  } as any)
  const { certificate, keyFile } = await holderWith({
    user,
    medium,
    orderNo,
    name: user.realName!,
    idNumber: user.realIdNumber!,
    productName: product.name,
    days: options.days,
    notBefore: options.notBefore,
    notAfter: options.notAfter,
    org,
  })
  return { user, certificate, keyFile, orderNo }
}

/**
 * 开始办理 → 申请信息 (SMS code) → 上传资料 → 取证方式, leaving the service
 * order on its confirm step.
 */
export async function walkServiceOrder(
  client: ApiClient,
  user: User,
  service: string,
  certificateId: string,
  materialId: string,
  options: {
    years?: number
    delivery?: Record<string, string>
    /** acting for an org (切换身份): the membership id */
    acting?: string
    /** the materials uploaded (default: the one given) */
    materials?: string[]
  } = {}
) {
  const start = await asApplicant(client.post(`/services/${service}/${certificateId}`), user)
    .withSession(options.acting ? { [ACTING_SESSION_KEY]: options.acting } : {})
    .withCsrfToken()
    .form({ bid_warning: '1', ...(options.years ? { years: String(options.years) } : {}) })
    .redirects(0)
  const location = start.header('location') ?? ''
  const match = /\/orders\/(\d{19})\/apply\/applicant/.exec(location)
  if (!match) throw new Error(`service order not started: ${start.status()} ${location}`)
  const orderNo = match[1]
  await saveHandler(client, user, orderNo, user.realName!)
  const upload = asApplicant(client.post(`/orders/${orderNo}/apply/materials`), user)
    .withCsrfToken()
    .field('intent', 'next')
  for (const id of options.materials ?? [materialId])
    upload.file(`material_${id}`, await makeImage('jpg', 40 * 1024))
  await upload
  await asApplicant(client.post(`/orders/${orderNo}/apply/delivery`), user)
    .withCsrfToken()
    .form(options.delivery ?? { delivery_method: 'online_install' })
  return Order.findByOrFail('order_no', orderNo)
}

/**
 * A holder of a certificate of the product (expiring in `days`, 30 by
 * default) with a service order walked to its confirm step.
 */
export async function holderWithServiceOrder(
  client: ApiClient,
  product: Product,
  materialId: string,
  service: string,
  options: { days?: number } = {}
) {
  const holder = await holderOfProduct(product, materialId, { days: options.days ?? 30 })
  const order = await walkServiceOrder(
    client,
    holder.user,
    service,
    holder.certificate.id,
    materialId
  )
  return { ...holder, order }
}
