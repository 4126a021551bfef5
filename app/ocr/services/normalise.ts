import sharp from 'sharp'
import ocrConfig from '#config/ocr'
import { RuleError } from '#core/rule_error'

/**
 * Before tesseract sees a photo: the camera's orientation applied (EXIF),
 * grey, the document's region found (a licence or card photographed on a
 * desk is brighter than the desk), a small rotation undone (up to ±5°,
 * found by projection profiles), scaled to the width at which the text is
 * about 30 px high for the kind, contrast stretched.
 *
 * Deskew by projection profile: the dark (ink) pixels are projected on the
 * vertical axis for each candidate angle; text lines give sharp peaks and
 * gaps exactly when the angle matches theirs, so the angle whose profile
 * has the largest sum of squares wins (0.5° steps over ±5°, then 0.1°).
 */
export const TARGET_WIDTH = { licence: 1400, idcard: 1000 } as const
export type DocumentKind = keyof typeof TARGET_WIDTH

/** the working copy's longest side: enough for either target width */
const WORK_SIZE = 1600
const MAX_SKEW = 5

export interface Normalised {
  png: Buffer
  width: number
  height: number
  /** the document's region in the working copy, and the rotation undone (degrees) */
  region: { left: number; top: number; width: number; height: number }
  angle: number
}

interface Grey {
  data: Buffer
  width: number
  height: number
}

export async function normalise(input: Buffer, kind: DocumentKind): Promise<Normalised> {
  let base: Grey
  try {
    const { data, info } = await sharp(input, { limitInputPixels: ocrConfig.maxPixels })
      .rotate()
      .greyscale()
      .resize({ width: WORK_SIZE, height: WORK_SIZE, fit: 'inside', withoutEnlargement: true })
      .raw()
      .toBuffer({ resolveWithObject: true })
    base = { data, width: info.width, height: info.height }
  } catch {
    throw new RuleError('无法读取该图片，请上传清晰的 JPG 或 PNG 照片', {
      field: 'file',
      code: 'image_unreadable',
    })
  }
  if (base.width < 200 || base.height < 120) {
    throw new RuleError('图片太小，请上传清晰完整的证件照片', {
      field: 'file',
      code: 'image_too_small',
    })
  }
  const threshold = otsu(base)
  const region = documentRegion(base, threshold)
  const angle = skewAngle(base, region, threshold)
  const background = paperShade(base, threshold)
  const page = paperOnly(base, region, threshold, background)
  const { data, info } = await sharp(page, {
    raw: { width: region.width, height: region.height, channels: 1 },
  })
    .rotate(-angle, { background: { r: background, g: background, b: background } })
    .resize({ width: TARGET_WIDTH[kind] })
    .normalise()
    .png({ compressionLevel: 1, adaptiveFiltering: false })
    .toBuffer({ resolveWithObject: true })
  return { png: data, width: info.width, height: info.height, region, angle }
}

/** Otsu's threshold of a grey image (sampled) */
export function otsu({ data }: Grey): number {
  const histogram = new Array(256).fill(0)
  const step = Math.max(1, Math.floor(data.length / 200_000))
  let total = 0
  for (let i = 0; i < data.length; i += step) {
    histogram[data[i]]++
    total++
  }
  let sum = 0
  for (let i = 0; i < 256; i++) sum += i * histogram[i]
  let sumB = 0
  let weightB = 0
  let best = 0
  let threshold = 128
  for (let t = 0; t < 256; t++) {
    weightB += histogram[t]
    if (!weightB) continue
    const weightF = total - weightB
    if (!weightF) break
    sumB += t * histogram[t]
    const meanB = sumB / weightB
    const meanF = (sum - sumB) / weightF
    const between = weightB * weightF * (meanB - meanF) ** 2
    if (between > best) {
      best = between
      threshold = t
    }
  }
  return threshold
}

/**
 * The document's bounding box: rows and columns mostly brighter than the
 * threshold (paper), with a small margin. A scan (paper everywhere) or a
 * region too small to be the document gives the whole image.
 */
export function documentRegion(grey: Grey, threshold: number) {
  const { data, width, height } = grey
  const whole = { left: 0, top: 0, width, height }
  const rows = new Float64Array(height)
  const cols = new Float64Array(width)
  let bright = 0
  for (let y = 0; y < height; y += 2) {
    for (let x = 0; x < width; x += 2) {
      if (data[y * width + x] > threshold) {
        rows[y]++
        cols[x]++
        bright++
      }
    }
  }
  const samples = Math.ceil(height / 2) * Math.ceil(width / 2)
  if (bright / samples > 0.9) return whole
  const rowLimit = (width / 2) * 0.4
  const colLimit = (height / 2) * 0.4
  let top = 0
  while (top < height && rows[top] < rowLimit) top += 2
  let bottom = height - 1 - ((height - 1) % 2)
  while (bottom > top && rows[bottom] < rowLimit) bottom -= 2
  let left = 0
  while (left < width && cols[left] < colLimit) left += 2
  let right = width - 1 - ((width - 1) % 2)
  while (right > left && cols[right] < colLimit) right -= 2
  const w = right - left
  const h = bottom - top
  if (w * h < width * height * 0.3) return whole
  const mx = Math.round(w * 0.01)
  const my = Math.round(h * 0.01)
  const l = Math.max(0, left - mx)
  const t = Math.max(0, top - my)
  return {
    left: l,
    top: t,
    width: Math.min(width, right + mx + 1) - l,
    height: Math.min(height, bottom + my + 1) - t,
  }
}

