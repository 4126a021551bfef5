import sharp from 'sharp'
import { RuleError } from '#core/rule_error'
import { DEFAULT_COLOR, DPI, PX_PER_MM } from '#seals/services/render'
import {
  clamp01,
  components,
  decode,
  dilate,
  inkPng,
  parseColor,
  quantile,
  type Component,
  type Grid,
} from '#seals/services/raster'

/**
 * A seal taken from a photo of a stamped application form (印章申请书):
 * the red ink is found, the seal cropped, the paper made transparent, and
 * the result scaled to a standard size in one clean colour. A verdict says
 * how much to trust it, so that a poor photo goes to manual review (the
 * applicant sees 识别印章's result and confirms it, or asks for review).
 *
 * Redness: red seal ink keeps the red channel and absorbs green and blue,
 * whatever the light. Per pixel, `redness = 1 − max(G, B) / R`: in HSV
 * terms the saturation S = 1 − min/max weighted by how close the hue is to
 * 0° (S · (1 − |H| / 60°) within ±60° of red), about zero for paper, black
 * print, yellow and magenta. Being a ratio it ignores how bright the pixel
 * is, so shadows and uneven light leave it alone; a colour cast only lifts
 * the paper a little, which is measured and taken off.
 *
 * Two passes: the seal is found on a copy of the photo scaled to 1,000 px
 * (ink pixels grouped into connected components on a coarse grid; the seal
 * is the largest component with a seal-like box, its border holding the
 * rest), then its box is cut from the photo at full resolution (at most
 * 1,400 px) and the alpha computed there.
 */

export interface ExtractOptions {
  /** colour of the extracted seal (default #e60000) */
  color?: string
  /** long side of the result in mm at 300 dpi (default 40: a 40 mm seal) */
  sizeMm?: number
}

export type ExtractVerdict = 'ok' | 'review'

export interface ExtractedSeal {
  png: Buffer
  width: number
  height: number
  dpi: number
  /** the seal's box in the photo's pixels (upright) */
  box: { x: number; y: number; width: number; height: number }
  /** what its outline looks like */
  shape: 'round' | 'oval' | 'square'
  /** 0..1: how sure we are that this is the whole seal, sharp enough */
  confidence: number
  /** 'ok': can be confirmed by the applicant; 'review': send it to manual review */
  verdict: ExtractVerdict
  /** why not 'ok', in Chinese */
  reasons: string[]
  /** the figures behind the confidence, 0..1 each */
  scores: { resolution: number; outline: number; sharpness: number; coverage: number }
}

/** below this confidence the photo goes to manual review */
export const REVIEW_BELOW = 0.6
/** a pixel is ink from this redness on (0..1) */
const INK = 0.25
/** alpha below this is paper noise: fully transparent */
const NOISE = 0.1
/** print crossing the seal: dark pixels take the ink on both sides within this reach (px) */
const BRIDGE = 7
/** darker than this many times the ink's darkness: print (ink cannot be seen through it) */
const PRINT = 1.3
/** the largest photo we read (long side, px), the detection copy, the crop */
const PHOTO_SIDE = 4096
const DETECT_SIDE = 1000
const CROP_SIDE = 1400
/** the smallest seal we look at, in detection pixels */
const MIN_SIDE = 30

export const NO_SEAL_MESSAGE =
  '照片中未找到红色印章，请在光线充足处正对盖章处拍摄，确保印章完整清晰后重新上传'

interface Plane {
  data: Buffer
  width: number
  height: number
}

