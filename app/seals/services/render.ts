import sharp from 'sharp'
import { RuleError } from '#core/rule_error'
import { sealFont, type Glyph } from '#seals/services/font'

/**
 * Template seals: a seal face drawn as SVG, rasterised by sharp (librsvg)
 * into a red, transparent PNG at 300 dpi.
 *
 * librsvg ignores <textPath> and we do not let it look for fonts: every
 * character is a path from the shipped font (services/font.ts), placed and
 * rotated here, one affine matrix per glyph. The same input gives the same
 * SVG text and so the same PNG bytes.
 *
 * Geometry (all lengths in mm, scaled with the seal's size):
 *  - round (企业公章 40 mm, 合同/财务专用章 …): border 1.2 mm; the name on the
 *    upper arc, glyphs centred on a circle, evenly spaced over `arcDegrees`
 *    centred on 12 o'clock, tops outwards, read clockwise; a five-point star
 *    (circumradius 0.35 R) in the centre; the kind (e.g. 合同专用章) across
 *    the bottom; the 13-digit code on the lower arc, read left to right,
 *    tops inwards;
 *  - oval (发票专用章 40 × 30 mm): border 1 mm; the name on the upper arc of
 *    the ellipse (equal arc-length spacing); the tax number across the
 *    middle; 发票专用章 below it; the code on the lower arc;
 *  - square (个人名章, 法人章 20 mm): 2–4 characters in columns read from
 *    right to left, top to bottom (4 characters: 2 × 2; 3: the first one
 *    tall on the right; 2: two tall halves), 阳文 (red glyphs) or 阴文
 *    (glyphs cut out of a red square).
 */

export const DPI = 300
export const PX_PER_MM = DPI / 25.4
export const DEFAULT_COLOR = '#e60000'
/**
 * PNG encoding: zlib level 3 without row filters. Measured on a 40 mm
 * seal: 4.5 ms and 46 KB, against 12 ms and 41 KB at level 6 (the encoder
 * is most of a seal's time otherwise); adaptive filtering makes these
 * flat-colour images bigger, not smaller.
 */
export const PNG_OPTIONS = { compressionLevel: 3, adaptiveFiltering: false } as const

export type SealShape = 'round' | 'oval' | 'square'

export interface SealStyle {
  /** ink colour, #rrggbb (default #e60000) */
  color?: string
  /** width of the seal (round: diameter) in mm */
  sizeMm?: number
  /** oval and square: height in mm (default: oval 3/4 of the width, square = width) */
  heightMm?: number
  /** width of the border line in mm */
  borderMm?: number
  /** round: the five-point star in the centre (default true) */
  star?: boolean
  /** round and oval: a thin second ring inside the border */
  innerRing?: boolean
  /** round and oval: the angle the name spans on the upper arc, degrees */
  arcDegrees?: number
  /** scale of the name's glyph height (0.8–1.2, default 1) */
  textScale?: number
  /** square: 'yang' (red glyphs, 阳文) or 'yin' (glyphs cut out of red, 阴文) */
  carving?: 'yang' | 'yin'
}

export interface SealFace {
  shape: SealShape
  /** round and oval: the arc text (环绕文字, the organisation's name); square: the name */
  text: string
  /** round and oval: the line across the bottom (e.g. 合同专用章) */
  bottomText?: string
  /** round and oval: 信息编码, 13 digits on the lower arc */
  code?: string
  /** oval: the tax number across the middle */
  taxNumber?: string
  style?: SealStyle
}

/** where a glyph went: centre in px, rotation in degrees (clockwise, 0 = upright) */
export interface GlyphPlacement {
  char: string
  x: number
  y: number
  rotation: number
  width: number
  height: number
  line: 'arc' | 'bottom' | 'code' | 'middle' | 'name'
}

export interface RenderedSeal {
  png: Buffer
  svg: string
  width: number
  height: number
  dpi: number
  shape: SealShape
  glyphs: GlyphPlacement[]
}