/** the angle (degrees, clockwise positive as the image shows it) of the text lines */
export function skewAngle(
  grey: Grey,
  region: { left: number; top: number; width: number; height: number },
  threshold: number
): number {
  /* ink pixels inside the region less 6 % at each edge (where a rotated desk shows) */
  const insetX = Math.round(region.width * 0.06)
  const insetY = Math.round(region.height * 0.06)
  const xs: number[] = []
  const ys: number[] = []
  const dark = Math.min(threshold, 160)
  for (let y = region.top + insetY; y < region.top + region.height - insetY; y += 2) {
    for (let x = region.left + insetX; x < region.left + region.width - insetX; x += 2) {
      if (grey.data[y * grey.width + x] < dark) {
        xs.push(x - region.left)
        ys.push(y - region.top)
      }
    }
  }
  if (xs.length < 200) return 0
  const score = (degrees: number) => {
    const a = (degrees * Math.PI) / 180
    const sin = Math.sin(a)
    const cos = Math.cos(a)
    const offset = region.width + 10
    /* bins as tall as the sampling step: finer bins would favour 0° (every sampled row even) */
    const bins = new Float64Array((region.height + 2 * offset) / 2 + 2)
    for (const [i, x] of xs.entries()) {
      bins[Math.floor((ys[i] * cos - x * sin + offset) / 2)]++
    }
    let s = 0
    for (const b of bins) s += b * b
    return s
  }
  let best = 0
  let bestScore = score(0)
  for (let d = -MAX_SKEW; d <= MAX_SKEW; d += 0.5) {
    const s = score(d)
    if (s > bestScore) {
      bestScore = s
      best = d
    }
  }
  const coarse = best
  for (let d = coarse - 0.4; d <= coarse + 0.41; d += 0.1) {
    const s = score(d)
    if (s > bestScore) {
      bestScore = s
      best = d
    }
  }
  /* below 0.3° the rotation's resampling costs more than it brings */
  return Math.abs(best) < 0.3 ? 0 : Math.round(best * 10) / 10
}

/**
 * The region with the desk painted over: from each edge of each row and
 * column, pixels darker than the paper are replaced with the paper's grey
 * until the paper begins (dark corners of a photo taken at an angle
 * otherwise become lines and blocks for tesseract's layout analysis).
 */
function paperOnly(
  grey: Grey,
  region: { left: number; top: number; width: number; height: number },
  threshold: number,
  shade: number
): Buffer {
  const { width: w, height: h } = region
  const out = Buffer.alloc(w * h)
  for (let y = 0; y < h; y++) {
    grey.data.copy(
      out,
      y * w,
      (region.top + y) * grey.width + region.left,
      (region.top + y) * grey.width + region.left + w
    )
  }
  const limit = Math.round(Math.max(w, h) * 0.12)
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < limit && out[y * w + x] <= threshold; x++) out[y * w + x] = shade
    for (let x = w - 1; x >= w - limit && out[y * w + x] <= threshold; x--) out[y * w + x] = shade
  }
  for (let x = 0; x < w; x++) {
    for (let y = 0; y < limit && out[y * w + x] <= threshold; y++) out[y * w + x] = shade
    for (let y = h - 1; y >= h - limit && out[y * w + x] <= threshold; y--) out[y * w + x] = shade
  }
  /* the document's own edge (kept by the region's margin) would read as a column of 1s and ls */
  const frameX = Math.round(w * 0.02)
  const frameY = Math.round(h * 0.02)
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      if (x < frameX || x >= w - frameX || y < frameY || y >= h - frameY) out[y * w + x] = shade
    }
  }
  return out
}

/** the paper's grey (median of the bright pixels), to fill the corners a rotation uncovers */
function paperShade(grey: Grey, t: number) {
  const histogram = new Array(256).fill(0)
  let n = 0
  for (let i = 0; i < grey.data.length; i += 7) {
    if (grey.data[i] > t) {
      histogram[grey.data[i]]++
      n++
    }
  }
  let seen = 0
  for (let v = 0; v < 256; v++) {
    seen += histogram[v]
    if (seen >= n / 2) return v
  }
  return 255
}