export async function extractSeal(
  photo: Buffer,
  options: ExtractOptions = {}
): Promise<ExtractedSeal> {
  const image = await decode(photo, { maxSide: PHOTO_SIDE, alpha: false, field: 'photo' })

  // pass 1: find the seal on a small copy
  const small = await sharp(image.data, {
    raw: { width: image.width, height: image.height, channels: 3 },
  })
    .resize({ width: DETECT_SIDE, height: DETECT_SIDE, fit: 'inside', withoutEnlargement: true })
    .raw()
    .toBuffer({ resolveWithObject: true })
  const detect = { data: small.data, width: small.info.width, height: small.info.height }
  const found = findSeals(detect, 2)
  const seal = found.seals[0]
  if (!seal) throw new RuleError(NO_SEAL_MESSAGE, { field: 'photo', code: 'no_seal' })
  const rival = found.seals.slice(1).some((c) => area(c) >= area(seal) * 0.4)

  // pass 2: the seal's box (and a margin) at full resolution
  const up = image.width / detect.width
  const margin = Math.max(seal.x1 - seal.x0, seal.y1 - seal.y0) * 0.03 + 2
  const left = Math.max(0, Math.floor((seal.x0 - margin) * up))
  const top = Math.max(0, Math.floor((seal.y0 - margin) * up))
  const right = Math.min(image.width, Math.ceil((seal.x1 + margin) * up))
  const bottom = Math.min(image.height, Math.ceil((seal.y1 + margin) * up))
  let crop = cut(image, left, top, right - left, bottom - top)
  if (Math.max(crop.width, crop.height) > CROP_SIDE) {
    const scaled = await sharp(crop.data, {
      raw: { width: crop.width, height: crop.height, channels: 3 },
    })
      .resize({ width: CROP_SIDE, height: CROP_SIDE, fit: 'inside' })
      .raw()
      .toBuffer({ resolveWithObject: true })
    crop = { data: scaled.data, width: scaled.info.width, height: scaled.info.height }
  }
  const inCrop = findSeals(crop, Math.max(2, Math.round(Math.max(crop.width, crop.height) / 300)))
  const main = inCrop.seals[0] ?? inCrop.all.sort((a, b) => area(b) - area(a))[0]
  if (!main) throw new RuleError(NO_SEAL_MESSAGE, { field: 'photo', code: 'no_seal' })

  // trim the crop to the seal found at full resolution
  const pad = Math.round(Math.max(main.x1 - main.x0, main.y1 - main.y0) * 0.02) + 2
  const box = {
    x0: Math.max(0, main.x0 - pad),
    y0: Math.max(0, main.y0 - pad),
    x1: Math.min(crop.width, main.x1 + pad),
    y1: Math.min(crop.height, main.y1 + pad),
  }
  const { alpha, measured, hidden } = sealAlpha(crop, inCrop.redness, inCrop.mask, inCrop.grid, box)
  const cw = box.x1 - box.x0
  const ch = box.y1 - box.y0

  const longSide = Math.round((options.sizeMm ?? 40) * PX_PER_MM)
  const fit = cw >= ch ? { width: longSide } : { height: longSide }
  const out = await inkPng(alpha, cw, ch, parseColor(options.color ?? DEFAULT_COLOR), fit)

  const cropScale = crop.width / (right - left) // crop px per photo px (≤ 1)
  const toPhoto = (v: number) => v / cropScale / image.scale
  const quality = judge({ alpha, measured, hidden, cw, ch, seal: main, box, rival, toPhoto })
  return {
    ...out,
    dpi: DPI,
    box: {
      x: Math.round(left / image.scale + toPhoto(box.x0)),
      y: Math.round(top / image.scale + toPhoto(box.y0)),
      width: Math.round(toPhoto(cw)),
      height: Math.round(toPhoto(ch)),
    },
    ...quality,
  }
}

function cut(image: Plane, left: number, top: number, width: number, height: number): Plane {
  const data = Buffer.alloc(width * height * 3)
  for (let y = 0; y < height; y++) {
    const from = ((top + y) * image.width + left) * 3
    image.data.copy(data, y * width * 3, from, from + width * 3)
  }
  return { data, width, height }
}

/** redness, ink mask and the seal-like ink components of an RGB plane */
function findSeals(plane: Plane, cell: number) {
  const { data, width, height } = plane
  const redness = new Uint8Array(width * height)
  const mask = new Uint8Array(width * height)
  for (let i = 0, j = 0; i < redness.length; i++, j += 3) {
    const r = data[j]
    if (r < 40) continue
    const other = Math.max(data[j + 1], data[j + 2])
    if (other >= r) continue
    const value = Math.round(255 * (1 - other / r))
    redness[i] = value
    if (value >= INK * 255) mask[i] = 1
  }
  const grid = components(mask, width, height, { cell, minPerCell: 2, grow: 1 })
  const seals = grid.components
    .filter((c) => sealLike(c, (MIN_SIDE * Math.max(width, height)) / DETECT_SIDE))
    .sort((a, b) => area(b) - area(a) || b.ink - a.ink)
  return { redness, mask, grid, seals, all: grid.components }
}

const area = (c: Component) => (c.x1 - c.x0) * (c.y1 - c.y0)

