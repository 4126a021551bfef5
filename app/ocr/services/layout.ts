import type { Page } from 'tesseract.js'

/**
 * Tesseract's page as the parsers read it: lines of characters, each with
 * its box and confidence (0–1), top to bottom. Spaces are dropped (the
 * engine puts one between most CJK characters, and labels are printed
 * spread out: 名  称), so are the quote marks the engine invents in wide
 * gaps between a label and its value.
 */
export interface Char {
  c: string
  conf: number
  x0: number
  x1: number
  y0: number
  y1: number
}

export interface Line {
  text: string
  chars: Char[]
  x0: number
  x1: number
  y0: number
  y1: number
}

/** characters the engine emits for gaps and smudges, never part of a field */
const NOISE = /[\s“”"'‘’`´，,。、·•・_|~^]/u

/** full-width letters and digits to ASCII (Ｏ → O, ０ → 0); brackets stay as read */
export function halfWidth(c: string): string {
  const code = c.charCodeAt(0)
  if (code >= 0xff10 && code <= 0xff19) return String.fromCharCode(code - 0xfee0)
  if (code >= 0xff21 && code <= 0xff3a) return String.fromCharCode(code - 0xfee0)
  if (code >= 0xff41 && code <= 0xff5a) return String.fromCharCode(code - 0xfee0)
  return c
}

export function linesOf(page: Page): Line[] {
  const lines: Line[] = []
  for (const block of page.blocks ?? []) {
    for (const paragraph of block.paragraphs) {
      for (const line of paragraph.lines) {
        const chars: Char[] = []
        for (const word of line.words) {
          const symbols = word.symbols?.length
            ? word.symbols
            : [{ text: word.text, confidence: word.confidence, bbox: word.bbox }]
          for (const symbol of symbols) {
            /* a symbol may hold several characters (digits of one number) */
            const parts = [...symbol.text].filter((c) => !NOISE.test(c))
            const width = (symbol.bbox.x1 - symbol.bbox.x0) / Math.max(1, [...symbol.text].length)
            parts.forEach((c, i) =>
              chars.push({
                c: halfWidth(c),
                conf: Math.max(0, Math.min(1, symbol.confidence / 100)),
                x0: symbol.bbox.x0 + i * width,
                x1: symbol.bbox.x0 + (i + 1) * width,
                y0: symbol.bbox.y0,
                y1: symbol.bbox.y1,
              })
            )
          }
        }
        if (!chars.length) continue
        lines.push({
          text: chars.map((ch) => ch.c).join(''),
          chars,
          x0: line.bbox.x0,
          x1: line.bbox.x1,
          y0: line.bbox.y0,
          y1: line.bbox.y1,
        })
      }
    }
  }
  return mergeRows(lines.sort((a, b) => a.y0 + a.y1 - (b.y0 + b.y1)))
}

/**
 * Lines side by side on one row become one line (tesseract's layout
 * analysis may put a column of labels and a column of values in separate
 * blocks): same row when their vertical centres are closer than half the
 * lower line's height and they do not overlap horizontally.
 */
export function mergeRows(lines: Line[]): Line[] {
  const merged: Line[] = []
  for (const line of lines) {
    const centre = (line.y0 + line.y1) / 2
    const height = line.y1 - line.y0
    const row = merged.find((m) => {
      const c = (m.y0 + m.y1) / 2
      const overlapX = Math.min(m.x1, line.x1) - Math.max(m.x0, line.x0)
      return Math.abs(c - centre) < Math.min(height, m.y1 - m.y0) * 0.5 && overlapX <= 0
    })
    if (!row) {
      merged.push({ ...line, chars: [...line.chars] })
      continue
    }
    row.chars = [...row.chars, ...line.chars].sort((a, b) => a.x0 - b.x0)
    row.text = row.chars.map((ch) => ch.c).join('')
    row.x0 = Math.min(row.x0, line.x0)
    row.x1 = Math.max(row.x1, line.x1)
    row.y0 = Math.min(row.y0, line.y0)
    row.y1 = Math.max(row.y1, line.y1)
  }
  return merged.sort((a, b) => a.y0 + a.y1 - (b.y0 + b.y1))
}

/** a line made from text (unit tests): one character per 10 px, confidence 0.95 */
export function lineOf(text: string, y = 0, x = 0, conf = 0.95): Line {
  const chars = [...text].map((c, i) => ({
    c,
    conf,
    x0: x + i * 10,
    x1: x + i * 10 + 9,
    y0: y,
    y1: y + 9,
  }))
  return { text, chars, x0: x, x1: x + chars.length * 10, y0: y, y1: y + 9 }
}
