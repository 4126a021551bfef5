import ocrConfig from '#config/ocr'
import type { Char, Line } from '#ocr/services/layout'
import { fixPlacePrefix, placesOf } from '#ocr/services/places'
import {
  digitsOf,
  repairCode,
  RESIDENT_ID_RULE,
  USCC_RULE,
  type Repair,
} from '#ocr/services/repair'

/**
 * From tesseract's lines to the fields of a business licence or an ID card.
 *
 * Label-anchored: each line is matched against the labels the document
 * prints (名称, 类型, 法定代表人 …; 姓名, 性别, 民族 …), fuzzily (a label
 * read with a wrong character still anchors its line), in the order the
 * document prints them; the value is what follows the label, and the
 * lines below it that start in the value column (an address that wraps).
 * A line with a label too garbled to recognise takes the next field in
 * order when it sits between its neighbours. The value column is where
 * the values of well-read labels start (character boxes).
 *
 * Each field carries a confidence (0–1: the characters' confidence, then
 * what its format and check characters say) and, below the threshold, a
 * note in Chinese telling the user what to check.
 */
export type LicenceField =
  | 'name'
  | 'credit_code'
  | 'type'
  | 'legal_representative'
  | 'registered_capital'
  | 'established'
  | 'address'
  | 'term'
export type IdFrontField = 'name' | 'sex' | 'ethnicity' | 'birth_date' | 'address' | 'id_number'
export type IdBackField = 'issuing_authority' | 'validity'

export const LICENCE_FIELDS: LicenceField[] = [
  'name',
  'credit_code',
  'type',
  'legal_representative',
  'registered_capital',
  'established',
  'address',
  'term',
]
export const ID_FRONT_FIELDS: IdFrontField[] = [
  'name',
  'sex',
  'ethnicity',
  'birth_date',
  'address',
  'id_number',
]
export const ID_BACK_FIELDS: IdBackField[] = ['issuing_authority', 'validity']

export const FIELD_LABELS: Record<string, string> = {
  name: '名称',
  credit_code: '统一社会信用代码',
  type: '类型',
  legal_representative: '法定代表人',
  registered_capital: '注册资本',
  established: '成立日期',
  address: '住所',
  term: '营业期限',
  sex: '性别',
  ethnicity: '民族',
  birth_date: '出生',
  id_number: '公民身份号码',
  issuing_authority: '签发机关',
  validity: '有效期限',
}

export interface Reading {
  kind: 'licence' | 'idcard'
  /** ID cards: the side read */
  side: 'front' | 'back' | null
  fields: Record<string, string | null>
  confidence: Record<string, number>
  /** fields to check, with the reason in Chinese */
  flagged: Record<string, string>
}

interface Value {
  text: string
  chars: Char[]
}

const EMPTY: Value = { text: '', chars: [] }

function valueOf(chars: Char[]): Value {
  return { text: chars.map((c) => c.c).join(''), chars }
}

function meanConf(value: Value): number {
  if (!value.chars.length) return 0
  const sum = value.chars.reduce((s, c) => s + c.conf, 0)
  const min = Math.min(...value.chars.map((c) => c.conf))
  /* one doubtful character is enough to doubt the field */
  return Math.round(((sum / value.chars.length) * 0.6 + min * 0.4) * 100) / 100
}

/* ----------------------------------------------------------- label match */

interface LabelMatch {
  score: number
  /** index in the line of the first and last characters of the label */
  start: number
  end: number
}

/**
 * The label at the start of the text (within `slack` characters), by the
 * longest common subsequence: 法定代表人 read as 法定代表入 scores 0.8.
 */