function sealLike(c: Component, minSide: number) {
  const w = c.x1 - c.x0
  const h = c.y1 - c.y0
  if (Math.min(w, h) < minSide) return false
  if (w / h > 2.2 || h / w > 2.2) return false
  return c.ink / (w * h) >= 0.03
}

/**
 * The seal's alpha inside its box, in three steps.
 *
 * 1. Where the ink is, from colour: redness is close to linear in the share
 *    c of a pixel covered by ink; with q = max(G, B) / R of the paper (qp)
 *    and of solid ink (qi), and the ink's red against the paper's (ρ), a
 *    pixel has q = (qp − c(qp − ρ·qi)) / (1 − c(1 − ρ)), solved for c.
 *    This is exact but coarse: JPEG keeps colour at half resolution.
 * 2. How much ink, from brightness (full resolution): c = (1 − Y / Yp) /
 *    (1 − Yi / Yp), with Yp the paper's brightness (a plane fitted to the
 *    paper around the seal: uneven light) and Yi / Yp the ink's, taken
 *    only within 2 px of where step 1 saw ink, so black print elsewhere
 *    does not count. Pixels darker than the ink by far (PRINT) are print
 *    crossing the seal, and so is a pixel around them.
 * 3. Print crossing the seal hides the ink under it: such pixels take the
 *    ink found on both sides of them (horizontally, vertically or
 *    diagonally, within BRIDGE px), so a printed line does not cut a stroke.
 * Only cells of the ink grid count (specks far from ink stay paper).
 */
function sealAlpha(
  plane: Plane,
  redness: Uint8Array,
  mask: Uint8Array,
  grid: Grid,
  box: { x0: number; y0: number; x1: number; y1: number }
) {
  const { data, width } = plane
  const { x0, y0, x1, y1 } = box
  const cw = x1 - x0
  const ch = y1 - y0
  const size = cw * ch
  const index = (k: number) => (y0 + ((k / cw) | 0)) * width + x0 + (k % cw)
  const reds = new Uint8Array(size)
  const rednessInBox = new Uint8Array(size)
  const maskInBox = new Uint8Array(size)
  const luma = new Float32Array(size)
  for (let k = 0; k < size; k++) {
    const i = index(k)
    reds[k] = data[i * 3]
    rednessInBox[k] = redness[i]
    maskInBox[k] = mask[i]
    luma[k] = 0.299 * data[i * 3] + 0.587 * data[i * 3 + 1] + 0.114 * data[i * 3 + 2]
  }
  const paperRed = quantile(reds, 0.9)
  const unknown = new Uint8Array(size)
  for (let k = 0; k < size; k++) if (reds[k] < paperRed * 0.5) unknown[k] = 1

  // 1. colour
  const qPaper = 1 - quantile(rednessInBox, 0.5, (k) => maskInBox[k] === 0 && !unknown[k]) / 255
  const solid = quantile(rednessInBox, 0.5, (k) => maskInBox[k] === 1)
  const qInk = Math.min(1 - solid / 255, qPaper - 0.2)
  const rho = Math.min(
    1,
    quantile(reds, 0.5, (k) => rednessInBox[k] >= solid) / Math.max(paperRed, 1)
  )
  const chroma = new Uint8Array(size)
  for (let y = y0; y < y1; y++) {
    const row = ((y / grid.cell) | 0) * grid.cols
    for (let x = x0; x < x1; x++) {
      const k = (y - y0) * cw + (x - x0)
      if (unknown[k] || !grid.on[row + ((x / grid.cell) | 0)]) continue
      const q = 1 - redness[y * width + x] / 255
      const c = (qPaper - q) / (qPaper - rho * qInk - q * (1 - rho))
      chroma[k] = c < NOISE ? 0 : 1
      if (c >= 0.9) chroma[k] = 2
    }
  }

  // 2. brightness
  const paperLuma = fitPlane(luma, cw, ch, (k) => chroma[k] === 0 && !unknown[k] && !maskInBox[k])
  const darkness = new Float32Array(size)
  const ratios = new Uint8Array(size)
  for (let k = 0; k < size; k++) {
    const ratio = clamp01(luma[k] / Math.max(paperLuma(k % cw, (k / cw) | 0), 1))
    ratios[k] = Math.round(255 * ratio)
    darkness[k] = 1 - ratio
  }
  const inkDarkness = Math.max(1 - quantile(ratios, 0.5, (k) => chroma[k] === 2) / 255, 0.1)
  const near = dilate(
    chroma.map((v) => (v ? 1 : 0)),
    cw,
    ch,
    2
  )
  for (let k = 0; k < size; k++) if (darkness[k] / inkDarkness > PRINT) unknown[k] = 1
  const hidden = dilate(unknown, cw, ch, 1)
  const alpha = new Uint8Array(size)
  for (let k = 0; k < size; k++) {
    if (hidden[k] || !near[k]) continue
    const c = darkness[k] / inkDarkness
    alpha[k] = c < NOISE ? 0 : Math.round(255 * clamp01(c))
  }

  // 3. print crossing the seal
  const bridged = new Uint8Array(alpha)
  const directions = [
    [1, 0],
    [0, 1],
    [1, 1],
    [1, -1],
  ]
  for (let y = 0; y < ch; y++) {
    for (let x = 0; x < cw; x++) {
      if (!hidden[y * cw + x]) continue
      let best = 0
      for (const [dx, dy] of directions) {
        const ahead = reachInk(alpha, hidden, cw, ch, x, y, dx, dy)
        const behind = reachInk(alpha, hidden, cw, ch, x, y, -dx, -dy)
        best = Math.max(best, Math.min(ahead, behind))
      }
      bridged[y * cw + x] = best < NOISE * 255 ? 0 : best
    }
  }
  return { alpha: bridged, measured: alpha, hidden }
}

