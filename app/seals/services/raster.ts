import sharp from 'sharp'
import { RuleError } from '#core/rule_error'
import { DPI, PNG_OPTIONS } from '#seals/services/render'

/**
 * Pixel work shared by photo extraction and signature normalisation:
 * decoding an upload (EXIF orientation applied, size bounded), connected
 * components on a coarse grid, and writing a one-colour image whose alpha
 * is the ink as a 300 dpi PNG. Plain loops over typed arrays: no native
 * addon beyond sharp, the same bytes in, the same bytes out.
 */

export interface Raw {
  data: Buffer
  width: number
  height: number
  channels: 3 | 4
}

/** the largest photo we accept (pixels), before we scale it down to work on it */
const MAX_INPUT_PIXELS = 60_000_000

/**
 * An uploaded image as raw pixels, upright, its long side at most `maxSide`.
 * `alpha` keeps the alpha channel (signature pads draw on transparency).
 */
export async function decode(
  bytes: Buffer,
  options: { maxSide: number; alpha: boolean; field: string }
): Promise<Raw & { scale: number; sourceWidth: number; sourceHeight: number }> {
  try {
    const source = sharp(bytes, { limitInputPixels: MAX_INPUT_PIXELS, failOn: 'error' }).rotate()
    const meta = await source.metadata()
    const upright = (meta.orientation ?? 1) >= 5
    const sourceWidth = (upright ? meta.height : meta.width) ?? 0
    const sourceHeight = (upright ? meta.width : meta.height) ?? 0
    let pipeline = source.resize({
      width: options.maxSide,
      height: options.maxSide,
      fit: 'inside',
      withoutEnlargement: true,
    })
    pipeline = options.alpha
      ? pipeline.ensureAlpha()
      : pipeline.flatten({ background: '#ffffff' }).removeAlpha()
    const { data, info } = await pipeline.raw().toBuffer({ resolveWithObject: true })
    return {
      data,
      width: info.width,
      height: info.height,
      channels: info.channels as 3 | 4,
      scale: info.width / (sourceWidth || info.width),
      sourceWidth,
      sourceHeight,
    }
  } catch (error) {
    if (/pixel limit/i.test((error as Error).message)) {
      throw new RuleError('图片尺寸过大，请上传不超过 6000 万像素的图片', {
        field: options.field,
        code: 'image_too_large',
      })
    }
    throw new RuleError('无法读取该图片，请上传 JPG 或 PNG 格式的图片', {
      field: options.field,
      code: 'image_unreadable',
      data: { cause: (error as Error).message },
    })
  }
}

export interface Component {
  /** bounding box in pixels (x1, y1 exclusive) */
  x0: number
  y0: number
  x1: number
  y1: number
  /** ink pixels inside the component's cells */
  ink: number
  /** the component's cells (indices into the grid) */
  cells: number[]
}

export interface Grid {
  cell: number
  cols: number
  rows: number
  /** per cell: 1 when it belongs to some component (after dilation) */
  on: Uint8Array
  components: Component[]
}

/**
 * Connected components of a mask, found on a grid of `cell`-pixel squares
 * (a cell is on when at least `minPerCell` pixels are), dilated by `grow`
 * cells so that strokes a little apart join; 8-connected.
 */
export function components(
  mask: Uint8Array,
  width: number,
  height: number,
  options: { cell: number; minPerCell: number; grow: number }
): Grid {
  const { cell } = options
  const cols = Math.ceil(width / cell)
  const rows = Math.ceil(height / cell)
  const counts = new Uint32Array(cols * rows)
  for (let y = 0; y < height; y++) {
    const row = ((y / cell) | 0) * cols
    for (let x = 0; x < width; x++) if (mask[y * width + x]) counts[row + ((x / cell) | 0)]++
  }
  const seed = new Uint8Array(cols * rows)
  for (let i = 0; i < seed.length; i++) seed[i] = counts[i] >= options.minPerCell ? 1 : 0
  const on = new Uint8Array(cols * rows)
  const g = options.grow
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      if (!seed[r * cols + c]) continue
      for (let dr = -g; dr <= g; dr++) {
        const rr = r + dr
        if (rr < 0 || rr >= rows) continue
        for (let dc = -g; dc <= g; dc++) {
          const cc = c + dc
          if (cc >= 0 && cc < cols) on[rr * cols + cc] = 1
        }
      }
    }
  }
  const label = new Int32Array(cols * rows).fill(-1)
  const found: Component[] = []
  const stack: number[] = []
  for (let start = 0; start < on.length; start++) {
    if (!on[start] || label[start] >= 0) continue
    const id = found.length
    const component: Component = { x0: Infinity, y0: Infinity, x1: 0, y1: 0, ink: 0, cells: [] }
    label[start] = id
    stack.push(start)
    while (stack.length) {
      const index = stack.pop()!
      component.cells.push(index)
      const r = (index / cols) | 0
      const c = index - r * cols
      if (seed[index]) {
        component.ink += counts[index]
        component.x0 = Math.min(component.x0, c * cell)
        component.y0 = Math.min(component.y0, r * cell)
        component.x1 = Math.max(component.x1, Math.min(width, (c + 1) * cell))
        component.y1 = Math.max(component.y1, Math.min(height, (r + 1) * cell))
      }
      for (let dr = -1; dr <= 1; dr++) {
        const rr = r + dr
        if (rr < 0 || rr >= rows) continue
        for (let dc = -1; dc <= 1; dc++) {
          const cc = c + dc
          if (cc < 0 || cc >= cols) continue
          const next = rr * cols + cc
          if (on[next] && label[next] < 0) {
            label[next] = id
            stack.push(next)
          }
        }
      }
    }
    found.push(component)
  }
  return { cell, cols, rows, on, components: found.filter((c) => c.ink > 0) }
}