export function matchLabel(text: string, label: string, slack = 1): LabelMatch | null {
  const a = [...label]
  const b = [...text].slice(0, a.length + slack + 1)
  const dp = Array.from({ length: a.length + 1 }, () => new Array(b.length + 1).fill(0))
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      dp[i][j] = a[i - 1] === b[j - 1] ? dp[i - 1][j - 1] + 1 : Math.max(dp[i - 1][j], dp[i][j - 1])
    }
  }
  const lcs = dp[a.length][b.length]
  if (!lcs) return null
  let i = a.length
  let j = b.length
  let start = -1
  let end = -1
  /* the label's index of the last character matched */
  let lastInLabel = -1
  while (i > 0 && j > 0) {
    if (a[i - 1] === b[j - 1]) {
      if (end < 0) {
        end = j - 1
        lastInLabel = i - 1
      }
      start = j - 1
      i--
      j--
    } else if (dp[i - 1][j] >= dp[i][j - 1]) {
      i--
    } else {
      j--
    }
  }
  if (start > slack) return null
  /* label characters after the last one matched were misread: they still take their place */
  const unread = a.length - 1 - lastInLabel
  return { score: lcs / a.length, start, end: Math.min(b.length - 1, end + unread) }
}

function bestLabel(text: string, labels: string[]) {
  let best: (LabelMatch & { label: string }) | null = null
  for (const label of labels) {
    const m = matchLabel(text, label)
    if (m && (!best || m.score > best.score)) best = { ...m, label }
  }
  return best
}

/**
 * The value's characters of a line whose label was not read: from the
 * value column on (three quarters of a character's slack: the engine's
 * boxes of CJK characters are loose, a value's first box may start 10 px
 * before the column's quartile; a label's last character still ends a
 * full character before it).
 */
export function splitAtColumn(chars: Char[], column: number, h: number): Char[] {
  const first = chars.findIndex((ch) => ch.x0 >= column - h * 0.75)
  return first < 0 ? [] : chars.slice(first)
}

function quantile(values: number[], q: number) {
  if (!values.length) return null
  const sorted = [...values].sort((x, y) => x - y)
  return sorted[Math.floor((sorted.length - 1) * q + 0.5)]
}

function median(values: number[]) {
  return quantile(values, 0.5)
}

function charHeight(lines: Line[]) {
  return median(lines.flatMap((l) => l.chars.map((c) => c.y1 - c.y0))) ?? 20
}

/* ------------------------------------------------------------- cleaning */

const OPEN = /[(〈<\[【{（「『《]/g
const CLOSE = /[)〉>\]】}）」』》]/g

/** full-width brackets, as licences print them; a closing one the engine lost is put back */
function chineseBrackets(text: string) {
  const fixed = text.replace(OPEN, '（').replace(CLOSE, '）')
  const open = fixed.split('（').length - 1
  const close = fixed.split('）').length - 1
  return open === close + 1 && !fixed.endsWith('）') && fixed.lastIndexOf('（') > 0
    ? `${fixed}）`
    : fixed
}

function isRealDate(y: number, m: number, d: number) {
  const date = new Date(Date.UTC(y, m - 1, d))
  return (
    y >= 1900 &&
    y <= 2100 &&
    date.getUTCFullYear() === y &&
    date.getUTCMonth() === m - 1 &&
    date.getUTCDate() === d
  )
}

/** 2010年07月28日 as printed (digits repaired); null when it is not a real date */
function chineseDate(text: string): { text: string; y: number; m: number; d: number } | null {
  const match = /(\d{4})年(\d{1,2})月(\d{1,2})日?/.exec(digitsOf(text))
  if (!match) return null
  const [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])]
  if (!isRealDate(y, m, d)) return null
  return { text: `${match[1]}年${match[2]}月${match[3]}日`, y, m, d }
}

/* -------------------------------------------------------------- licence */

const LICENCE_ROWS: Array<{ field: Exclude<LicenceField, 'credit_code'>; labels: string[] }> = [
  { field: 'name', labels: ['名称'] },
  { field: 'type', labels: ['类型', '主体类型'] },
  { field: 'legal_representative', labels: ['法定代表人', '负责人', '经营者', '执行事务合伙人'] },
  { field: 'registered_capital', labels: ['注册资本', '出资额', '资金数额'] },
  { field: 'established', labels: ['成立日期', '注册日期'] },
  { field: 'term', labels: ['营业期限', '经营期限', '合伙期限'] },
  { field: 'address', labels: ['住所', '经营场所', '主要经营场所'] },
]
/** labels printed on a licence that end the field above them */
const LICENCE_OTHER = ['经营范围', '登记机关', '统一社会信用代码', '营业执照', '副本', '正本']