/** the layout constants of each shape, in mm at the reference size */
export const GEOMETRY = {
  round: {
    size: 40,
    border: 1.2,
    nameHeight: 6.2,
    nameGap: 0.7,
    nameFill: 0.88,
    nameMaxAspect: 0.95,
    starRadius: 7,
    bottomHeight: 4.0,
    bottomWidth: 3.6,
    bottomPitch: 3.9,
    bottomMaxWidth: 22,
    bottomY: 9,
    codeHeight: 2.0,
    codeWidth: 1.3,
    codePitch: 1.65,
    codeGap: 0.6,
    innerRingGap: 0.5,
    innerRingWidth: 0.3,
  },
  oval: {
    size: 40,
    heightRatio: 0.75,
    border: 1.0,
    nameHeight: 4.4,
    nameGap: 0.6,
    nameFill: 0.88,
    nameMaxAspect: 0.95,
    middleHeight: 3.2,
    middleWidth: 1.2,
    middlePitch: 1.35,
    middleMaxWidth: 25,
    bottomHeight: 4.0,
    bottomWidth: 3.3,
    bottomPitch: 3.6,
    bottomMaxWidth: 20,
    bottomY: 6.3,
    codeHeight: 1.8,
    codeWidth: 1.15,
    codePitch: 1.45,
    codeGap: 0.5,
    innerRingGap: 0.5,
    innerRingWidth: 0.3,
  },
  square: { size: 20, border: 1.2, gap: 0.7, fill: 0.98, gutter: 0.4, maxAspect: 2 },
} as const

/** the default span of the name on the upper arc: 24° a character, within 120°–240° (oval 110°–200°) */
export function defaultArcDegrees(shape: 'round' | 'oval', characters: number) {
  return shape === 'round'
    ? Math.min(240, Math.max(120, characters * 24))
    : Math.min(200, Math.max(110, characters * 22))
}

const rad = (deg: number) => (deg * Math.PI) / 180

/** numbers in the SVG: 3 decimals, no trailing zeros (stable text, stable bytes) */
function n(value: number) {
  const fixed = value.toFixed(3)
  return fixed.includes('.') ? fixed.replace(/\.?0+$/, '') : fixed
}

function glyphsOf(text: string, field: string): Glyph[] {
  const font = sealFont()
  return Array.from(text).map((char) => {
    const glyph = font.glyph(char)
    if (!glyph)
      throw new RuleError(`字体中没有字符“${char}”，请改用常用字`, { field, code: 'glyph_missing' })
    return glyph
  })
}

const isIdeograph = (char: string) =>
  /[\u2E80-\u9FFF\uF900-\uFAFF\uFF00-\uFFEF\u3000-\u303F]/u.test(char)

/**
 * One glyph as a path with its affine matrix: the glyph's design box
 * (advance × em box for ideographs, advance × cap height otherwise) is
 * fitted into width × height, centred on (x, y), rotated by `rotation`.
 */
function glyphPath(glyph: Glyph, place: Omit<GlyphPlacement, 'char' | 'line'>) {
  const font = sealFont()
  const ideograph = isIdeograph(glyph.char)
  const bottom = ideograph ? font.emBottom : 0
  const top = ideograph ? font.emTop : font.capHeight
  const sx = place.width / glyph.advance
  const sy = place.height / (top - bottom)
  const gx = glyph.advance / 2
  const gy = (top + bottom) / 2
  const cos = Math.cos(rad(place.rotation))
  const sin = Math.sin(rad(place.rotation))
  const a = cos * sx
  const b = sin * sx
  const c = sin * sy
  const d = -cos * sy
  const e = place.x - (a * gx + c * gy)
  const f = place.y - (b * gx + d * gy)
  return `<path transform="matrix(${n(a)} ${n(b)} ${n(c)} ${n(d)} ${n(e)} ${n(f)})" d="${glyph.d}"/>`
}

class Canvas {
  parts: string[] = []
  glyphs: GlyphPlacement[] = []
}

