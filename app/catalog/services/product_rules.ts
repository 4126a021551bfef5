import { formatFen, parseYuan } from '#core/money'
import { FILE_TYPES, type FileType } from '#core/uploads'
import {
  DELIVERY_METHODS,
  VALIDITY_YEARS,
  yearsLabel,
  type DeliveryMethod,
  type Medium,
} from '#catalog/labels'
import type { ValidityOption } from '#catalog/models/product'

/**
 * The product rules, as plain functions: unit-tested without HTTP and
 * shared by the back-office actions and the queries the orders module uses.
 */

export type RuleResult<T> = { ok: true; value: T } | { ok: false; errors: Record<string, string> }

export interface ValidityInput {
  years: number
  enabled: boolean
  /** what staff typed, in 元 */
  price: string | number | null | undefined
}

/**
 * A price typed in 元: its fen, the message for its field, or null when
 * nothing was typed.
 */
export function typedPrice(
  raw: string | number | null | undefined
): { fen: number } | { error: string } | null {
  if (raw === null || raw === undefined || String(raw).trim() === '') return null
  const parsed = parseYuan(String(raw))
  if (parsed !== null) return { fen: parsed }
  return {
    error: String(raw).trim().startsWith('-')
      ? '价格不能为负数'
      : '请输入正确的价格（元，最多两位小数，如 240 或 240.50）',
  }
}

/**
 * Validity options from the form: prices typed in 元 become fen; an
 * enabled option needs a valid price (0 allowed); at least one option
 * must be enabled. Disabled options keep a typed price for later.
 */
export function buildValidityOptions(input: ValidityInput[]): RuleResult<ValidityOption[]> {
  const errors: Record<string, string> = {}
  const options: ValidityOption[] = []
  for (const years of VALIDITY_YEARS) {
    const row = input.find((r) => r.years === years)
    const enabled = Boolean(row?.enabled)
    const typed = typedPrice(row?.price)
    let priceFen = 0
    if (typed && 'error' in typed) {
      errors[`price_${years}`] = typed.error
      continue
    } else if (typed) {
      priceFen = typed.fen
    } else if (enabled) {
      errors[`price_${years}`] = `请填写${yearsLabel(years)}的价格（免费请填 0）`
      continue
    }
    options.push({ years, enabled, priceFen })
  }
  if (!Object.keys(errors).length && !options.some((o) => o.enabled)) {
    errors.validity = '请至少启用一个有效期选项'
  }
  return Object.keys(errors).length ? { ok: false, errors } : { ok: true, value: options }
}

/**
 * 取证方式 allowed for a medium: cloud → online install only; uKey → any
 * of mail (COD), pickup, self-service 制证, at least one.
 */
export function checkDeliveryMethods(
  medium: Medium | null,
  methods: string[]
): RuleResult<DeliveryMethod[]> {
  const unique = [...new Set(methods)]
  const unknown = unique.filter((m) => !(m in DELIVERY_METHODS))
  if (unknown.length) return { ok: false, errors: { delivery_methods: '请选择有效的取证方式' } }
  if (!unique.length) return { ok: false, errors: { delivery_methods: '请至少选择一种取证方式' } }
  if (medium) {
    const wrong = unique.filter((m) => DELIVERY_METHODS[m as DeliveryMethod].medium !== medium)
    if (wrong.length) {
      const labels = wrong.map((m) => DELIVERY_METHODS[m as DeliveryMethod].label).join('、')
      return {
        ok: false,
        errors: {
          delivery_methods:
            medium === 'cloud'
              ? `移动证书只能在线安装，不能选择${labels}`
              : `uKey 证书不能选择${labels}`,
        },
      }
    }
  }
  const ordered = (Object.keys(DELIVERY_METHODS) as DeliveryMethod[]).filter((m) =>
    unique.includes(m)
  )
  return { ok: true, value: ordered }
}

/**
 * A material's size window (bytes): max required, min optional and not
 * above max.
 */
export function checkSizeWindow(
  minSize: number | null,
  maxSize: number
): RuleResult<{ minSize: number | null; maxSize: number }> {
  if (!Number.isInteger(maxSize) || maxSize <= 0)
    return { ok: false, errors: { max_size_kb: '最大文件大小必须大于 0' } }
  if (minSize !== null && (!Number.isInteger(minSize) || minSize < 0)) {
    return { ok: false, errors: { min_size_kb: '最小文件大小不能小于 0' } }
  }
  if (minSize !== null && minSize > maxSize) {
    return { ok: false, errors: { min_size_kb: '最小文件大小不能大于最大文件大小' } }
  }
  return { ok: true, value: { minSize: minSize || null, maxSize } }
}

export function checkAcceptedTypes(
  types: string[],
  allowed: readonly FileType[]
): RuleResult<FileType[]> {
  const unique = [...new Set(types)]
  if (!unique.length) return { ok: false, errors: { accepted_types: '请至少选择一种文件格式' } }
  if (unique.some((t) => !allowed.includes(t as FileType))) {
    return { ok: false, errors: { accepted_types: '请选择有效的文件格式' } }
  }
  return { ok: true, value: allowed.filter((t) => unique.includes(t)) }
}

export function typesLabel(types: readonly FileType[]) {
  return types.map((t) => FILE_TYPES[t]?.label ?? t).join('、')
}

export interface PricedProduct {
  medium: Medium | null
  firstUkeyFree: boolean
  validityOptions: Array<{ years: number; priceFen: number; enabled?: boolean }>
}

export type PriceQuote =
  | {
      ok: true
      years: number
      /** the option's price */
      listPriceFen: number
      /** what the applicant pays */
      priceFen: number
      free: boolean
      /** why the price differs from the list price, e.g. 首把 uKey 免费 */
      note: string | null
      label: string
    }
  | { ok: false; message: string }

/**
 * The price of a product for a validity term. Refuses a term that is not
 * offered (or disabled). A product with the first-uKey-free rule costs
 * nothing when the orders module says this is the applicant's (or the
 * organisation's) first uKey.
 */
export function quotePrice(
  product: PricedProduct,
  years: number,
  opts: { firstUkey?: boolean } = {}
): PriceQuote {
  const option = product.validityOptions.find(
    (o) => o.years === Number(years) && o.enabled !== false
  )
  if (!option) return { ok: false, message: '所选证书有效期不可用，请重新选择' }
  const firstFree = Boolean(opts.firstUkey) && product.firstUkeyFree && product.medium === 'ukey'
  const priceFen = firstFree ? 0 : option.priceFen
  return {
    ok: true,
    years: option.years,
    listPriceFen: option.priceFen,
    priceFen,
    free: priceFen === 0,
    note: firstFree && option.priceFen > 0 ? '首把 uKey 免费' : null,
    label: `${yearsLabel(option.years)} ${priceFen === 0 ? '免费' : formatFen(priceFen)}`,
  }
}
