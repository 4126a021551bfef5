import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import audit from '#core/audit/audit_service'
import { nextId } from '#core/ids'
import storage from '#core/storage'
import { inspectUpload } from '#core/uploads'
import verificationCodes from '#core/sms/verification_codes'
import type { MultipartFile } from '@adonisjs/core/bodyparser'
import { findProductForOrder, priceFor, type ProductView } from '#catalog/queries/products'
import { findPickupPoint, shippingOriginFor } from '#catalog/queries/locations'
import type { ApplicantSummary } from '#accounts/queries/users'
import Order, { type DeliveryDetails, type ProductSnapshot } from '#orders/models/order'
import OrderMaterial from '#orders/models/order_material'
import { findOrg, orgLicence, type OrgSummary } from '#orgs/queries/orgs'
import { certificatesOfOrder } from '#certificates/queries/certificates'
import { hasSignedContract } from '#seals/queries/contracts'
import {
  AGREEMENT_VERSION,
  ORDER_TEXTS,
  WIZARD_STEPS,
  returnFieldsOf,
  type WizardStep,
} from '#orders/labels'
import { OrderError } from '#orders/errors'
import { lockOrder } from '#orders/actions/lock'

/**
 * 证书新办, step by step (选择产品 → 阅读协议 → 申请信息 → 上传资料 → 取证方式):
 * the draft order is saved at every step, and a rejected order's applicant
 * details, materials and delivery are changed here too (完善资料). Submitting
 * the order is an order event (actions/order_events.ts).
 */

const STEP_INDEX = Object.fromEntries(WIZARD_STEPS.map((s, i) => [s.key, i])) as Record<
  WizardStep,
  number
>

export function stepIndex(step: WizardStep) {
  return STEP_INDEX[step] ?? 0
}

/**
 * A step may be opened when every step before it is done.
 */
export function canOpenStep(order: Order, step: WizardStep) {
  return stepIndex(step) <= stepIndex(order.wizardStep) + 1
}

function advance(order: Order, done: WizardStep) {
  if (stepIndex(done) > stepIndex(order.wizardStep)) order.wizardStep = done
}

/**
 * Orders whose application details may still change: drafts, and
 * rejected orders being completed (完善资料) — the latter only the
 * applicant details, the materials and the delivery.
 */
export function isEditable(order: Order, step: WizardStep) {
  if (order.status === 'draft') return true
  if (order.status === 'rejected') return ['applicant', 'materials', 'delivery'].includes(step)
  return false
}

/**
 * A wizard step saved: the order and one audit entry of what was filled in.
 */
async function saveStep(order: Order, data: Record<string, unknown>) {
  await db.transaction(async (trx) => {
    await audit.save(order, trx, {
      action: 'orders.order.update_step',
      subjectType: 'order',
      subjectId: order.orderNo,
      data,
    })
  })
}

export function snapshotOf(product: ProductView): ProductSnapshot {
  return {
    id: product.id,
    code: product.code,
    name: product.name,
    type: product.type,
    certKind: product.certKind ?? '',
    certKindLabel: product.certKindLabel,
    medium: product.medium ?? '',
    mediumLabel: product.mediumLabel,
    caLabel: product.caLabel,
    reviewMode: product.rules.reviewMode,
    renewalWindowDays: product.rules.renewalWindowDays,
    deliveryMethods: product.deliveryMethods.map((m) => m.key),
    requiresContract: product.spec?.requiresContract === true,
    materials: product.materials.map((m) => ({
      id: m.id,
      name: m.name,
      description: m.description,
      acceptedTypes: m.types,
      minSize: m.minSize,
      maxSize: m.maxSize,
      required: m.required,
      hasTemplate: Boolean(m.template),
    })),
  }
}

/**
 * Whose uKey orders count for "首把 uKey 免费": an enterprise order's org
 * (the first key is free per organisation, whoever of its members
 * applies), otherwise the person's own orders (not those made for an org).
 */