function labelThreshold(label: string) {
  return label.length <= 2 ? 0.5 : 0.6
}

export function parseLicence(lines: Line[]): Reading {
  const values = new Map<string, Value>()
  const h = charHeight(lines)

  /* the credit code: the line that says so, else any run of 18 letters and digits */
  let codeLine = lines.findIndex(
    (l) => (matchLabel(l.text, '统一社会信用代码', 2)?.score ?? 0) >= 0.5
  )
  const runs = (line: Line) => {
    const found: Char[][] = []
    let run: Char[] = []
    for (const ch of line.chars) {
      if (/[0-9A-Za-z]/.test(ch.c)) run.push(ch)
      else {
        if (run.length) found.push(run)
        run = []
      }
    }
    if (run.length) found.push(run)
    return found
  }
  const codeRun = (line: Line) =>
    runs(line).sort((a, b) => Math.abs(18 - a.length) - Math.abs(18 - b.length))[0]
  if (codeLine < 0) codeLine = lines.findIndex((l) => runs(l).some((r) => r.length >= 16))
  if (codeLine >= 0) {
    const run = codeRun(lines[codeLine])
    if (run) values.set('credit_code', valueOf(run))
  }

  /* the value column: where the values of the best-read labels start */
  const starts: number[] = []
  for (const line of lines) {
    const m = bestLabel(
      line.text,
      LICENCE_ROWS.flatMap((r) => r.labels)
    )
    if (m && m.score === 1 && line.chars[m.end + 1]) starts.push(line.chars[m.end + 1].x0)
  }
  /* the lower quartile: a value's first box sometimes starts late, rarely early */
  const column = quantile(starts, 0.25)
  /* the right edge of the longest lines: a value reaching it may wrap onto the next line */
  const rightEdge = Math.max(...lines.map((l) => l.x1))

  let next = 0
  let current: string | null = null
  let previous: Line | null = null
  for (const [index, line] of lines.entries()) {
    /* the title and the code come first; the fields below them */
    if (index <= codeLine) continue
    if ((bestLabel(line.text, LICENCE_OTHER)?.score ?? 0) >= 0.75) {
      current = null
      continue
    }
    /* a label among the next three fields */
    let found: { row: number; match: LabelMatch } | null = null
    for (let k = next; k < Math.min(LICENCE_ROWS.length, next + 3); k++) {
      const m = bestLabel(line.text, LICENCE_ROWS[k].labels)
      if (m && m.score >= labelThreshold(m.label) && (!found || m.score > found.match.score)) {
        found = { row: k, match: m }
      }
    }
    const startsInLabelColumn = column !== null && line.chars[0].x0 < column - h * 0.5
    const wraps =
      current !== null &&
      previous !== null &&
      !startsInLabelColumn &&
      previous.x1 > rightEdge - h * 3 &&
      line.y0 - previous.y1 < h * 1.5
    if (found) {
      values.set(LICENCE_ROWS[found.row].field, valueOf(line.chars.slice(found.match.end + 1)))
      current = LICENCE_ROWS[found.row].field
      next = found.row + 1
    } else if (wraps) {
      /* the field wraps onto this line */
      const before = values.get(current!) ?? EMPTY
      values.set(current!, valueOf([...before.chars, ...line.chars]))
    } else if (column !== null && next < LICENCE_ROWS.length && values.size > 0) {
      /* a label too garbled to read (or lost) where the next field's label should be */
      const rest = startsInLabelColumn ? splitAtColumn(line.chars, column, h) : line.chars
      if (!rest.length) continue
      values.set(LICENCE_ROWS[next].field, valueOf(rest))
      current = LICENCE_ROWS[next].field
      next++
    } else {
      continue
    }
    previous = line
  }

  const reading: Reading = {
    kind: 'licence',
    side: null,
    fields: {},
    confidence: {},
    flagged: {},
  }
  for (const field of LICENCE_FIELDS) {
    const value = values.get(field) ?? EMPTY
    let text: string | null = value.text || null
    let confidence = meanConf(value)
    let note: string | null = null
    if (text) {
      switch (field) {
        case 'credit_code': {
          const repair = repairCode(text, USCC_RULE)
          ;({ text, confidence, note } = codeOutcome(repair, confidence, '统一社会信用代码'))
          break
        }
        case 'established': {
          const date = chineseDate(text)
          if (date) text = date.text
          else {
            confidence = Math.min(confidence, 0.4)
            note = '日期未能识别完整，请核对'
          }
          break
        }
        case 'term': {
          const fixed = digitsOf(text).replace(/[至到—–\-~]+/g, '至')
          const [from, to] = fixed.split('至')
          const start = chineseDate(from ?? '')
          const end =
            to === undefined
              ? null
              : /长期|永久/.test(to)
                ? to.match(/长期|永久/)![0]
                : chineseDate(to)?.text
          if (start && end) text = `${start.text}至${end}`
          else if (/^长期$/.test(fixed)) text = '长期'
          else {
            confidence = Math.min(confidence, 0.4)
            note = '营业期限未能识别完整，请核对'
          }
          break
        }
        case 'registered_capital': {
          text = text.replace(/([0-9OoDIlSZBG.,]+)(?=万|元|亿)/g, (n) => digitsOf(n))
          if (!/\d/.test(text)) confidence = Math.min(confidence, 0.5)
          break
        }
        default:
          text = chineseBrackets(text)
      }
    }
    setField(reading, field, text, confidence, note)
  }
  crossCheckDates(reading)
  const code = reading.fields.credit_code
  if (code && reading.confidence.credit_code >= 0.85) {
    fixAddressPlaces(reading, placesOf(code.slice(2, 8)), '统一社会信用代码的登记地')
  }
  return reading
}

