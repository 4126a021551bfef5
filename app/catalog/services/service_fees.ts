import type { ValidityOption } from '#catalog/models/product'

/**
 * What a product's after-sales services (更新, 变更, 补办, 解锁, 注销, 冻结)
 * cost and need, as pure functions. The settings live in the product's
 * `spec.services` (set on the product's page in the back office); every
 * one has a default, so a product without settings works:
 *
 * | setting | default |
 * |---|---|
 * | `renewalPrices` { years: fen } | the product's validity price for those years |
 * | `mediumFeeFen` (补办: a new uKey / new cloud keys) | uKey 10000 (100 元), cloud 0 |
 * | `changeFeeFen` (变更) | 0 |
 * | `renewalReview` { person, org } | person false (个人年检 needs no review), org true |
 * | `holderSuspend` (the holder may 冻结/解冻 it) | true |
 *
 * 解锁 and 注销 are free, always.
 */
export interface ServiceSettings {
  renewalPrices: Record<string, number>
  mediumFeeFen: number
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
    mediumFeeFen: nonNegativeInt(raw.mediumFeeFen) ?? (product.medium === 'ukey' ? 10000 : 0),
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
  if (service === 'reissue' || service === 'renew_reissue')
    parts.push({
      label: product.medium === 'ukey' ? '介质费（新 uKey）' : '补办费',
      fen: settings.mediumFeeFen,
    })
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
