/**
 * Tax of a tax-inclusive amount (价税合计) at a rate in basis points,
 * rounded half away from zero to the fen: 12000 at 600 bp → 679.
 */
export function taxOfInclusive(amountFen: number, rateBp: number): number {
  const sign = amountFen < 0 ? -1 : 1
  const abs = Math.abs(amountFen)
  return sign * Math.round((abs * rateBp) / (10000 + rateBp))
}