/**
 * The address starts with the places its code says (the ID number's
 * region, the credit code's registration region): a place name misread
 * by one character is put right, and the field flagged.
 */
function fixAddressPlaces(reading: Reading, places: string[], source: string) {
  const address = reading.fields.address
  if (!address) return
  const { text, fixed } = fixPlacePrefix(address, places)
  if (!fixed.length) return
  reading.fields.address = text
  reading.confidence.address = Math.min(reading.confidence.address, 0.85)
  reading.flagged.address = `已按${source}将“${fixed.map((f) => f.read).join('、')}”改为“${fixed.map((f) => f.place).join('、')}”，请核对`
}

/**
 * A licence's term starts on its established date: a date the engine
 * garbled in one is taken from the other (and flagged); agreeing dates
 * confirm each other.
 */
function crossCheckDates(reading: Reading) {
  const established = reading.fields.established
  const term = reading.fields.term
  const termStart = term ? chineseDate(term.split('至')[0]) : null
  const establishedDate = established ? chineseDate(established) : null
  if (termStart && establishedDate && termStart.text === establishedDate.text) {
    reading.confidence.established = Math.max(reading.confidence.established, 0.95)
    return
  }
  if (termStart && !establishedDate) {
    reading.fields.established = termStart.text
    reading.confidence.established = 0.7
    reading.flagged.established = `按营业期限的起始日填写（识别为“${established ?? ''}”），请核对`
  }
}

function codeOutcome(repair: Repair, conf: number, noun: string) {
  switch (repair.status) {
    case 'valid':
      /* the check character confirms every character */
      return { text: repair.value, confidence: Math.max(conf, 0.98), note: null }
    case 'repaired':
      return {
        text: repair.value,
        confidence: Math.min(0.9, Math.max(conf, 0.85)),
        note: repair.changed.length
          ? `已按校验位修正第 ${repair.changed.map((i) => i + 1).join('、')} 位，请核对`
          : '已按校验位修正，请核对',
      }
    case 'ambiguous':
      return {
        text: repair.read,
        confidence: 0.3,
        note: `${noun}有 ${repair.candidates.length} 种可能（${repair.candidates.join('、')}），请对照证件填写`,
      }
    default:
      return {
        text: repair.read || null,
        confidence: Math.min(conf, 0.3),
        note: `${noun}校验位不符，请对照证件核对`,
      }
  }
}