export interface UkeyOwner {
  userId: string
  orgId: string | null
}

export function ukeyOrdersOf(owner: UkeyOwner, trx?: TransactionClientContract) {
  const query = Order.query(trx ? { client: trx } : {}).where('medium', 'ukey')
  if (owner.orgId) query.where('org_id', owner.orgId)
  else query.where('user_id', owner.userId).whereNull('org_id')
  return query
}

/**
 * Is this the owner's first uKey (for the "first uKey free" rule)? Any
 * earlier uKey order that was not cancelled counts.
 */
async function isFirstUkey(owner: UkeyOwner, exceptOrderId?: string) {
  const query = ukeyOrdersOf(owner).whereNotIn('status', ['cancelled', 'draft'])
  if (exceptOrderId) query.whereNot('id', exceptOrderId)
  const row = await query.count('* as total').first()
  return Number(row?.$extras.total ?? 0) === 0
}

/**
 * Whether an account of the older 机构 type (a self-declared name and
 * credit code) may apply for an enterprise certificate as itself.
 */
export function mayApplyForEnterprise(applicant: ApplicantSummary) {
  return applicant.accountType === 'org' && Boolean(applicant.orgName && applicant.uscc)
}

/**
 * The products of a platform the wizard offers: certificates; acting for
 * an org (切换身份) the enterprise ones only; acting as a person no
 * enterprise product (except for an account of the 机构 type).
 */
export function productsOfferedTo<P extends { type: string; certKind: string | null }>(
  applicant: ApplicantSummary,
  products: P[],
  org: OrgSummary | null = null
): P[] {
  return products.filter((p) => {
    if (p.type !== 'certificate') return false
    if (org) return p.certKind === 'enterprise'
    return p.certKind !== 'enterprise' || mayApplyForEnterprise(applicant)
  })
}

/**
 * Who the certificate is for: the verified person; for an enterprise
 * certificate the org the person acts for (its name and credit code, read
 * from the org, never typed), or the account's own org (机构 type).
 */
function subjectFor(applicant: ApplicantSummary, product: ProductView, org: OrgSummary | null) {
  if (!applicant.isVerified) throw new OrderError('请先完成实名认证')
  if (product.certKind === 'enterprise') {
    if (org) {
      return {
        orgId: org.id,
        subjectType: 'org' as const,
        subjectName: org.name,
        subjectIdType: 'uscc',
        subjectIdNumber: org.uscc,
        subjectOrgName: org.name,
        subjectUscc: org.uscc,
      }
    }
    if (!mayApplyForEnterprise(applicant)) {
      throw new OrderError(ORDER_TEXTS.enterpriseNeedsOrg, 'product_id')
    }
    return {
      orgId: null,
      subjectType: 'org' as const,
      subjectName: applicant.orgName!,
      subjectIdType: 'uscc',
      subjectIdNumber: applicant.uscc,
      subjectOrgName: applicant.orgName,
      subjectUscc: applicant.uscc,
    }
  }
  if (org) throw new OrderError(ORDER_TEXTS.orgOnlyEnterprise, 'product_id')
  return {
    orgId: null,
    subjectType: 'person' as const,
    subjectName: applicant.realName!,
    subjectIdType: applicant.realIdType,
    subjectIdNumber: applicant.realIdNumber,
    subjectOrgName: null,
    subjectUscc: null,
  }
}

/** 经办人 as the applicant's verified identity says (a new order's; a service order's replaced one) */
export function handlerFieldsOf(applicant: ApplicantSummary) {
  return {
    handlerName: applicant.realName,
    handlerPhone: applicant.phone,
    handlerIdType: applicant.realIdType,
    handlerIdNumber: applicant.realIdNumber,
    handlerEmail: applicant.email,
  }
}

/**
 * What an order copies from the product and its price quote.
 */
