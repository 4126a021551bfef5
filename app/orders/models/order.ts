import { column, hasMany } from '@adonisjs/lucid/orm'
import type { HasMany } from '@adonisjs/lucid/types/relations'
import type { DateTime } from 'luxon'
import { UuidModel, booleanColumn, jsonColumn } from '#core/orm'
import {
  ORDER_PAYMENT_STATES,
  orderLifecycle,
  type OrderFacts,
  type OrderPaymentState,
  type OrderStatus,
} from '#orders/lifecycle'
import { SERVICE_TYPES, type ServiceType, type WizardStep } from '#orders/labels'
import OrderMaterial from './order_material.js'
import OrderReview from './order_review.js'

/**
 * What the order copied from the catalog when the product was chosen.
 */
export interface ProductSnapshot {
  id: string
  code: string
  name: string
  type: string
  certKind: string
  certKindLabel: string
  medium: string
  mediumLabel: string
  caLabel: string
  reviewMode: 'before_payment' | 'after_payment'
  renewalWindowDays: number
  deliveryMethods: string[]
  /** the product's `spec.requiresContract`: the 电子合同 must be signed before submitting */
  requiresContract?: boolean
  materials: Array<{
    id: string
    name: string
    description: string | null
    acceptedTypes: string[]
    minSize: number | null
    maxSize: number
    required: boolean
    hasTemplate: boolean
  }>
}

export interface DeliveryDetails {
  /** mail_cod */
  receiver?: string
  receiverPhone?: string
  regionCode?: string
  address?: string
  note?: string
  shipFrom?: string
  /** pickup */
  pickupName?: string
  pickupPhone?: string
  pickupIdNumber?: string
  pickupPointId?: string
  pickupPointName?: string
  pickupPointAddress?: string
  pickupPointPhone?: string
  pickupPointHours?: string
}

/**
 * What a service order (更新, 变更, 补办…) keeps about the certificate it
 * acts on and the choices made on its first page.
 */
export interface ServiceDetails {
  /** the certificate's serial and expiry when the order was made */
  fromSerial: string
  oldNotAfter: string
  windowDays: number
  /** 新有效期, computed from the rules (更新) */
  newNotBefore?: string
  newNotAfter?: string
  newValidityText?: string
  /** the bid warning (001) was confirmed at */
  bidWarningAt?: string
  /** what the amount is made of */
  parts?: Array<{ label: string; fen: number }>
  /** 变更: the new subject name */
  newSubjectName?: string
  /** an org's 被授权人 was replaced: who it was */
  formerHandlerName?: string
}

/**
 * What a package order (套餐新办, 套餐延期) buys, kept in `service_details`:
 * the package product's contents and, for the module that grants it
 * (#orders/actions/packages registerPackageFulfiller), its target.
 */
export interface PackageDetails {
  package: {
    kind: string
    /** the trading platform's integration the package is for (platforms' id) */
    integrationId: string
    /** 套餐延期: the package extended */
    packageId?: string
    name: string
    uses?: number
    days?: number
    seals?: number
  }
}

export default class Order extends UuidModel {
  static table = 'orders'

  @column()
  declare orderNo: string

  @column()
  declare userId: string

  /** the organisation the order is made for (acting for it, 切换身份), or null */
  @column()
  declare orgId: string | null

  @column()
  declare serviceType: ServiceType

  @column()
  declare status: OrderStatus

  /** whether the order still has to be paid (not a payment attempt's status) */
  @column({ columnName: 'payment_status' })
  declare paymentState: OrderPaymentState

  @column()
  declare wizardStep: WizardStep

  @column()
  declare platformId: string

  @column()
  declare platformName: string

  @column()
  declare productId: string

  @column(jsonColumn)
  declare productSnapshot: ProductSnapshot

  @column()
  declare certKind: string

  @column()
  declare medium: string

  @column()
  declare years: number

  @column()
  declare listPriceFen: number

  @column()
  declare amountFen: number

  @column()
  declare priceNote: string | null

  @column()
  declare reviewMode: 'before_payment' | 'after_payment'

  @column.dateTime()
  declare reviewPassedAt: DateTime | null

  @column()
  declare subjectType: 'person' | 'org'

  @column()
  declare subjectName: string

  @column()
  declare subjectIdType: string | null

  @column()
  declare subjectIdNumber: string | null

  @column()
  declare subjectOrgName: string | null

  @column()
  declare subjectUscc: string | null

  @column()
  declare handlerName: string | null