function setField(
  reading: Reading,
  field: string,
  text: string | null,
  confidence: number,
  note: string | null
) {
  const value = text && text.length ? text : null
  reading.fields[field] = value
  reading.confidence[field] = value ? Math.round(confidence * 100) / 100 : 0
  if (!value) reading.flagged[field] = '未能识别，请手动填写'
  else if (note) reading.flagged[field] = note
  else if (confidence < ocrConfig.lowConfidence) reading.flagged[field] = '识别把握不大，请核对'
}

/**
 * A printed value the 身份证号码 also gives (sex, birth date): kept and
 * trusted when the two agree, else the number's value, to be checked.
 */
function setCheckedAgainstId(
  reading: Reading,
  field: string,
  text: string | null,
  conf: number,
  fromId: string | undefined
) {
  if (fromId === undefined || text === fromId) {
    setField(reading, field, text, fromId === undefined ? conf : Math.max(conf, 0.98), null)
    return
  }
  const note = text
    ? `识别为“${text}”，与身份证号码不符，已按号码填写，请核对`
    : '按身份证号码填写，请核对'
  setField(reading, field, fromId, 0.6, note)
}

/* -------------------------------------------------------------- ID card */

export const ETHNICITIES = [
  '汉',
  '蒙古',
  '回',
  '藏',
  '维吾尔',
  '苗',
  '彝',
  '壮',
  '布依',
  '朝鲜',
  '满',
  '侗',
  '瑶',
  '白',
  '土家',
  '哈尼',
  '哈萨克',
  '傣',
  '黎',
  '傈僳',
  '佤',
  '畲',
  '高山',
  '拉祜',
  '水',
  '东乡',
  '纳西',
  '景颇',
  '柯尔克孜',
  '土',
  '达斡尔',
  '仫佬',
  '羌',
  '布朗',
  '撒拉',
  '毛南',
  '仡佬',
  '锡伯',
  '阿昌',
  '普米',
  '塔吉克',
  '怒',
  '乌孜别克',
  '俄罗斯',
  '鄂温克',
  '德昂',
  '保安',
  '裕固',
  '京',
  '塔塔尔',
  '独龙',
  '鄂伦春',
  '赫哲',
  '门巴',
  '珞巴',
  '基诺',
]

/** which side of an ID card the lines are: the labels each side prints */
export function idCardSide(lines: Line[]): 'front' | 'back' {
  const text = lines.map((l) => l.text).join('')
  const count = (labels: string[]) =>
    labels.reduce((n, label) => n + (text.includes(label) ? 1 : 0), 0)
  const front = count(['姓名', '性别', '民族', '出生', '住址', '公民', '身份号码'])
  const back = count(['签发机关', '有效期限', '居民身份证', '中华人民共和国', '签发', '有效期'])
  return back > front ? 'back' : 'front'
}

function afterLabel(line: Line, label: string): Value | null {
  const m = matchLabel(line.text, label)
  if (!m || m.score < labelThreshold(label)) return null
  return valueOf(line.chars.slice(m.end + 1))
}

function findLine(lines: Line[], label: string, slack = 1) {
  let best = -1
  let bestScore = 0
  for (const [i, line] of lines.entries()) {
    const m = matchLabel(line.text, label, slack)
    if (m && m.score >= labelThreshold(label) && m.score > bestScore) {
      best = i
      bestScore = m.score
    }
  }
  return best
}

export function parseIdCard(lines: Line[]): Reading {
  return idCardSide(lines) === 'back' ? parseIdBack(lines) : parseIdFront(lines)
}