function put(canvas: Canvas, glyph: Glyph, place: Omit<GlyphPlacement, 'char'>) {
  canvas.glyphs.push({ char: glyph.char, ...place })
  canvas.parts.push(glyphPath(glyph, place))
}

/**
 * Text along an ellipse (a circle when a = b): glyph centres on the curve
 * `inset` inside the ellipse (a, b), spread at equal arc lengths between
 * the clock angles `from` and `to` (0° = 12 o'clock, clockwise); `upper`
 * text has its tops outwards, lower text inwards (both read left to right).
 */
function arcText(
  canvas: Canvas,
  glyphs: Glyph[],
  o: {
    cx: number
    cy: number
    a: number
    b: number
    inset: number
    from: number
    to: number
    height: number
    width: (pitch: number) => number
    upper: boolean
    line: GlyphPlacement['line']
  }
) {
  const point = (phi: number) => {
    const s = Math.sin(phi)
    const c = Math.cos(phi)
    const nx = o.b * s
    const ny = -o.a * c
    const len = Math.hypot(nx, ny)
    return {
      x: o.cx + o.a * s - (o.inset * nx) / len,
      y: o.cy - o.b * c - (o.inset * ny) / len,
      nx: nx / len,
      ny: ny / len,
    }
  }
  const steps = 720
  const from = rad(o.from)
  const to = rad(o.to)
  const lengths = [0]
  let previous = point(from)
  for (let i = 1; i <= steps; i++) {
    const p = point(from + ((to - from) * i) / steps)
    lengths.push(lengths[i - 1] + Math.hypot(p.x - previous.x, p.y - previous.y))
    previous = p
  }
  const total = lengths[steps]
  const pitch = total / glyphs.length
  const width = o.width(pitch)
  let j = 0
  glyphs.forEach((glyph, i) => {
    const target = pitch * (i + 0.5)
    while (j < steps - 1 && lengths[j + 1] < target) j++
    const t = (target - lengths[j]) / (lengths[j + 1] - lengths[j] || 1)
    const phi = from + ((to - from) * (j + t)) / steps
    const p = point(phi)
    const up = o.upper ? { x: p.nx, y: p.ny } : { x: -p.nx, y: -p.ny }
    const rotation = (Math.atan2(up.x, -up.y) * 180) / Math.PI
    put(canvas, glyph, { x: p.x, y: p.y, rotation, width, height: o.height, line: o.line })
  })
}

/** a horizontal line of glyphs centred on (cx, cy) */
function lineText(
  canvas: Canvas,
  glyphs: Glyph[],
  o: { cx: number; cy: number; height: number; width: number; pitch: number; maxWidth: number },
  line: GlyphPlacement['line']
) {
  let { width, pitch } = o
  const natural = pitch * (glyphs.length - 1) + width
  if (natural > o.maxWidth) {
    const k = o.maxWidth / natural
    width *= k
    pitch *= k
  }
  const start = o.cx - (pitch * (glyphs.length - 1)) / 2
  glyphs.forEach((glyph, i) => {
    put(canvas, glyph, {
      x: start + pitch * i,
      y: o.cy,
      rotation: 0,
      width,
      height: o.height,
      line,
    })
  })
}

function star(cx: number, cy: number, radius: number) {
  const inner = radius * (Math.sin(rad(18)) / Math.sin(rad(126)))
  const points: string[] = []
  for (let i = 0; i < 10; i++) {
    const r = i % 2 === 0 ? radius : inner
    const angle = rad(-90 + i * 36)
    points.push(`${n(cx + r * Math.cos(angle))},${n(cy + r * Math.sin(angle))}`)
  }
  return `<polygon points="${points.join(' ')}"/>`
}

function ellipseRing(cx: number, cy: number, rx: number, ry: number, width: number, color: string) {
  return `<ellipse cx="${n(cx)}" cy="${n(cy)}" rx="${n(rx)}" ry="${n(ry)}" fill="none" stroke="${color}" stroke-width="${n(width)}"/>`
}