  @column()
  declare handlerPhone: string | null

  @column()
  declare handlerIdType: string | null

  @column()
  declare handlerIdNumber: string | null

  @column.dateTime()
  declare handlerPhoneVerifiedAt: DateTime | null

  @column()
  declare handlerEmail: string | null

  @column()
  declare agreementVersion: string | null

  @column.dateTime()
  declare agreedAt: DateTime | null

  @column()
  declare deliveryMethod: string | null

  @column(jsonColumn)
  declare delivery: DeliveryDetails | null

  @column.dateTime()
  declare submittedAt: DateTime | null

  @column.dateTime()
  declare paidAt: DateTime | null

  @column()
  declare paymentMethod: string | null

  @column()
  declare paymentId: string | null

  @column()
  declare reviewCount: number

  @column()
  declare rejectReasonType: string | null

  @column()
  declare rejectReason: string | null

  @column.dateTime()
  declare rejectedAt: DateTime | null

  @column.dateTime()
  declare approvedAt: DateTime | null

  @column()
  declare courier: string | null

  @column()
  declare trackingNo: string | null

  @column.dateTime()
  declare shippedAt: DateTime | null

  @column.dateTime()
  declare receivedAt: DateTime | null

  @column.dateTime()
  declare handedOverAt: DateTime | null

  @column()
  declare handoverNote: string | null

  @column.dateTime()
  declare completedAt: DateTime | null

  @column.dateTime()
  declare cancelledAt: DateTime | null

  @column()
  declare cancelReason: string | null

  /** the 我的证书 row a service order acts on (null for 新办) */
  @column()
  declare certificateId: string | null

  @column()
  declare certificateSerial: string | null

  @column(jsonColumn)
  declare serviceDetails: ServiceDetails | null

  /** false: payment completes the order (个人年检), no 订单审核 */
  @column(booleanColumn)
  declare reviewRequired: boolean

  /**
   * Where to go back to once the order is done (a path of this site, e.g.
   * the scan page that started it) and the button's words; or null.
   */
  @column()
  declare returnTo: string | null

  @column()
  declare returnLabel: string | null

  /** a package order's target and contents (`service_details` holds them), else null */
  get packageDetails(): PackageDetails['package'] | null {
    const details = this.serviceDetails as Partial<PackageDetails> | null
    return this.serviceType.startsWith('package_') ? (details?.package ?? null) : null
  }

  @hasMany(() => OrderMaterial, { foreignKey: 'orderId' })
  declare materials: HasMany<typeof OrderMaterial>

  @hasMany(() => OrderReview, { foreignKey: 'orderId' })
  declare reviews: HasMany<typeof OrderReview>

  get facts(): OrderFacts & { medium: string } {
    return {
      status: this.status,
      paymentState: this.paymentState,
      reviewMode: this.reviewMode,
      reviewPassed: Boolean(this.reviewPassedAt),
      reviewRequired: this.reviewRequired !== false,
      amountFen: this.amountFen,
      deliveryMethod: this.deliveryMethod ?? '',
      medium: this.medium,
    }
  }

  get statusLabel(): string {
    if (this.serviceType.startsWith('package_')) {
      const verb = this.serviceType === 'package_extend' ? '延期' : '开通'
      if (this.status === 'approved') return `已支付，套餐${verb}中`
      if (this.status === 'completed') return `套餐已${verb}`
    }
    if (this.status === 'approved') {
      return this.deliveryMethod === 'self_make' ? '审核通过，待制证' : '审核通过'
    }
    if (this.status === 'pending_payment' && this.reviewPassedAt) return '资料审核通过，待支付'
    return orderLifecycle.label(this.status)
  }

  get statusTone(): string {
    return orderLifecycle.tone(this.status)
  }

  get paymentStateLabel(): string {
    return ORDER_PAYMENT_STATES[this.paymentState]?.label ?? this.paymentState
  }

  get paymentStateTone(): string {
    return ORDER_PAYMENT_STATES[this.paymentState]?.tone ?? 'muted'
  }

  get serviceTypeLabel(): string {
    return SERVICE_TYPES[this.serviceType] ?? this.serviceType
  }

  get isPaidOrFree() {
    return this.paymentState === 'paid' || this.paymentState === 'free'
  }

  /** the name shown in lists (主体名称) */
  get subjectDisplay() {
    return this.subjectType === 'org' ? (this.subjectOrgName ?? this.subjectName) : this.subjectName
  }
}