export function parseColor(hex: string): [number, number, number] {
  const value = Number.parseInt(hex.slice(1), 16)
  return [(value >> 16) & 255, (value >> 8) & 255, value & 255]
}

export function toHex([r, g, b]: [number, number, number]) {
  return `#${[r, g, b].map((v) => v.toString(16).padStart(2, '0')).join('')}`
}

/**
 * A one-colour RGBA image from an alpha plane, scaled to fit `fit`
 * (Lanczos, on the alpha alone so that the colour stays exact), as a PNG
 * tagged 300 dpi.
 */
export async function inkPng(
  alpha: Uint8Array,
  width: number,
  height: number,
  color: [number, number, number],
  fit: { width?: number; height?: number }
) {
  const scaled = await sharp(Buffer.from(alpha.buffer, alpha.byteOffset, alpha.length), {
    raw: { width, height, channels: 1 },
  })
    .resize({ ...fit, fit: 'inside', kernel: 'lanczos3' })
    .extractChannel(0)
    .raw()
    .toBuffer({ resolveWithObject: true })
  const { width: w, height: h } = scaled.info
  const rgba = Buffer.alloc(w * h * 4)
  for (let i = 0, j = 0; i < w * h; i++, j += 4) {
    const a = scaled.data[i]
    if (!a) continue
    rgba[j] = color[0]
    rgba[j + 1] = color[1]
    rgba[j + 2] = color[2]
    rgba[j + 3] = a
  }
  const png = await sharp(rgba, { raw: { width: w, height: h, channels: 4 } })
    .png(PNG_OPTIONS)
    .withMetadata({ density: DPI })
    .toBuffer()
  return { png, width: w, height: h }
}

/** p-quantile (0..1) of the values of `values` selected by `keep` (a histogram: values are bytes) */
export function quantile(values: Uint8Array, p: number, keep?: (i: number) => boolean) {
  const histogram = new Uint32Array(256)
  const size = values.length
  if (keep) {
    for (let i = 0; i < size; i++) if (keep(i)) histogram[values[i]]++
  } else {
    for (const value of values) histogram[value]++
  }
  return histogramQuantile(histogram, p)
}

export function histogramQuantile(histogram: Uint32Array, p: number) {
  let total = 0
  for (const count of histogram) total += count
  if (!total) return 0
  let seen = 0
  const target = p * total
  for (let v = 0; v < 256; v++) {
    seen += histogram[v]
    if (seen >= target) return v
  }
  return 255
}

/** a mask grown by r px in every direction (a square neighbourhood, two passes) */
export function dilate(mask: Uint8Array, w: number, h: number, r: number) {
  const across = new Uint8Array(mask.length)
  for (let y = 0; y < h; y++) {
    const row = y * w
    // left to right: within r after an on pixel; right to left: within r before one
    let last = -Infinity
    for (let x = 0; x < w; x++) {
      if (mask[row + x]) last = x
      if (x - last <= r) across[row + x] = 1
    }
    last = Infinity
    for (let x = w - 1; x >= 0; x--) {
      if (mask[row + x]) last = x
      if (last - x <= r) across[row + x] = 1
    }
  }
  const out = new Uint8Array(mask.length)
  for (let x = 0; x < w; x++) {
    let last = -Infinity
    for (let y = 0; y < h; y++) {
      if (across[y * w + x]) last = y
      if (y - last <= r) out[y * w + x] = 1
    }
    last = Infinity
    for (let y = h - 1; y >= 0; y--) {
      if (across[y * w + x]) last = y
      if (last - y <= r) out[y * w + x] = 1
    }
  }
  return out
}

export const clamp01 = (v: number) => (v < 0 ? 0 : v > 1 ? 1 : v)
