import { fenToYuanString } from '#core/money'
import { VALIDITY_YEARS } from '#catalog/labels'
import type { ValidityOption } from '#catalog/models/product'
import { typedPrice, type RuleResult } from '#catalog/services/product_rules'

/**
 * What a product's after-sales services (更新, 变更, 补办, 解锁, 注销, 冻结)
 * cost and need, as pure functions. The settings live in the product's
 * `spec.services` (set on the product's page in the back office); every
 * one has a default, so a product without settings works:
 *
 * | setting | default |
 * |---|---|
 * | `renewalPrices` { years: fen } | the product's validity price for those years |
 * | `mediumFeeFen` (介质费: the new uKey of a uKey 补办) | uKey 10000 (100 元); none for cloud |
 * | `reissueFeeFen` (补办费, on top of the medium fee) | 0 (a cloud product's former `mediumFeeFen`) |
 * | `changeFeeFen` (变更) | 0 |
 * | `renewalReview` { person, org } | person false (个人年检 needs no review), org true |
 * | `holderSuspend` (the holder may 冻结/解冻 it) | true |
 *
 * 解锁 and 注销 are free, always.
 */
export interface ServiceSettings {
  renewalPrices: Record<string, number>
  mediumFeeFen: number
  reissueFeeFen: number
  changeFeeFen: number
  renewalReview: { person: boolean; org: boolean }
  holderSuspend: boolean
}

export type PricedService =
  | 'renew'
  | 'change'
  | 'reissue'
  | 'change_renew'
  | 'renew_reissue'
  | 'unlock'
  | 'revoke'
  | 'suspend'

export interface ProductForServices {
  medium: string | null
  /** the product's options (a view lists only enabled ones and has no `enabled`) */
  validityOptions: Array<Pick<ValidityOption, 'years' | 'priceFen'> & { enabled?: boolean }>
  spec: Record<string, unknown> | null
}

function nonNegativeInt(value: unknown): number | null {
  const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value
  return typeof n === 'number' && Number.isInteger(n) && n >= 0 ? n : null
}

export function serviceSettings(product: ProductForServices): ServiceSettings {
  const raw = (product.spec?.services ?? {}) as Record<string, any>
  const renewalPrices: Record<string, number> = {}
  for (const [years, fen] of Object.entries(raw.renewalPrices ?? {})) {
    const value = nonNegativeInt(fen)
    if (value !== null) renewalPrices[years] = value
  }
  return {
    renewalPrices,
    mediumFeeFen: product.medium === 'ukey' ? (nonNegativeInt(raw.mediumFeeFen) ?? 10000) : 0,
    // a cloud product's medium fee was its 补办费 before the two were told apart
    reissueFeeFen:
      nonNegativeInt(raw.reissueFeeFen) ??
      (product.medium === 'ukey' ? 0 : (nonNegativeInt(raw.mediumFeeFen) ?? 0)),
    changeFeeFen: nonNegativeInt(raw.changeFeeFen) ?? 0,
    renewalReview: {
      person: typeof raw.renewalReview?.person === 'boolean' ? raw.renewalReview.person : false,
      org: typeof raw.renewalReview?.org === 'boolean' ? raw.renewalReview.org : true,
    },
    holderSuspend: typeof raw.holderSuspend === 'boolean' ? raw.holderSuspend : true,
  }
}

export type ServiceQuote =
  | {
      ok: true
      amountFen: number
      /** what the amount is made of, for the confirm page */
      parts: Array<{ label: string; fen: number }>
    }
  | { ok: false; message: string }

function renewalPrice(product: ProductForServices, settings: ServiceSettings, years: number) {
  const own = settings.renewalPrices[String(years)]
  if (own !== undefined) return own
  const option = product.validityOptions.find((o) => o.years === years && o.enabled !== false)
  return option ? option.priceFen : null
}

/**
 * The price of a service on a product: 更新 the renewal price of the
 * years chosen, 补办 the medium fee, 变更 the change fee, combinations
 * the sum (one order, one payment); 解锁, 注销, 冻结 free.
 */