function renderRoundOrOval(face: SealFace, canvas: Canvas) {
  const style = face.style ?? {}
  const round = face.shape === 'round'
  const g = round ? GEOMETRY.round : GEOMETRY.oval
  const widthMm = style.sizeMm ?? g.size
  const heightMm = round ? widthMm : (style.heightMm ?? widthMm * GEOMETRY.oval.heightRatio)
  const width = Math.round(widthMm * PX_PER_MM)
  const height = Math.round(heightMm * PX_PER_MM)
  const k = (widthMm / g.size) * PX_PER_MM // px per reference mm
  const color = style.color ?? DEFAULT_COLOR
  const cx = width / 2
  const cy = height / 2
  const border = (style.borderMm ?? g.border) * (style.borderMm ? PX_PER_MM : k)
  const a = cx - 1 - border // inner edge of the border
  const b = cy - 1 - border
  canvas.parts.push(ellipseRing(cx, cy, cx - 1 - border / 2, cy - 1 - border / 2, border, color))
  let ringInset = 0
  if (style.innerRing) {
    const gap = g.innerRingGap * k
    const w = g.innerRingWidth * k
    canvas.parts.push(ellipseRing(cx, cy, a - gap - w / 2, b - gap - w / 2, w, color))
    ringInset = gap + w
  }

  const name = glyphsOf(face.text, 'text')
  const code = face.code ? glyphsOf(face.code, 'code') : []
  const nameHeight = g.nameHeight * k * (style.textScale ?? 1)
  const nameInset = ringInset + g.nameGap * k + nameHeight / 2
  let codeSpan = 0
  if (code.length) {
    const codeInset = ringInset + g.codeGap * k + (g.codeHeight * k) / 2
    const radius = Math.min(a, b) - codeInset
    codeSpan = ((code.length * g.codePitch * k) / radius) * (180 / Math.PI)
    arcText(canvas, code, {
      cx,
      cy,
      a,
      b,
      inset: codeInset,
      from: 180 + codeSpan / 2,
      to: 180 - codeSpan / 2,
      height: g.codeHeight * k,
      width: () => g.codeWidth * k,
      upper: false,
      line: 'code',
    })
  }
  const span = Math.min(
    style.arcDegrees ?? defaultArcDegrees(face.shape as 'round' | 'oval', name.length),
    code.length ? 340 - codeSpan : 330
  )
  arcText(canvas, name, {
    cx,
    cy,
    a,
    b,
    inset: nameInset,
    from: -span / 2,
    to: span / 2,
    height: nameHeight,
    width: (pitch) => Math.min(pitch * g.nameFill, nameHeight * g.nameMaxAspect),
    upper: true,
    line: 'arc',
  })

  if (round && style.star !== false) canvas.parts.push(star(cx, cy, GEOMETRY.round.starRadius * k))
  if (!round && face.taxNumber) {
    const o = GEOMETRY.oval
    lineText(
      canvas,
      glyphsOf(face.taxNumber, 'taxNumber'),
      {
        cx,
        cy,
        height: o.middleHeight * k,
        width: o.middleWidth * k,
        pitch: o.middlePitch * k,
        maxWidth: o.middleMaxWidth * k,
      },
      'middle'
    )
  }
  if (face.bottomText) {
    lineText(
      canvas,
      glyphsOf(face.bottomText, 'bottomText'),
      {
        cx,
        cy: cy + g.bottomY * k * (round ? 1 : heightMm / widthMm / GEOMETRY.oval.heightRatio),
        height: g.bottomHeight * k,
        width: g.bottomWidth * k,
        pitch: g.bottomPitch * k,
        maxWidth: g.bottomMaxWidth * k,
      },
      'bottom'
    )
  }
  return { width, height, color }
}

