import sharp, { type OverlayOptions } from 'sharp'
import { sealFont } from '#seals/services/font'

/**
 * Fixtures the seal tests make for themselves: photos of a stamped
 * application form (paper texture, printed text and lines, a seal pressed
 * on in ink, uneven light, blur, a few degrees of rotation, JPEG loss),
 * signature images, and the pixel measures the assertions use. Everything
 * is seeded: the same call makes the same bytes.
 */

/** a small deterministic PRNG (mulberry32) */
export function prng(seed: number) {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** black print as SVG paths (the seal font, upright glyphs of `size` px) */
export function printedText(text: string, x: number, y: number, size: number, color = '#1a1a1a') {
  const font = sealFont()
  const em = font.emTop - font.emBottom
  const k = size / em
  return Array.from(text)
    .map((char, i) => {
      const glyph = font.glyph(char)
      if (!glyph) return ''
      const left = x + i * size
      return `<path fill="${color}" transform="matrix(${k} 0 0 ${-k} ${left} ${y + font.emTop * k})" d="${glyph.d}"/>`
    })
    .join('')
}

export interface PhotoOptions {
  width?: number
  height?: number
  /** the seal's long side in the photo, px */
  sealPx?: number
  /** where the seal's centre lands */
  at?: { x: number; y: number }
  /** degrees, clockwise */
  angle?: number
  /** Gaussian blur σ in px (0: none) */
  blur?: number
  /** JPEG quality */
  quality?: number
  /** how dark the far corner gets (0: even light, 0.35: a third darker) */
  shade?: number
  /** ink strength 0..1 */
  ink?: number
  seed?: number
  /** the form's printed text and lines (default true) */
  print?: boolean
  /** where a second impression of the same seal lands, if any */
  twice?: { x: number; y: number }
}

/**
 * A photo of a printed 印章申请书 with `seal` (a PNG, or null for a form
 * that nobody stamped) pressed on it.
 */
export async function stampedFormPhoto(seal: Buffer | null, options: PhotoOptions = {}) {
  const width = options.width ?? 1600
  const height = options.height ?? 1200
  const random = prng(options.seed ?? 7)
  // paper: warm white with fibre noise
  const paper = Buffer.alloc(width * height * 3)
  for (let i = 0, j = 0; i < width * height; i++, j += 3) {
    const grain = Math.round((random() - 0.5) * 14)
    paper[j] = 246 + grain
    paper[j + 1] = 241 + grain
    paper[j + 2] = 229 + grain
  }
  const u = width / 1600
  const print = [
    printedText('印章申请书', width / 2 - 200 * u, 70 * u, 80 * u),
    printedText('申请单位名称：示例市某某科技有限公司', 120 * u, 240 * u, 36 * u),
    printedText('统一社会信用代码：', 120 * u, 320 * u, 36 * u),
    printedText('申请印章类型：合同专用章', 120 * u, 400 * u, 36 * u),
    printedText('申请单位（盖章）', width - 700 * u, height - 430 * u, 36 * u),
    printedText('年　月　日', width - 420 * u, height - 160 * u, 36 * u),
    `<rect x="${100 * u}" y="${200 * u}" width="${width - 200 * u}" height="${3 * u}" fill="#222"/>`,
    `<rect x="${100 * u}" y="${height - 480 * u}" width="${width - 200 * u}" height="${3 * u}" fill="#222"/>`,
    `<rect x="${100 * u}" y="${200 * u}" width="${3 * u}" height="${height - 280 * u}" fill="#222"/>`,
    `<rect x="${width - 103 * u}" y="${200 * u}" width="${3 * u}" height="${height - 280 * u}" fill="#222"/>`,
  ].join('')
  const layers: OverlayOptions[] =
    options.print === false
      ? []
      : [{ input: Buffer.from(svg(width, height, print)), blend: 'multiply' }]
  if (seal) {
    const ink = options.ink ?? 0.92
    const sized = await sharp(seal)
      .resize({ width: options.sealPx ?? 420, height: options.sealPx ?? 420, fit: 'inside' })
      .rotate(options.angle ?? 0, { background: { r: 0, g: 0, b: 0, alpha: 0 } })
      .png()
      .toBuffer({ resolveWithObject: true })
    const faded = await sharp(sized.data)
      .composite([
        {
          input: Buffer.from([255, 255, 255, Math.round(255 * ink)]),
          raw: { width: 1, height: 1, channels: 4 },
          tile: true,
          blend: 'dest-in',
        },
      ])
      .png()
      .toBuffer()
    const at = options.at ?? { x: width - 420 * u, y: height - 330 * u }
    for (const centre of options.twice ? [at, options.twice] : [at]) {
      layers.push({
        input: faded,
        left: Math.round(centre.x - sized.info.width / 2),
        top: Math.round(centre.y - sized.info.height / 2),
        blend: 'multiply',
      })
    }
  }
  const shade = options.shade ?? 0.3
  if (shade > 0) {
    const dark = Math.round(255 * (1 - shade))
    layers.push({
      input: Buffer.from(
        svg(
          width,
          height,
          `<defs><linearGradient id="l" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="#fff"/><stop offset="1" stop-color="rgb(${dark},${dark},${Math.round(dark * 0.92)})"/></linearGradient></defs><rect width="${width}" height="${height}" fill="url(#l)"/>`
        )
      ),
      blend: 'multiply',
    })
  }
  const pressed = await sharp(paper, { raw: { width, height, channels: 3 } })
    .composite(layers)
    .removeAlpha()
    .raw()
    .toBuffer()
  let photo = sharp(pressed, { raw: { width, height, channels: 3 } })
  if (options.blur) photo = photo.blur(options.blur)
  return photo.jpeg({ quality: options.quality ?? 82 }).toBuffer()
}

function svg(width: number, height: number, body: string) {
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">${body}</svg>`
}

const clampByte = (v: number) => Math.max(0, Math.min(255, Math.round(v)))

/** alpha plane of a PNG, with its size */
export async function alphaOf(png: Buffer) {
  const { data, info } = await sharp(png).ensureAlpha().raw().toBuffer({ resolveWithObject: true })
  const alpha = new Uint8Array(info.width * info.height)
  for (let i = 0; i < alpha.length; i++) alpha[i] = data[i * 4 + 3]
  return { alpha, width: info.width, height: info.height, rgba: data }
}

/**
 * IoU of two red masks (alpha ≥ 50 %) after aligning `b` onto `a`: start
 * from the masks' centroids and radii of gyration, search the rotation
 * from −8° to 8°, then refine rotation, scale and shift (coordinate
 * descent, halving the steps) to the best overlap.
 */
export async function alignedIoU(aPng: Buffer, bPng: Buffer) {
  const a = await alphaOf(aPng)
  const b = await alphaOf(bPng)
  const ma = moments(a)
  const mb = moments(b)
  const inA = Uint8Array.from(a.alpha, (v) => (v >= 128 ? 1 : 0))
  const iou = (p: { angle: number; scale: number; dx: number; dy: number }) => {
    const t = (p.angle * Math.PI) / 180
    const cos = Math.cos(t) * p.scale
    const sin = Math.sin(t) * p.scale
    let inter = 0
    let union = 0
    for (let y = 0; y < a.height; y++) {
      for (let x = 0; x < a.width; x++) {
        const px = x - ma.cx
        const py = y - ma.cy
        const bx = mb.cx + p.dx + px * cos - py * sin
        const by = mb.cy + p.dy + px * sin + py * cos
        const hitA = inA[y * a.width + x] === 1
        const hitB = bilinear(b, bx, by) >= 128
        if (hitA && hitB) inter++
        if (hitA || hitB) union++
      }
    }
    return union ? inter / union : 0
  }
  let best = { angle: 0, scale: mb.radius / ma.radius, dx: 0, dy: 0 }
  let bestIoU = iou(best)
  for (let d = -8; d <= 8; d += 1) {
    const candidate = { ...best, angle: d }
    const v = iou(candidate)
    if (v > bestIoU) [best, bestIoU] = [candidate, v]
  }
  const steps = { angle: 0.5, scale: 0.01, dx: 1, dy: 1 }
  for (let round = 0; round < 5; round++) {
    for (const key of ['angle', 'scale', 'dx', 'dy'] as const) {
      for (const sign of [1, -1]) {
        let moved = true
        while (moved) {
          moved = false
          const candidate = { ...best, [key]: best[key] + sign * steps[key] }
          const v = iou(candidate)
          if (v > bestIoU) {
            ;[best, bestIoU] = [candidate, v]
            moved = true
          }
        }
      }
      steps[key] /= 2
    }
  }
  return { ...best, iou: bestIoU, diff: () => diffImage(a, b, inA, ma, mb, best) }
}

/** a picture of the overlap: black both, red only in `a`, blue only in `b` (for debugging) */
function diffImage(
  a: { width: number; height: number },
  b: { alpha: Uint8Array; width: number; height: number },
  inA: Uint8Array,
  ma: { cx: number; cy: number },
  mb: { cx: number; cy: number },
  p: { angle: number; scale: number; dx: number; dy: number }
) {
  const out = Buffer.alloc(a.width * a.height * 3, 255)
  const t = (p.angle * Math.PI) / 180
  const cos = Math.cos(t) * p.scale
  const sin = Math.sin(t) * p.scale
  for (let y = 0; y < a.height; y++) {
    for (let x = 0; x < a.width; x++) {
      const px = x - ma.cx
      const py = y - ma.cy
      const hitA = inA[y * a.width + x] === 1
      const hitB =
        bilinear(b, mb.cx + p.dx + px * cos - py * sin, mb.cy + p.dy + px * sin + py * cos) >= 128
      const i = (y * a.width + x) * 3
      if (hitA && hitB) out.fill(0, i, i + 3)
      else if (hitA) out[i + 1] = out[i + 2] = 0
      else if (hitB) out[i] = out[i + 1] = 0
    }
  }
  return sharp(out, { raw: { width: a.width, height: a.height, channels: 3 } })
    .png()
    .toBuffer()
}

function moments(m: { alpha: Uint8Array; width: number; height: number }) {
  let sum = 0
  let sx = 0
  let sy = 0
  for (let y = 0; y < m.height; y++) {
    for (let x = 0; x < m.width; x++) {
      const v = m.alpha[y * m.width + x] >= 128 ? 1 : 0
      sum += v
      sx += v * x
      sy += v * y
    }
  }
  const cx = sx / sum
  const cy = sy / sum
  let r2 = 0
  for (let y = 0; y < m.height; y++) {
    for (let x = 0; x < m.width; x++) {
      if (m.alpha[y * m.width + x] >= 128) r2 += (x - cx) ** 2 + (y - cy) ** 2
    }
  }
  return { cx, cy, radius: Math.sqrt(r2 / sum), area: sum }
}

function bilinear(m: { alpha: Uint8Array; width: number; height: number }, x: number, y: number) {
  const x0 = Math.floor(x)
  const y0 = Math.floor(y)
  if (x0 < 0 || y0 < 0 || x0 + 1 >= m.width || y0 + 1 >= m.height) return 0
  const fx = x - x0
  const fy = y - y0
  const i = y0 * m.width + x0
  const top = m.alpha[i] * (1 - fx) + m.alpha[i + 1] * fx
  const bottom = m.alpha[i + m.width] * (1 - fx) + m.alpha[i + m.width + 1] * fx
  return top * (1 - fy) + bottom * fy
}

/** pen strokes of a made-up signature, in a 600 × 300 box */
const STROKES = [
  'M 80 190 C 110 90, 160 80, 170 150 S 210 230, 250 140',
  'M 230 120 C 260 200, 300 210, 330 130 C 345 95, 360 150, 380 170',
  'M 360 200 C 400 110, 440 100, 470 160 S 520 210, 540 120',
  'M 120 230 C 220 250, 380 240, 520 215',
  'M 300 90 L 306 100',
]

/**
 * A signature pad's PNG: strokes of `color`, `pen` px wide, on a
 * transparent (or, with `background`, opaque) canvas bigger than the strokes.
 */
export async function padSignature(
  options: {
    color?: string
    pen?: number
    background?: string
    width?: number
    height?: number
  } = {}
) {
  const width = options.width ?? 800
  const height = options.height ?? 400
  const paths = STROKES.map(
    (d) =>
      `<path d="${d}" fill="none" stroke="${options.color ?? '#1a3d8f'}" stroke-width="${options.pen ?? 6}" stroke-linecap="round" stroke-linejoin="round"/>`
  ).join('')
  const bg = options.background
    ? `<rect width="${width}" height="${height}" fill="${options.background}"/>`
    : ''
  return sharp(
    Buffer.from(svg(width, height, `${bg}<g transform="translate(100 50)">${paths}</g>`))
  )
    .png()
    .toBuffer()
}

/** a photo of the signature, in `color` ink, on paper with uneven light, blur and JPEG loss */
export async function paperSignaturePhoto(options: { color?: string; seed?: number } = {}) {
  const width = 1200
  const height = 700
  const random = prng(options.seed ?? 3)
  const paper = Buffer.alloc(width * height * 3)
  for (let i = 0; i < width * height; i++) {
    const grain = (random() - 0.5) * 12
    paper[i * 3] = clampByte(240 + grain)
    paper[i * 3 + 1] = clampByte(238 + grain)
    paper[i * 3 + 2] = clampByte(230 + grain)
  }
  const paths = STROKES.map(
    (d) =>
      `<path d="${d}" fill="none" stroke="${options.color ?? '#202020'}" stroke-width="8" stroke-linecap="round" stroke-linejoin="round"/>`
  ).join('')
  const strokes = svg(width, height, `<g transform="translate(200 150) scale(1.2)">${paths}</g>`)
  const light = svg(
    width,
    height,
    `<defs><linearGradient id="l" x1="0" y1="0" x2="1" y2="0.6"><stop offset="0" stop-color="#fff"/><stop offset="1" stop-color="#a0a0a0"/></linearGradient></defs><rect width="${width}" height="${height}" fill="url(#l)"/>`
  )
  return sharp(paper, { raw: { width, height, channels: 3 } })
    .composite([
      { input: Buffer.from(strokes), blend: 'multiply' },
      { input: Buffer.from(light), blend: 'multiply' },
    ])
    .blur(0.8)
    .jpeg({ quality: 80 })
    .toBuffer()
}
