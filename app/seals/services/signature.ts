import sharp from 'sharp'
import { RuleError } from '#core/rule_error'
import { DPI, PNG_OPTIONS } from '#seals/services/render'
import {
  clamp01,
  components,
  decode,
  histogramQuantile,
  inkPng,
  parseColor,
  toHex,
} from '#seals/services/raster'

/**
 * Handwritten signatures (手写签名) made fit to sign with: from a signature
 * pad's PNG (strokes on transparency, or on white) or a photo of a
 * signature on white paper, the strokes are kept, the background made
 * transparent, the image trimmed to the strokes and scaled to a fixed
 * height, in one stroke colour.
 *
 *  - Pad images with a transparent background: the alpha is the ink.
 *  - Anything else is paper: the paper's brightness is measured block by
 *    block (the 90th percentile of each 1/40th of the image, interpolated),
 *    so that shadows and uneven light are not ink; a pixel's ink is how
 *    much darker it is than its paper, scaled so that the strokes' own
 *    darkness is opaque.
 * Specks far smaller than the strokes are dropped; the colour is the
 * strokes' own (their median), or black when they have none to speak of
 * (grey pencil, a black pen photographed), unless a colour is given.
 */

export interface SignatureOptions {
  /** height of the result in px (default 180: 15 mm at 300 dpi) */
  height?: number
  /** widest result in px (default 1080); a longer signature is scaled down and centred */
  maxWidth?: number
  /** '#rrggbb', or 'keep' (default): the strokes' colour, black when they are grey */
  color?: string
}

export interface NormalisedSignature {
  png: Buffer
  width: number
  height: number
  dpi: number
  /** the colour the strokes were given */
  color: string
  /** how the input was read */
  source: 'pad' | 'paper'
}

export const SIGNATURE_HEIGHT = 180
export const SIGNATURE_MAX_WIDTH = 1080
export const NO_SIGNATURE_MESSAGE = '未检测到签名笔迹，请在签名板或白纸上重新签名'

const NOISE = 0.08

export async function normaliseSignature(
  bytes: Buffer,
  options: SignatureOptions = {}
): Promise<NormalisedSignature> {
  const image = await decode(bytes, { maxSide: 2000, alpha: true, field: 'signature' })
  const { data, width, height } = image
  const pixels = width * height
  let clear = 0
  for (let i = 0; i < pixels; i++) if (data[i * 4 + 3] < 16) clear++
  const source: NormalisedSignature['source'] = clear >= pixels * 0.2 ? 'pad' : 'paper'
  const ink = source === 'pad' ? padInk(data, pixels) : paperInk(data, width, height)

  // drop specks: ink components far smaller than the strokes
  const mask = new Uint8Array(pixels)
  let total = 0
  for (let i = 0; i < pixels; i++) {
    if (ink[i] >= 64) {
      mask[i] = 1
      total++
    }
  }
  if (total < Math.max(30, pixels * 0.0002)) {
    throw new RuleError(NO_SIGNATURE_MESSAGE, { field: 'signature', code: 'no_signature' })
  }
  if (source === 'paper' && total > pixels * 0.35) {
    throw new RuleError('图片中不是白底上的签名，请在白纸上签名后拍摄', {
      field: 'signature',
      code: 'not_a_signature',
    })
  }
  const cell = Math.max(2, Math.round(Math.max(width, height) / 300))
  const grid = components(mask, width, height, { cell, minPerCell: 1, grow: 2 })
  const biggest = Math.max(...grid.components.map((c) => c.ink))
  const kept = grid.components.filter((c) => c.ink >= Math.max(6, biggest * 0.01))
  const keep = new Uint8Array(grid.cols * grid.rows)
  for (const c of kept) for (const index of c.cells) keep[index] = 1

  let x0 = width
  let y0 = height
  let x1 = 0
  let y1 = 0
  for (let y = 0; y < height; y++) {
    const row = ((y / cell) | 0) * grid.cols
    for (let x = 0; x < width; x++) {
      const i = y * width + x
      if (!keep[row + ((x / cell) | 0)]) {
        ink[i] = 0
        continue
      }
      if (ink[i] >= 64) {
        x0 = Math.min(x0, x)
        y0 = Math.min(y0, y)
        x1 = Math.max(x1, x + 1)
        y1 = Math.max(y1, y + 1)
      }
    }
  }
  const margin = Math.round((y1 - y0) * 0.06) + 2
  x0 = Math.max(0, x0 - margin)
  y0 = Math.max(0, y0 - margin)
  x1 = Math.min(width, x1 + margin)
  y1 = Math.min(height, y1 + margin)
  const cw = x1 - x0
  const ch = y1 - y0
  const alpha = new Uint8Array(cw * ch)
  for (let y = 0; y < ch; y++) {
    for (let x = 0; x < cw; x++) alpha[y * cw + x] = ink[(y0 + y) * width + x0 + x]
  }

  const color = options.color && options.color !== 'keep' ? options.color : strokeColor(data, ink)
  const targetHeight = options.height ?? SIGNATURE_HEIGHT
  const maxWidth = options.maxWidth ?? SIGNATURE_MAX_WIDTH
  const fit = (cw * targetHeight) / ch > maxWidth ? { width: maxWidth } : { height: targetHeight }
  let out = await inkPng(alpha, cw, ch, parseColor(color), fit)
  if (out.height !== targetHeight) out = await padTo(out, targetHeight)
  return { ...out, dpi: DPI, color, source }
}