/** least squares z = a + b·x + c·y over the kept pixels (every other row and column) */
function fitPlane(values: Float32Array, w: number, h: number, keep: (k: number) => boolean) {
  let n = 0
  let sx = 0
  let sy = 0
  let sz = 0
  let sxx = 0
  let syy = 0
  let sxy = 0
  let sxz = 0
  let syz = 0
  for (let y = 0; y < h; y += 2) {
    for (let x = 0; x < w; x += 2) {
      const k = y * w + x
      if (!keep(k)) continue
      const z = values[k]
      n++
      sx += x
      sy += y
      sz += z
      sxx += x * x
      syy += y * y
      sxy += x * y
      sxz += x * z
      syz += y * z
    }
  }
  if (n < 10) return () => 255
  const mx = sx / n
  const my = sy / n
  const mz = sz / n
  const cxx = sxx / n - mx * mx
  const cyy = syy / n - my * my
  const cxy = sxy / n - mx * my
  const cxz = sxz / n - mx * mz
  const cyz = syz / n - my * mz
  const det = cxx * cyy - cxy * cxy || 1
  const b = (cxz * cyy - cyz * cxy) / det
  const c = (cyz * cxx - cxz * cxy) / det
  const a = mz - b * mx - c * my
  return (x: number, y: number) => a + b * x + c * y
}

/** the alpha of the first known pixel from (x, y) along (dx, dy), 0 past BRIDGE */
function reachInk(
  alpha: Uint8Array,
  unknown: Uint8Array,
  w: number,
  h: number,
  x: number,
  y: number,
  dx: number,
  dy: number
) {
  for (let step = 1; step <= BRIDGE; step++) {
    const xx = x + dx * step
    const yy = y + dy * step
    if (xx < 0 || yy < 0 || xx >= w || yy >= h) return 0
    const k = yy * w + xx
    if (!unknown[k]) return alpha[k]
  }
  return 0
}

/**
 * How far to trust the extraction, from four scores in 0..1:
 *  - resolution: the seal's short side in the photo (≥ 300 px: 1, ≤ 120 px: 0);
 *  - outline: the share of 96 directions from the centre in which the
 *    border (circle, ellipse or frame) has ink — a seal cut off by the
 *    photo's edge or half-stamped scores low;
 *  - sharpness: the slope of the ink's edges halfway up (a step blurred
 *    by σ px has slope 1/(σ√2π)), σ against the seal's size: ≤ 0.4 % of it
 *    scores 1, ≥ 0.8 % scores 0 (a blurred or shaken photo);
 *  - coverage: the ink's share of the box, within what seals have.
 * The confidence is the lowest of them; another seal-sized red mark makes
 * it a review as well.
 */