function productFields(
  product: ProductView,
  quote: { years: number; listPriceFen: number; priceFen: number; note: string | null }
) {
  return {
    platformId: product.platform.id,
    platformName: product.platform.name,
    productId: product.id,
    productSnapshot: snapshotOf(product),
    certKind: product.certKind ?? '',
    medium: product.medium ?? '',
    years: quote.years,
    listPriceFen: quote.listPriceFen,
    amountFen: quote.priceFen,
    priceNote: quote.note,
    reviewMode: product.rules.reviewMode,
  }
}

/**
 * "每个机构限办一张" (the product's `spec.onePerOrg`): another order of the
 * org for this product that was submitted and not cancelled, whose
 * certificate (if issued) is still in use, refuses a new one.
 */
/** the org's 新办 orders of a product (每个机构限办一张) */
export function orgOrdersOfProduct(
  orgId: string,
  productId: string,
  trx?: TransactionClientContract
) {
  return Order.query(trx ? { client: trx } : {})
    .where('org_id', orgId)
    .where('product_id', productId)
    .where('service_type', 'new')
}

export async function refuseSecondForOrg(
  product: Pick<ProductView, 'id' | 'name' | 'spec'>,
  orgId: string | null,
  exceptOrderId?: string
) {
  if (!orgId || product.spec?.onePerOrg !== true) return
  const query = orgOrdersOfProduct(orgId, product.id).whereNotIn('status', ['draft', 'cancelled'])
  if (exceptOrderId) query.whereNot('id', exceptOrderId)
  for (const other of await query) {
    if (other.status !== 'completed')
      throw new OrderError(ORDER_TEXTS.onePerOrg(product.name), 'product_id')
    const certificates = await certificatesOfOrder(other.orderNo)
    if (!certificates.length || certificates.some((c) => c.status !== 'invalid')) {
      throw new OrderError(ORDER_TEXTS.onePerOrg(product.name), 'product_id')
    }
  }
}

async function productAndPrice(
  input: { productId: string; years: number },
  owner: UkeyOwner,
  exceptOrderId?: string
) {
  const product = await findProductForOrder(input.productId)
  if (!product || product.type !== 'certificate')
    throw new OrderError('该产品已下架或不存在，请重新选择', 'product_id')
  const firstUkey = product.medium === 'ukey' ? await isFirstUkey(owner, exceptOrderId) : false
  const quote = await priceFor(input.productId, input.years, { firstUkey })
  if (!quote.ok) throw new OrderError(quote.message, 'years')
  return { product, quote }
}

/**
 * Step 1 (选择产品): a draft order with the product copied in, the price
 * fixed, the subject taken from the verified identity — or, acting for an
 * org (切换身份), from the org — and the handler (经办人) prefilled from the
 * account: acting for an org, the acting member.
 */
export async function startApplication(
  applicant: ApplicantSummary,
  input: {
    productId: string
    years: number
    returnTo?: string | null
    returnLabel?: string | null
  },
  org: OrgSummary | null = null
) {
  const { product, quote } = await productAndPrice(input, {
    userId: applicant.id,
    orgId: org?.id ?? null,
  })
  const subject = subjectFor(applicant, product, org)
  await refuseSecondForOrg(product, subject.orgId)
  return db.transaction(async (trx) => {
    const order = await createOrder(
      trx,
      {
        userId: applicant.id,
        serviceType: 'new',
        wizardStep: 'product',
        ...productFields(product, quote),
        ...subject,
        ...handlerFieldsOf(applicant),
        deliveryMethod:
          product.deliveryMethods.length === 1 ? product.deliveryMethods[0].key : null,
        ...returnFieldsOf(input),
      },
      {
        product: product.code,
        years: quote.years,
        amountFen: quote.priceFen,
        platform: product.platform.code,
        ...(subject.orgId ? { org: subject.subjectUscc } : {}),
      }
    )
    return order
  })
}

/**
 * 返回修改 on step 1: another product or term for the same draft.
 */