export function parseIdFront(lines: Line[]): Reading {
  const h = charHeight(lines)
  const reading: Reading = {
    kind: 'idcard',
    side: 'front',
    fields: {},
    confidence: {},
    flagged: {},
  }

  const nameIndex = findLine(lines, '姓名')
  let name = nameIndex >= 0 ? afterLabel(lines[nameIndex], '姓名') : null

  /* 性别 男 民族 汉: one line */
  const sexIndex = findLine(lines, '性别')
  if (!name?.text && nameIndex < 0 && sexIndex > 0) {
    /* 姓名 unread: the line above 性别, from the column where the sex's value starts */
    const sexLabel = matchLabel(lines[sexIndex].text, '性别')!
    const column = lines[sexIndex].chars[sexLabel.end + 1]?.x0
    if (column !== undefined) name = valueOf(splitAtColumn(lines[sexIndex - 1].chars, column, h))
  }
  let sex: Value | null = null
  let ethnicity: Value | null = null
  if (sexIndex >= 0) {
    const rest = afterLabel(lines[sexIndex], '性别')?.chars ?? []
    const sexAt = rest.findIndex((c) => c.c === '男' || c.c === '女')
    if (sexAt >= 0) sex = valueOf([rest[sexAt]])
    const tail = rest.slice(sexAt + 1)
    const zu = tail.findIndex((c) => c.c === '族')
    const min = tail.findIndex((c) => c.c === '民')
    const from = zu >= 0 ? zu + 1 : min >= 0 ? min + 2 : tail.length > 2 ? 2 : 0
    ethnicity = valueOf(tail.slice(from))
  }
  if (!ethnicity || !ethnicity.text) {
    const i = lines.findIndex((l) => l.text.includes('民族'))
    if (i >= 0) ethnicity = valueOf(lines[i].chars.slice(lines[i].text.indexOf('民族') + 2))
  }

  const birthIndex = findLine(lines, '出生')
  const birth = birthIndex >= 0 ? afterLabel(lines[birthIndex], '出生') : null

  /* 公民身份号码: the line that says so, else the line with an 18-character run */
  let idIndex = findLine(lines, '公民身份号码', 2)
  if (idIndex < 0) idIndex = lines.findIndex((l) => /[0-9Xx]{15,}/.test(l.text))
  let idValue: Value | null = null
  if (idIndex >= 0) {
    const line = lines[idIndex]
    const m = matchLabel(line.text, '公民身份号码', 2)
    const rest = m && m.score >= 0.5 ? line.chars.slice(m.end + 1) : line.chars
    idValue = valueOf(rest.filter((c) => /[0-9A-Za-z]/.test(c.c)))
  }

  /* 住址 and the lines under it, down to the ID number */
  const addressIndex = findLine(lines, '住址')
  let address: Value | null = null
  if (addressIndex >= 0) {
    const first = afterLabel(lines[addressIndex], '住址')!
    const column = first.chars[0]?.x0 ?? lines[addressIndex].x0
    const chars = [...first.chars]
    let lastY = lines[addressIndex].y1
    for (let i = addressIndex + 1; i < lines.length; i++) {
      if (i === idIndex) break
      const line = lines[i]
      if (line.y0 - lastY > h * 2.5) break
      if (line.chars[0].x0 < column - h) break
      chars.push(...line.chars)
      lastY = line.y1
    }
    address = valueOf(chars)
  }

  /* the ID number, repaired, and what it says about birth and sex */
  const idText = idValue?.text ?? ''
  const idRepair = idText ? repairCode(idText, RESIDENT_ID_RULE) : null
  const idOutcome = idRepair
    ? codeOutcome(idRepair, meanConf(idValue!), '身份证号码')
    : { text: null, confidence: 0, note: null }
  const id = idRepair?.value ?? null
  const fromId = id
    ? {
        birth: `${Number(id.slice(6, 10))}年${Number(id.slice(10, 12))}月${Number(id.slice(12, 14))}日`,
        sex: Number(id[16]) % 2 === 1 ? '男' : '女',
      }
    : null

  setField(reading, 'name', clean(name), meanConf(name ?? EMPTY), null)

  /* sex: printed, checked against the number */
  setCheckedAgainstId(reading, 'sex', sex?.text ?? null, meanConf(sex ?? EMPTY), fromId?.sex)

  /* ethnicity: one of the 56 */
  let ethText = clean(ethnicity)
  let ethConf = meanConf(ethnicity ?? EMPTY)
  let ethNote: string | null = null
  if (ethText) {
    const exact = ETHNICITIES.find((e) => e === ethText || e === ethText!.replace(/族$/, ''))
    if (exact) {
      ethText = exact
    } else {
      const near = ETHNICITIES.map((e) => ({ e, m: matchLabel(ethText!, e, 2) }))
        .filter((x) => x.m && x.m.score >= 0.5)
        .sort((a, b) => b.m!.score - a.m!.score)[0]
      ethNote = near ? `识别为“${ethText}”，请核对` : '不是已知的民族名称，请核对'
      ethText = near ? near.e : ethText
      ethConf = Math.min(ethConf, 0.5)
    }
  }
  setField(reading, 'ethnicity', ethText, ethConf, ethNote)

  /* birth date: printed (1990年1月2日), checked against the number */
  const printed = birth ? chineseDate(birth.text) : null
  setCheckedAgainstId(
    reading,
    'birth_date',
    printed ? `${printed.y}年${printed.m}月${printed.d}日` : (clean(birth) ?? null),
    printed ? meanConf(birth!) : Math.min(meanConf(birth ?? EMPTY), 0.4),
    fromId?.birth
  )

  setField(reading, 'address', clean(address), meanConf(address ?? EMPTY), null)
  if (id) fixAddressPlaces(reading, placesOf(id.slice(0, 6)), '身份证号码的地区码')
  setField(reading, 'id_number', idOutcome.text, idOutcome.confidence, idOutcome.note)
  return reading
}