function judge(o: {
  alpha: Uint8Array
  measured: Uint8Array
  hidden: Uint8Array
  cw: number
  ch: number
  seal: Component
  box: { x0: number; y0: number }
  rival: boolean
  toPhoto: (v: number) => number
}) {
  const { alpha, measured, cw, ch } = o
  const reasons: string[] = []
  const shortSide = Math.min(cw, ch)
  const resolution = clamp01((o.toPhoto(shortSide) - 120) / 180)
  if (resolution < REVIEW_BELOW) reasons.push('照片中的印章太小，请靠近后重新拍摄')

  const cx = (o.seal.x0 + o.seal.x1) / 2 - o.box.x0
  const cy = (o.seal.y0 + o.seal.y1) / 2 - o.box.y0
  const rx = (o.seal.x1 - o.seal.x0) / 2
  const ry = (o.seal.y1 - o.seal.y0) / 2
  const rays = 96
  let ellipseHits = 0
  let squareHits = 0
  for (let k = 0; k < rays; k++) {
    const t = (2 * Math.PI * k) / rays
    const dx = Math.cos(t)
    const dy = Math.sin(t)
    const toSquare = Math.min(rx / Math.abs(dx || 1e-9), ry / Math.abs(dy || 1e-9))
    const toEllipse = 1 / Math.hypot(dx / rx, dy / ry)
    if (inkAlong(alpha, cw, ch, cx, cy, dx, dy, toEllipse)) ellipseHits++
    if (inkAlong(alpha, cw, ch, cx, cy, dx, dy, toSquare)) squareHits++
  }
  const square = squareHits > ellipseHits + rays * 0.1
  const outline = clamp01((Math.max(ellipseHits, squareHits) / rays - 0.75) / 0.2)
  const shape: ExtractedSeal['shape'] = square
    ? 'square'
    : Math.abs(rx - ry) / Math.max(rx, ry) > 0.12
      ? 'oval'
      : 'round'
  if (outline < REVIEW_BELOW) reasons.push('印章边框不完整，请确认印章完整、未被遮挡后重新拍摄')

  const slopes = new Uint8Array(cw * ch)
  for (let y = 1; y < ch - 1; y++) {
    for (let x = 1; x < cw - 1; x++) {
      const k = y * cw + x
      const v = measured[k]
      if (v < 77 || v > 178 || o.hidden[k]) continue
      const gx = measured[k + 1] - measured[k - 1]
      const gy = measured[k + cw] - measured[k - cw]
      slopes[k] = Math.min(255, Math.round(Math.hypot(gx, gy) / 2))
    }
  }
  const slope = quantile(slopes, 0.5, (k) => slopes[k] > 0) / 255
  const sigma = 1 / (Math.sqrt(2 * Math.PI) * Math.max(slope, 1e-3))
  const sharpness = clamp01((0.008 - sigma / shortSide) / 0.004)
  if (sharpness < REVIEW_BELOW) reasons.push('照片模糊，请对准焦点、保持稳定后重新拍摄')

  let inked = 0
  for (const v of alpha) if (v >= 128) inked++
  const share = inked / (cw * ch)
  const coverage = share < 0.05 ? share / 0.05 : share > 0.6 ? clamp01((0.8 - share) / 0.2) : 1
  if (coverage < REVIEW_BELOW) reasons.push('印章墨迹过淡或有大片污渍，请重新盖章后拍摄')

  const confidence = Math.min(resolution, outline, sharpness, coverage)
  if (o.rival) reasons.push('照片中有多个印章，请只拍摄需要制作的那一个')
  const verdict: ExtractVerdict = confidence >= REVIEW_BELOW && !o.rival ? 'ok' : 'review'
  return {
    shape,
    confidence: round2(confidence),
    verdict,
    reasons,
    scores: {
      resolution: round2(resolution),
      outline: round2(outline),
      sharpness: round2(sharpness),
      coverage: round2(coverage),
    },
  }
}

const round2 = (v: number) => Math.round(v * 100) / 100

function inkAlong(
  alpha: Uint8Array,
  w: number,
  h: number,
  cx: number,
  cy: number,
  dx: number,
  dy: number,
  reach: number
) {
  for (let f = 0.85; f <= 1.02; f += 0.01) {
    const x = Math.round(cx + dx * reach * f)
    const y = Math.round(cy + dy * reach * f)
    if (x < 0 || y < 0 || x >= w || y >= h) continue
    if (alpha[y * w + x] >= 128) return true
  }
  return false
}