export async function changeProduct(
  order: Order,
  applicant: ApplicantSummary,
  input: { productId: string; years: number }
) {
  if (order.status !== 'draft') throw new OrderError('订单已提交，不能更换产品')
  const org = order.orgId ? await findOrg(order.orgId) : null
  if (order.orgId && !org) throw new OrderError(ORDER_TEXTS.notMember)
  const { product, quote } = await productAndPrice(
    input,
    { userId: applicant.id, orgId: order.orgId },
    order.id
  )
  const subject = subjectFor(applicant, product, org)
  await refuseSecondForOrg(product, order.orgId, order.id)
  const productChanged = product.id !== order.productId
  const orphaned: string[] = []
  await db.transaction(async (trx) => {
    order.useTransaction(trx)
    order.merge({ ...productFields(product, quote), ...subject })
    if (productChanged) {
      const methods = product.deliveryMethods.map((m) => m.key as string)
      if (!order.deliveryMethod || !methods.includes(order.deliveryMethod)) {
        order.deliveryMethod = methods.length === 1 ? methods[0] : null
        order.delivery = null
      }
      const keep = new Set(product.materials.map((m) => m.id))
      const stale = await OrderMaterial.query({ client: trx }).where('order_id', order.id)
      for (const material of stale) {
        if (keep.has(material.materialId)) continue
        orphaned.push(material.fileKey)
        await material.delete()
      }
    }
    await audit.save(order, trx, {
      action: 'orders.order.update_step',
      subjectType: 'order',
      subjectId: order.orderNo,
      data: {
        step: 'product',
        product: product.code,
        years: quote.years,
        amountFen: quote.priceFen,
      },
    })
  })
  /* files of materials the new product does not ask for */
  for (const key of orphaned) await storage.delete(key).catch(() => undefined)
}

export async function acceptAgreement(order: Order) {
  if (order.status !== 'draft') throw new OrderError('订单已提交')
  order.agreementVersion = AGREEMENT_VERSION
  order.agreedAt = DateTime.utc()
  advance(order, 'agreement')
  await saveStep(order, { step: 'agreement', version: AGREEMENT_VERSION })
}

export interface ApplicantInput {
  handlerName: string
  handlerPhone: string
  handlerIdType: string
  handlerIdNumber: string
  handlerEmail?: string | null
  smsCode?: string | null
}

/**
 * The handler (经办人) may differ from the account holder; their phone is
 * proven with an SMS code (once per phone number).
 */
export function handlerPhoneNeedsCode(order: Order, phone: string) {
  return !(order.handlerPhoneVerifiedAt && order.handlerPhone === phone)
}

export async function saveApplicant(order: Order, input: ApplicantInput) {
  if (!isEditable(order, 'applicant')) throw new OrderError('订单当前状态不能修改申请信息')
  if (handlerPhoneNeedsCode(order, input.handlerPhone)) {
    const check = await verificationCodes.verify(input.handlerPhone, 'order', input.smsCode)
    if (!check.ok) throw new OrderError(check.message, 'sms_code')
    order.handlerPhoneVerifiedAt = DateTime.utc()
  }
  /* an org's order: the 经办人 is the acting member, as verified (only the phone and e-mail change) */
  const fixedHandler = Boolean(order.orgId)
  order.merge({
    handlerName: fixedHandler ? order.handlerName : input.handlerName,
    handlerPhone: input.handlerPhone,
    handlerIdType: fixedHandler ? order.handlerIdType : input.handlerIdType,
    handlerIdNumber: fixedHandler ? order.handlerIdNumber : input.handlerIdNumber,
    handlerEmail: input.handlerEmail ?? null,
  })
  advance(order, 'applicant')
  await saveStep(order, { step: 'applicant', handler: input.handlerName })
}

export async function materialsOf(order: Order) {
  return OrderMaterial.query().where('order_id', order.id).orderBy('created_at', 'asc')
}

/**
 * Upload (or replace) one material, checked by content and size against
 * the product's rule for it.
 */
