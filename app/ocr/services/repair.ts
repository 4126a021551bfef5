import { isResidentId, isUscc, residentIdCheckChar } from '#core/validation/identity'

/**
 * Repairing a code read by OCR with its check character: the unified
 * social credit code (GB 32100, with the organisation code's own check
 * character inside, GB 11714) and the resident ID number (GB 11643).
 *
 * OCR confuses a few shapes: O/0/D, I/1/J, L/1, Z/2, S/5, B/8, G/6. A character
 * the code cannot contain (O in a credit code, any letter but a final X in
 * an ID number) must be one of its look-alikes; a character the code can
 * contain may still be a misread look-alike. The candidates are tried by
 * the number of such optional changes, fewest first; at the first number
 * that gives any valid code:
 *  - exactly one valid candidate: the repair is accepted;
 *  - two or more: nothing is chosen, the candidates go to the user.
 * Codes valid as read are kept as read.
 */
const GROUPS = ['O0D', 'I1J', 'L1', 'Z2', 'S5', 'B8', 'G6']
const LOOK_ALIKES = new Map<string, string[]>()
for (const group of GROUPS) {
  for (const c of group) {
    const known = LOOK_ALIKES.get(c) ?? []
    LOOK_ALIKES.set(c, [...known, ...[...group].filter((o) => o !== c && !known.includes(o))])
  }
}

export type RepairStatus = 'valid' | 'repaired' | 'ambiguous' | 'invalid'

export interface Repair {
  /** the code as read (upper case, only letters and digits) */
  read: string
  /** the code to use: as read, the one repair, or null (ambiguous, invalid) */
  value: string | null
  status: RepairStatus
  /** the valid candidates found (one for repaired, two or more for ambiguous) */
  candidates: string[]
  /** positions changed by the accepted repair (0-based) */
  changed: number[]
}

interface CodeRule {
  /** the characters allowed at position i */
  allowed: (i: number) => string
  isValid: (code: string) => boolean
  /**
   * the code of which only the last character was lost, when that can be
   * told: an ID number's check character X after seventeen digits (the
   * one letter of the number, the one the engine drops at the end of a
   * run of digits); null otherwise
   */
  completed?: (first: string) => string | null
}

const USCC_CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY'
const DIGITS = '0123456789'

export const USCC_RULE: CodeRule = {
  allowed: () => USCC_CHARSET,
  isValid: isUscc,
}

export const RESIDENT_ID_RULE: CodeRule = {
  allowed: (i) => (i === 17 ? `${DIGITS}X` : DIGITS),
  isValid: (code) => isResidentId(code),
  completed: (first) =>
    /^\d{17}$/.test(first) && residentIdCheckChar(first) === 'X' && isResidentId(`${first}X`)
      ? `${first}X`
      : null,
}

/** optional changes tried at most (3 over 18 positions: at most a few thousand candidates) */
const MAX_CHANGES = 3

/** upper case, letters and digits only; a lower-case l is a 1 (never a valid L in a code) */
export function cleanCode(raw: string): string {
  return raw
    .replace(/l/g, '1')
    .toUpperCase()
    .replace(/[^0-9A-Z]/g, '')
}

export function repairCode(raw: string, rule: CodeRule, length = 18): Repair {
  const read = cleanCode(raw)
  const completed = read.length === length - 1 ? rule.completed?.(read) : null
  if (completed) {
    return {
      read,
      value: completed,
      status: 'repaired',
      candidates: [completed],
      changed: [length - 1],
    }
  }
  if (read.length === length + 1) {
    /* one character too many (a character read twice, as B then I): the one deletion valid as read */
    const valid = new Set<string>()
    for (let i = 0; i < read.length; i++) {
      const candidate = read.slice(0, i) + read.slice(i + 1)
      if (rule.isValid(candidate)) valid.add(candidate)
    }
    if (valid.size === 1) {
      const value = [...valid][0]
      return { read, value, status: 'repaired', candidates: [value], changed: [] }
    }
  }
  if (read.length > length && read.length <= length + 2) {
    /* a stray mark read at either end (a card's edge as 1): the one window that is valid */
    const windows = new Map<string, Repair>()
    for (let start = 0; start + length <= read.length; start++) {
      const repair = repairWindow(read.slice(start, start + length), rule, length)
      if (repair.value) windows.set(repair.value, repair)
    }
    if (windows.size === 1) return { ...[...windows.values()][0], read, status: 'repaired' }
    if (windows.size > 1) {
      return {
        read,
        value: null,
        status: 'ambiguous',
        candidates: [...windows.keys()].sort(),
        changed: [],
      }
    }
  }
  return repairWindow(read, rule, length)
}

function repairWindow(read: string, rule: CodeRule, length: number): Repair {
  const none = (status: RepairStatus, candidates: string[] = []): Repair => ({
    read,
    value: null,
    status,
    candidates,
    changed: [],
  })
  if (read.length !== length) return none('invalid')
  if (rule.isValid(read))
    return { read, value: read, status: 'valid', candidates: [read], changed: [] }

  /* per position: the forced choices (the character cannot be there) or the optional ones */
  const forced: Array<string[] | null> = []
  const optional: Array<string[]> = []
  for (let i = 0; i < length; i++) {
    const allowed = rule.allowed(i)
    const alikes = (LOOK_ALIKES.get(read[i]) ?? []).filter((c) => allowed.includes(c))
    if (allowed.includes(read[i])) {
      forced.push(null)
      optional.push(alikes)
    } else {
      if (!alikes.length) return none('invalid')
      forced.push(alikes)
      optional.push([])
    }
  }
  const ambiguousPositions = optional.flatMap((alts, i) => (alts.length ? [i] : []))

  for (let changes = 0; changes <= MAX_CHANGES; changes++) {
    const found = new Set<string>()
    for (const positions of combinations(ambiguousPositions, changes)) {
      const choices = read.split('').map((c, i) => {
        if (forced[i]) return forced[i]!
        if (positions.includes(i)) return optional[i]
        return [c]
      })
      for (const candidate of product(choices)) {
        if (rule.isValid(candidate)) found.add(candidate)
      }
    }
    if (found.size === 1) {
      const value = [...found][0]
      const changed = [...value].flatMap((c, i) => (c === read[i] ? [] : [i]))
      return { read, value, status: 'repaired', candidates: [value], changed }
    }
    if (found.size > 1) return none('ambiguous', [...found].sort())
  }
  return none('invalid')
}

function* combinations(items: number[], k: number, start = 0): Generator<number[]> {
  if (k === 0) {
    yield []
    return
  }
  for (let i = start; i <= items.length - k; i++) {
    for (const rest of combinations(items, k - 1, i + 1)) yield [items[i], ...rest]
  }
}

function* product(choices: string[][], prefix = ''): Generator<string> {
  if (prefix.length === choices.length) {
    yield prefix
    return
  }
  for (const c of choices[prefix.length]) yield* product(choices, prefix + c)
}

/** digits misread as letters inside numbers (dates, amounts): O→0, I/l→1, Z→2, S→5, B→8, G→6, D→0 */
export function digitsOf(text: string): string {
  const map: Record<string, string> = {
    O: '0',
    o: '0',
    D: '0',
    I: '1',
    l: '1',
    J: '1',
    Z: '2',
    z: '2',
    S: '5',
    s: '5',
    B: '8',
    G: '6',
  }
  return text.replace(/[OoDIlJZzSsBG]/g, (c) => map[c])
}