export function serviceFee(
  product: ProductForServices,
  service: PricedService,
  years = 1
): ServiceQuote {
  const settings = serviceSettings(product)
  const parts: Array<{ label: string; fen: number }> = []
  if (service === 'renew' || service === 'change_renew' || service === 'renew_reissue') {
    const price = renewalPrice(product, settings, years)
    if (price === null) return { ok: false, message: `该产品不提供 ${years} 年的更新，请重新选择` }
    parts.push({ label: `更新 ${years} 年`, fen: price })
  }
  if (service === 'change' || service === 'change_renew')
    parts.push({ label: '变更', fen: settings.changeFeeFen })
  if (service === 'reissue' || service === 'renew_reissue') {
    if (product.medium === 'ukey')
      parts.push({ label: '介质费（新 uKey）', fen: settings.mediumFeeFen })
    if (product.medium !== 'ukey' || settings.reissueFeeFen > 0)
      parts.push({ label: '补办费', fen: settings.reissueFeeFen })
  }
  return { ok: true, amountFen: parts.reduce((sum, p) => sum + p.fen, 0), parts }
}

/**
 * Does this service's order go to 订单审核? 更新 by the product's
 * renewalReview (个人年检: payment completes it; 企业: reviewed); 变更 and
 * 补办 (and their combinations) always.
 */
export function serviceNeedsReview(
  product: ProductForServices,
  service: PricedService,
  subjectType: 'person' | 'org'
) {
  if (service === 'renew') return serviceSettings(product).renewalReview[subjectType]
  return (
    service === 'change' ||
    service === 'reissue' ||
    service === 'change_renew' ||
    service === 'renew_reissue'
  )
}

/**
 * The 售后服务 part of the product form (back office), typed in 元: what
 * is left empty keeps its default (above) and is not stored.
 */
export interface ServiceSettingsInput {
  renewalPrice1?: string
  renewalPrice2?: string
  renewalPrice3?: string
  changeFee?: string
  reissueFee?: string
  mediumFee?: string
  renewalReviewPerson?: boolean
  renewalReviewOrg?: boolean
  holderSuspend?: boolean
}

/**
 * `spec.services` from the form: prices in 元 become fen, a medium fee
 * only for uKey products; the message of each bad field at that field.
 */
export function buildServiceSettings(
  input: ServiceSettingsInput,
  medium: string | null
): RuleResult<Record<string, unknown>> {
  const errors: Record<string, string> = {}
  const fen = (field: string, raw: string | undefined) => {
    const typed = typedPrice(raw)
    if (typed && 'error' in typed) errors[field] = typed.error
    return typed && 'fen' in typed ? typed.fen : null
  }
  const renewalPrices: Record<string, number> = {}
  for (const years of VALIDITY_YEARS) {
    const price = fen(`renewal_price_${years}`, (input as any)[`renewalPrice${years}`])
    if (price !== null) renewalPrices[String(years)] = price
  }
  const services: Record<string, unknown> = {
    renewalPrices,
    renewalReview: {
      person: Boolean(input.renewalReviewPerson),
      org: Boolean(input.renewalReviewOrg),
    },
    holderSuspend: Boolean(input.holderSuspend),
  }
  const fees = [
    ['changeFeeFen', 'change_fee', input.changeFee],
    ['reissueFeeFen', 'reissue_fee', input.reissueFee],
    ['mediumFeeFen', 'medium_fee', input.mediumFee],
  ] as const
  for (const [key, field, raw] of fees) {
    const price = fen(field, raw)
    if (price !== null) services[key] = price
  }
  if (medium !== 'ukey' && services.mediumFeeFen !== undefined && services.mediumFeeFen !== 0)
    errors.medium_fee = '移动证书没有介质费，补办的费用请填在“补办费”'
  if (medium !== 'ukey') delete services.mediumFeeFen
  return Object.keys(errors).length ? { ok: false, errors } : { ok: true, value: services }
}

/** the 售后服务 fields of the product form as the product has them (元; empty for a default) */
export function serviceFormValues(product: ProductForServices): Record<string, unknown> {
  const raw = (product.spec?.services ?? {}) as Record<string, any>
  const settings = serviceSettings(product)
  const yuan = (value: unknown) => {
    const n = nonNegativeInt(value)
    return n === null ? '' : fenToYuanString(n)
  }
  const values: Record<string, unknown> = {
    change_fee: yuan(raw.changeFeeFen),
    reissue_fee: yuan(raw.reissueFeeFen),
    medium_fee: product.medium === 'ukey' ? yuan(raw.mediumFeeFen) : '',
    renewal_review_person: settings.renewalReview.person,
    renewal_review_org: settings.renewalReview.org,
    holder_suspend: settings.holderSuspend,
  }
  for (const years of VALIDITY_YEARS)
    values[`renewal_price_${years}`] = yuan(raw.renewalPrices?.[String(years)])
  return values
}