export async function uploadMaterial(order: Order, materialId: string, file: MultipartFile) {
  if (!isEditable(order, 'materials')) throw new OrderError('订单当前状态不能修改资料')
  const material = order.productSnapshot.materials.find((m) => m.id === materialId)
  if (!material) throw new OrderError('该产品不需要此资料')
  const checked = await inspectUpload(file, {
    types: material.acceptedTypes as any,
    maxSize: material.maxSize,
    ...(material.minSize ? { minSize: material.minSize } : {}),
  })
  if (!checked.ok) throw new OrderError(checked.message, `material_${materialId}`)
  await storeMaterial(order, material, checked)
}

type SnapshotMaterial = Order['productSnapshot']['materials'][number]

/**
 * Keep a checked file as the order's material (replacing an earlier one).
 */
async function storeMaterial(
  order: Order,
  material: SnapshotMaterial,
  checked: { type: string; size: number; buffer: Buffer; clientName?: string | null },
  source: 'upload' | 'org_licence' = 'upload'
) {
  const materialId = material.id
  const key = await storage.put(
    storage.makeKey(`orders/${order.orderNo}`, checked.type),
    checked.buffer
  )

  const replaced = await db.transaction(async (trx) => {
    /**
     * Two uploads of the same material at once (a double click) take
     * turns on the order row: the second replaces the first instead of
     * failing the (order, material) unique key.
     */
    const fresh = await lockOrder(order.id, trx)
    if (!isEditable(fresh, 'materials')) throw new OrderError('订单当前状态不能修改资料')
    const existing = await OrderMaterial.query({ client: trx })
      .where('order_id', order.id)
      .where('material_id', materialId)
      .first()
    const oldKey = existing?.fileKey ?? null
    const record = existing ?? new OrderMaterial()
    record.merge({
      orderId: order.id,
      materialId,
      materialName: material.name,
      fileKey: key,
      fileType: checked.type,
      fileSize: checked.size,
      originalName: checked.clientName?.slice(0, 255) ?? null,
    })
    await audit.save(record, trx, {
      action: 'orders.order.material_uploaded',
      subjectType: 'order',
      subjectId: order.orderNo,
      data: {
        material: material.name,
        type: checked.type,
        size: checked.size,
        replaced: Boolean(existing),
        ...(source === 'upload' ? {} : { source }),
      },
    })
    return oldKey
  })
  if (replaced) await storage.delete(replaced).catch(() => undefined)
}

/**
 * 使用机构营业执照: an org's order takes the business licence the org was
 * claimed (and pre-validated) with instead of an upload — a copy, so that
 * a later org change does not alter what this order was reviewed with.
 */
export async function useOrgLicence(order: Order, materialId: string) {
  if (!isEditable(order, 'materials')) throw new OrderError('订单当前状态不能修改资料')
  const material = order.productSnapshot.materials.find((m) => m.id === materialId)
  if (!material || !order.orgId) throw new OrderError('该产品不需要此资料')
  const field = `material_${materialId}`
  const licence = await orgLicence(order.orgId)
  if (!licence?.type) throw new OrderError('机构尚无认证时提交的营业执照，请上传', field)
  const buffer = await storage.get(licence.key)
  if (
    !material.acceptedTypes.includes(licence.type) ||
    buffer.length > material.maxSize ||
    (material.minSize && buffer.length < material.minSize)
  ) {
    throw new OrderError('机构的营业执照文件不符合本资料的格式或大小要求，请上传', field)
  }
  await storeMaterial(
    order,
    material,
    { type: licence.type, size: buffer.length, buffer, clientName: `机构营业执照.${licence.type}` },
    'org_licence'
  )
}

/**
 * Required materials still missing.
 */
export async function missingMaterials(order: Order) {
  const materials = await materialsOf(order)
  const uploaded = new Set(materials.map((m) => m.materialId))
  return order.productSnapshot.materials.filter((m) => m.required && !uploaded.has(m.id))
}

