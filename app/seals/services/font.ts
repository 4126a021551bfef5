import { createRequire } from 'node:module'
import * as fontkit from 'fontkit'

/**
 * The seal typeface, shipped with the project: Noto Serif SC Bold (SIL Open
 * Font License 1.1) from the npm package @expo-google-fonts/noto-serif-sc.
 * Seal text is Song-style (宋体) by custom; the bold weight survives small
 * sizes. Glyphs become SVG paths here, so the rasteriser never looks for a
 * font: no fontconfig, no system font, the same outlines on every machine.
 *
 * The font is opened once (fontkit reads tables lazily: opening costs about
 * 0.2 s, a glyph's outline well under a millisecond) and every glyph's path
 * is kept once made.
 */
const require = createRequire(import.meta.url)

export const FONT_PACKAGE = '@expo-google-fonts/noto-serif-sc'
export const FONT_FILE = `${FONT_PACKAGE}/700Bold/NotoSerifSC_700Bold.ttf`

export interface Glyph {
  char: string
  /** SVG path data in font units, y up */
  d: string
  advance: number
}

export interface SealFont {
  unitsPerEm: number
  /** the ideographic em box (CJK glyphs are centred in it), font units, y up */
  emBottom: number
  emTop: number
  /** height of the digits and capitals above the baseline */
  capHeight: number
  glyph(char: string): Glyph | null
}

let opened: SealFont | null = null

export function sealFont(): SealFont {
  if (opened) return opened
  const file = fontkit.openSync(require.resolve(FONT_FILE)) as fontkit.Font
  const os2 = (file as any)['OS/2'] ?? {}
  const cache = new Map<string, Glyph | null>()
  const zero = file.glyphForCodePoint(0x30)
  opened = {
    unitsPerEm: file.unitsPerEm,
    emBottom: os2.typoDescender ?? -120,
    emTop: os2.typoAscender ?? 880,
    capHeight: os2.capHeight || zero.bbox.maxY,
    glyph(char) {
      if (cache.has(char)) return cache.get(char)!
      const codePoint = char.codePointAt(0)!
      let found: Glyph | null = null
      if (file.hasGlyphForCodePoint(codePoint)) {
        const g = file.glyphForCodePoint(codePoint)
        found = { char, d: g.path.toSVG(), advance: g.advanceWidth }
      }
      cache.set(char, found)
      return found
    },
  }
  return opened
}
