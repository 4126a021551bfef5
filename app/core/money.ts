/**
 * Money is stored and computed in integer fen (分).
 */
export function formatFen(fen: number | null | undefined, withSymbol = true): string {
  const value = Number(fen ?? 0)
  const sign = value < 0 ? '-' : ''
  const abs = Math.abs(Math.trunc(value))
  const yuan = Math.floor(abs / 100)
  const rest = String(abs % 100).padStart(2, '0')
  return `${sign}${withSymbol ? '¥' : ''}${yuan.toLocaleString('en-US')}.${rest}`
}

/**
 * Parse a yuan amount typed by staff ("240", "240.5", "240.50") into fen.
 * Returns null for anything that is not a non-negative amount with at
 * most two decimals.
 */
export function parseYuan(input: string | number | null | undefined): number | null {
  if (input === null || input === undefined) return null
  const text = String(input).trim()
  if (!/^\d{1,9}(\.\d{1,2})?$/.test(text)) return null
  const [whole, decimals = ''] = text.split('.')
  return Number(whole) * 100 + Number(decimals.padEnd(2, '0'))
}

/**
 * Fen as a decimal string with two places ("240.00"), as payment
 * gateways expect.
 */
export function fenToYuanString(fen: number): string {
  return formatFen(fen, false).replace(/,/g, '')
}