/** a pad's strokes: the alpha, as it is */
function padInk(data: Buffer, pixels: number) {
  const ink = new Uint8Array(pixels)
  for (let i = 0; i < pixels; i++) ink[i] = data[i * 4 + 3]
  return ink
}

/** paper: darkness against the local paper brightness, scaled to the strokes' darkness */
function paperInk(data: Buffer, width: number, height: number) {
  const pixels = width * height
  const luma = new Uint8Array(pixels)
  for (let i = 0, j = 0; i < pixels; i++, j += 4) {
    const a = data[j + 3] / 255
    const y = 0.299 * data[j] + 0.587 * data[j + 1] + 0.114 * data[j + 2]
    luma[i] = Math.round(y * a + 255 * (1 - a))
  }
  // the paper's brightness, block by block: each block's 90th percentile
  const block = Math.max(16, Math.round(Math.max(width, height) / 40))
  const bw = Math.ceil(width / block)
  const bh = Math.ceil(height / block)
  const level = new Float64Array(bw * bh)
  const histogram = new Uint32Array(256)
  for (let by = 0; by < bh; by++) {
    for (let bx = 0; bx < bw; bx++) {
      histogram.fill(0)
      for (let y = by * block; y < Math.min(height, (by + 1) * block); y++) {
        const row = y * width
        for (let x = bx * block; x < Math.min(width, (bx + 1) * block); x++)
          histogram[luma[row + x]]++
      }
      level[by * bw + bx] = Math.max(1, histogramQuantile(histogram, 0.9))
    }
  }
  // …interpolated between the blocks' centres
  const column = (x: number) => Math.max(0, Math.min(bw - 1, (x + 0.5) / block - 0.5))
  const left = new Int32Array(width)
  const right = new Int32Array(width)
  const fx = new Float64Array(width)
  for (let x = 0; x < width; x++) {
    const c = column(x)
    left[x] = Math.floor(c)
    right[x] = Math.min(left[x] + 1, bw - 1)
    fx[x] = c - left[x]
  }
  const darkness = new Uint8Array(pixels)
  const darkHistogram = new Uint32Array(256)
  for (let y = 0; y < height; y++) {
    const r = Math.max(0, Math.min(bh - 1, (y + 0.5) / block - 0.5))
    const top = Math.floor(r) * bw
    const bottom = Math.min(Math.floor(r) + 1, bh - 1) * bw
    const fy = r - Math.floor(r)
    for (let x = 0; x < width; x++) {
      const upper = level[top + left[x]] * (1 - fx[x]) + level[top + right[x]] * fx[x]
      const lower = level[bottom + left[x]] * (1 - fx[x]) + level[bottom + right[x]] * fx[x]
      const paper = upper * (1 - fy) + lower * fy
      const i = y * width + x
      const v = Math.round(255 * clamp01((paper - luma[i]) / paper))
      darkness[i] = v
      if (v >= 0.2 * 255) darkHistogram[v]++
    }
  }
  // the strokes' own darkness is opaque
  const full = Math.max(histogramQuantile(darkHistogram, 0.9) / 255, 0.3)
  const ink = new Uint8Array(pixels)
  for (let i = 0; i < pixels; i++) {
    ink[i] = Math.round(255 * clamp01((darkness[i] / 255 - NOISE) / (full - NOISE)))
  }
  return ink
}

/** the median colour of the solid strokes; black when it is grey */
function strokeColor(data: Buffer, ink: Uint8Array) {
  const histograms = [new Uint32Array(256), new Uint32Array(256), new Uint32Array(256)]
  let n = 0
  const size = ink.length
  for (let i = 0; i < size; i++) {
    if (ink[i] < 204) continue
    histograms[0][data[i * 4]]++
    histograms[1][data[i * 4 + 1]]++
    histograms[2][data[i * 4 + 2]]++
    n++
  }
  if (!n) return '#000000'
  const rgb = histograms.map((h) => histogramQuantile(h, 0.5)) as [number, number, number]
  const max = Math.max(...rgb)
  const min = Math.min(...rgb)
  const saturation = max ? (max - min) / max : 0
  return saturation < 0.25 ? '#000000' : toHex(rgb)
}

async function padTo(image: { png: Buffer; width: number; height: number }, height: number) {
  const top = Math.floor((height - image.height) / 2)
  const { data, info } = await sharp(image.png)
    .extend({
      top,
      bottom: height - image.height - top,
      background: { r: 0, g: 0, b: 0, alpha: 0 },
    })
    .png(PNG_OPTIONS)
    .withMetadata({ density: DPI })
    .toBuffer({ resolveWithObject: true })
  return { png: data, width: info.width, height: info.height }
}
