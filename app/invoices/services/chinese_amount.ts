/**
 * An amount in fen written in Chinese capitals, as on an invoice's 价税合计
 * (大写): 12000 → 壹佰贰拾元整, 100500 → 壹仟零伍元整, 105 → 壹元零伍分,
 * 150 → 壹元伍角整, 0 → 零元整; negative amounts (red-letter) get 负.
 */
const DIGITS = '零壹贰叁肆伍陆柒捌玖'
const UNITS = ['', '拾', '佰', '仟']
const GROUPS = ['', '万', '亿', '万亿']

function group(value: number): string {
  let out = ''
  let zero = false
  for (let i = 3; i >= 0; i--) {
    const d = Math.floor(value / 10 ** i) % 10
    if (d === 0) {
      if (out) zero = true
      continue
    }
    if (zero) out += '零'
    out += DIGITS[d] + UNITS[i]
    zero = false
  }
  return out
}

function integer(value: number): string {
  if (value === 0) return ''
  const groups: number[] = []
  for (let rest = value; rest > 0; rest = Math.floor(rest / 10000)) groups.push(rest % 10000)
  let out = ''
  let gap = false
  for (let i = groups.length - 1; i >= 0; i--) {
    const g = groups[i]
    if (g === 0) {
      if (out) gap = true
      continue
    }
    if (out && (g < 1000 || gap)) out += '零'
    out += group(g) + GROUPS[i]
    gap = false
  }
  return out
}

export function fenToChineseCapital(fen: number): string {
  if (!Number.isSafeInteger(fen)) throw new RangeError('amount must be an integer number of fen')
  if (fen < 0) return '负' + fenToChineseCapital(-fen)
  const yuan = Math.floor(fen / 100)
  const jiao = Math.floor(fen / 10) % 10
  const cents = fen % 10
  if (fen === 0) return '零元整'
  let out = yuan ? integer(yuan) + '元' : ''
  if (jiao === 0 && cents === 0) return out + '整'
  if (jiao) out += DIGITS[jiao] + '角'
  else if (yuan) out += '零'
  out += cents ? DIGITS[cents] + '分' : '整'
  return out
}