export function parseIdBack(lines: Line[]): Reading {
  const reading: Reading = { kind: 'idcard', side: 'back', fields: {}, confidence: {}, flagged: {} }
  const authorityIndex = findLine(lines, '签发机关')
  const authority = authorityIndex >= 0 ? afterLabel(lines[authorityIndex], '签发机关') : null
  const validityIndex = findLine(lines, '有效期限')
  const validity = validityIndex >= 0 ? afterLabel(lines[validityIndex], '有效期限') : null

  let authorityText = clean(authority)
  let authorityConf = meanConf(authority ?? EMPTY)
  if (authorityText && !/(公安局|分局|公安处|派出所)$/.test(authorityText)) {
    authorityConf = Math.min(authorityConf, 0.6)
  }
  setField(reading, 'issuing_authority', authorityText, authorityConf, null)

  /* 2015.01.02-2035.01.02 or 2015.01.02-长期 */
  let validityText = validity ? digitsOf(validity.text) : null
  let validityConf = meanConf(validity ?? EMPTY)
  let validityNote: string | null = null
  if (validityText) {
    const m = /(\d{4})\D?(\d{2})\D?(\d{2})\D*?(?:(\d{4})\D?(\d{2})\D?(\d{2})|(长期))/.exec(
      validityText
    )
    if (m && isRealDate(+m[1], +m[2], +m[3])) {
      const end = m[7] ?? `${m[4]}.${m[5]}.${m[6]}`
      validityText = `${m[1]}.${m[2]}.${m[3]}-${end}`
      const years = m[7] ? null : +m[4] - +m[1]
      const sameDay = m[7] || (m[5] === m[2] && m[6] === m[3])
      if (!(m[7] || (years && [5, 10, 20].includes(years) && sameDay))) {
        validityConf = Math.min(validityConf, 0.5)
        validityNote = '有效期限不是 5、10、20 年或长期，请核对'
      }
    } else {
      validityConf = Math.min(validityConf, 0.4)
      validityNote = '有效期限未能识别完整，请核对'
    }
  }
  authorityText = authorityText ?? null
  setField(reading, 'validity', validityText, validityConf, validityNote)
  return reading
}

function clean(value: Value | null | undefined): string | null {
  if (!value || !value.text) return null
  return chineseBrackets(value.text)
}