export async function finishMaterials(order: Order) {
  const missing = await missingMaterials(order)
  if (missing.length) throw new OrderError(`请上传：${missing.map((m) => m.name).join('、')}`)
  if (order.status === 'draft' && stepIndex(order.wizardStep) < stepIndex('materials')) {
    advance(order, 'materials')
    await saveStep(order, { step: 'materials' })
  }
}

export interface DeliveryInput {
  deliveryMethod: string
  receiver?: string
  receiverPhone?: string
  regionCode?: string
  address?: string
  note?: string | null
  pickupName?: string
  pickupPhone?: string
  pickupIdNumber?: string
  pickupPointId?: string
}

/**
 * 取证方式: one of the product's methods, with the details it needs.
 */
export async function saveDelivery(order: Order, input: DeliveryInput) {
  if (!isEditable(order, 'delivery')) throw new OrderError('订单当前状态不能修改取证方式')
  if (!order.productSnapshot.deliveryMethods.includes(input.deliveryMethod)) {
    throw new OrderError('请选择有效的取证方式', 'delivery_method')
  }
  let delivery: DeliveryDetails | null = null
  if (input.deliveryMethod === 'mail_cod') {
    /* the office that ships for the platform's region, as the delivery step showed it */
    const product = await findProductForOrder(order.productId, { includeInactive: true })
    const origin = await shippingOriginFor(product?.platform.region.id ?? null)
    delivery = {
      receiver: input.receiver,
      receiverPhone: input.receiverPhone,
      regionCode: input.regionCode,
      address: input.address,
      note: input.note ?? undefined,
      shipFrom: origin?.label,
    }
  } else if (input.deliveryMethod === 'pickup') {
    const point = input.pickupPointId ? await findPickupPoint(input.pickupPointId) : null
    if (!point) throw new OrderError('请选择取证地址', 'pickup_point_id')
    delivery = {
      pickupName: input.pickupName,
      pickupPhone: input.pickupPhone,
      pickupIdNumber: input.pickupIdNumber,
      pickupPointId: point.id,
      pickupPointName: point.name,
      pickupPointAddress: point.address,
      pickupPointPhone: point.phone,
      pickupPointHours: point.hours,
    }
  }
  order.deliveryMethod = input.deliveryMethod
  order.delivery = delivery
  advance(order, 'delivery')
  await saveStep(order, { step: 'delivery', method: input.deliveryMethod })
}

/**
 * What is still missing before the order can be submitted.
 */
export async function submissionProblems(order: Order): Promise<string[]> {
  const problems: string[] = []
  if (!order.agreedAt) problems.push('请阅读并同意申请协议')
  if (
    !order.handlerName ||
    !order.handlerPhone ||
    !order.handlerIdNumber ||
    !order.handlerPhoneVerifiedAt
  ) {
    problems.push('请填写并验证经办人信息')
  }
  const missing = await missingMaterials(order)
  if (missing.length) problems.push(`请上传：${missing.map((m) => m.name).join('、')}`)
  if (
    !order.deliveryMethod ||
    !order.productSnapshot.deliveryMethods.includes(order.deliveryMethod)
  ) {
    problems.push('请选择取证方式')
  }
  if (order.productSnapshot.requiresContract && !(await hasSignedContract(order.userId))) {
    problems.push(ORDER_TEXTS.contractMissing)
  }
  return problems
}

/**
 * A new order, saved with its audit entry in the caller's transaction: a
 * draft, unpaid, never reviewed, nothing delivered yet; its kind (新办,
 * a service of a certificate, a package) fills the rest.
 */
export async function createOrder(
  trx: TransactionClientContract,
  fields: Parameters<Order['fill']>[0],
  data: Record<string, unknown>
) {
  const order = new Order().fill({
    orderNo: nextId(),
    status: 'draft',
    paymentState: 'unpaid',
    reviewCount: 0,
    delivery: null,
    ...fields,
  })
  await audit.save(order, trx, {
    action: 'orders.order.create',
    subjectType: 'order',
    subjectId: order.orderNo,
    data,
  })
  return order
}