/** 2–4 characters in columns, read right to left, top to bottom */
export function squareCells(count: number): Array<{ col: number; row: number; rows: number }> {
  if (count === 2)
    return [
      { col: 1, row: 0, rows: 2 },
      { col: 0, row: 0, rows: 2 },
    ]
  if (count === 3)
    return [
      { col: 1, row: 0, rows: 2 },
      { col: 0, row: 0, rows: 1 },
      { col: 0, row: 1, rows: 1 },
    ]
  return [
    { col: 1, row: 0, rows: 1 },
    { col: 1, row: 1, rows: 1 },
    { col: 0, row: 0, rows: 1 },
    { col: 0, row: 1, rows: 1 },
  ]
}

function renderSquare(face: SealFace, canvas: Canvas) {
  const style = face.style ?? {}
  const g = GEOMETRY.square
  const widthMm = style.sizeMm ?? g.size
  const heightMm = style.heightMm ?? widthMm
  const width = Math.round(widthMm * PX_PER_MM)
  const height = Math.round(heightMm * PX_PER_MM)
  const k = (widthMm / g.size) * PX_PER_MM
  const color = style.color ?? DEFAULT_COLOR
  const border = style.borderMm ? style.borderMm * PX_PER_MM : g.border * k
  const edge = 1 + border
  const yin = style.carving === 'yin'
  const glyphs = glyphsOf(face.text, 'text')
  const inner = { x: edge + g.gap * k, y: edge + g.gap * k }
  const areaW = width - 2 * inner.x
  const areaH = height - 2 * inner.y
  const gutter = g.gutter * k
  const cellW = (areaW - gutter) / 2
  const cellH = (areaH - gutter) / 2
  const body = new Canvas()
  squareCells(glyphs.length).forEach((cell, i) => {
    const h = cell.rows === 2 ? areaH : cellH
    const w = cellW * g.fill
    const x = inner.x + cell.col * (cellW + gutter) + cellW / 2
    const y = inner.y + cell.row * (cellH + gutter) + h / 2
    put(body, glyphs[i], {
      x,
      y,
      rotation: 0,
      width: w,
      height: Math.min(h * g.fill, w * g.maxAspect),
      line: 'name',
    })
  })
  canvas.glyphs.push(...body.glyphs)
  const half = border / 2
  const frame = `<rect x="${n(1 + half)}" y="${n(1 + half)}" width="${n(width - 2 - border)}" height="${n(height - 2 - border)}" fill="none" stroke="${color}" stroke-width="${n(border)}"/>`
  if (yin) {
    canvas.parts.push(
      `<mask id="carve" maskUnits="userSpaceOnUse" x="0" y="0" width="${width}" height="${height}">`,
      `<rect x="0" y="0" width="${width}" height="${height}" fill="#fff"/>`,
      `<g fill="#000">${body.parts.join('')}</g></mask>`,
      `<rect x="1" y="1" width="${width - 2}" height="${height - 2}" fill="${color}" mask="url(#carve)"/>`
    )
  } else {
    canvas.parts.push(frame, ...body.parts)
  }
  return { width, height, color }
}

/** the SVG of a seal face, with where each glyph went */
export function sealSvg(face: SealFace) {
  const canvas = new Canvas()
  const { width, height, color } =
    face.shape === 'square' ? renderSquare(face, canvas) : renderRoundOrOval(face, canvas)
  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">` +
    `<g fill="${color}">${canvas.parts.join('')}</g></svg>`
  return { svg, width, height, glyphs: canvas.glyphs }
}

/** SVG → PNG: RGBA, transparent outside the ink, 300 dpi in pHYs */
export async function rasterise(svg: string) {
  return sharp(Buffer.from(svg)).png(PNG_OPTIONS).withMetadata({ density: DPI }).toBuffer()
}

export async function renderSeal(face: SealFace): Promise<RenderedSeal> {
  const { svg, width, height, glyphs } = sealSvg(face)
  const png = await rasterise(svg)
  return { png, svg, width, height, dpi: DPI, shape: face.shape, glyphs }
}
