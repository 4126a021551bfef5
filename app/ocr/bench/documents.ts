import { createRequire } from 'node:module'
import * as fontkit from 'fontkit'
import sharp, { type OutputInfo } from 'sharp'
import { orgCodeCheckChar, residentIdCheckChar, usccCheckChar } from '#core/validation/identity'

/**
 * Test and benchmark documents: business licences (营业执照) and resident
 * ID cards (居民身份证, both sides) with fictional data, drawn as SVG with
 * the project's CJK font (Noto Serif SC from @expo-google-fonts, every
 * glyph an SVG path: no system font involved) and rasterised by sharp;
 * then degraded like an applicant's photo (blur, a 2° rotation, a small
 * low-quality JPEG, a phone-photo perspective on a desk-coloured
 * background). Each image comes with its truth: the fields as printed.
 *
 * Nothing here is used by the app at run time; tests and `npm run
 * bench:ocr` make their fixtures with it, so no image is committed.
 */
const require = createRequire(import.meta.url)
const FONT_FILES = {
  regular: '@expo-google-fonts/noto-serif-sc/400Regular/NotoSerifSC_400Regular.ttf',
  bold: '@expo-google-fonts/noto-serif-sc/700Bold/NotoSerifSC_700Bold.ttf',
}

type Weight = keyof typeof FONT_FILES
const fonts = new Map<Weight, fontkit.Font>()
const glyphCache = new Map<string, { d: string; advance: number } | null>()

function font(weight: Weight) {
  let f = fonts.get(weight)
  if (!f) {
    f = fontkit.openSync(require.resolve(FONT_FILES[weight])) as fontkit.Font
    fonts.set(weight, f)
  }
  return f
}

function glyph(weight: Weight, char: string) {
  const key = `${weight}:${char}`
  if (glyphCache.has(key)) return glyphCache.get(key)!
  const f = font(weight)
  const cp = char.codePointAt(0)!
  const found = f.hasGlyphForCodePoint(cp)
    ? {
        d: f.glyphForCodePoint(cp).path.toSVG(),
        advance: f.glyphForCodePoint(cp).advanceWidth,
      }
    : null
  glyphCache.set(key, found)
  return found
}

/** a line of text as SVG paths, baseline at y, `size` px per em; spaces advance half an em */
function text(
  value: string,
  x: number,
  y: number,
  size: number,
  options: { weight?: Weight; fill?: string; spacing?: number } = {}
): string {
  const weight = options.weight ?? 'regular'
  const f = font(weight)
  const scale = size / f.unitsPerEm
  let cursor = x
  const parts: string[] = []
  for (const char of value) {
    if (char === ' ') {
      cursor += size * 0.5
      continue
    }
    if (char === '\u3000') {
      cursor += size
      continue
    }
    const g = glyph(weight, char)
    if (!g) continue
    parts.push(
      `<path transform="translate(${cursor.toFixed(1)} ${y}) scale(${scale.toFixed(5)} ${(-scale).toFixed(5)})" d="${g.d}"/>`
    )
    cursor += g.advance * scale + (options.spacing ?? 0)
  }
  return `<g fill="${options.fill ?? '#111'}">${parts.join('')}</g>`
}

/** a label spread to a fixed width, as licences print 名 称 with wide spaces */
function spreadLabel(label: string, x: number, y: number, size: number, width: number) {
  const chars = [...label]
  if (chars.length === 1) return text(label, x, y, size, { weight: 'bold' })
  const step = (width - size) / (chars.length - 1)
  return chars.map((c, i) => text(c, x + i * step, y, size, { weight: 'bold' })).join('')
}

/* ------------------------------------------------------------------ data */

export interface LicenceTruth {
  name: string
  credit_code: string
  type: string
  legal_representative: string
  registered_capital: string
  established: string
  address: string
  term: string
}

export interface IdFrontTruth {
  name: string
  sex: string
  ethnicity: string
  birth_date: string
  address: string
  id_number: string
}

export interface IdBackTruth {
  issuing_authority: string
  validity: string
}

/** a small deterministic generator (mulberry32) */
export function random(seed: number) {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

function pick<T>(rnd: () => number, list: readonly T[]): T {
  return list[Math.floor(rnd() * list.length)]
}

const USCC_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY'
const SURNAMES = [
  '张',
  '王',
  '李',
  '赵',
  '陈',
  '刘',
  '杨',
  '黄',
  '周',
  '吴',
  '林',
  '何',
  '郑',
  '孙',
]
const GIVEN = [
  '伟',
  '芳',
  '敏',
  '静',
  '丽',
  '强',
  '磊',
  '军',
  '洋',
  '勇',
  '艳',
  '杰',
  '涛',
  '明',
  '超',
  '秀英',
  '海燕',
  '建华',
  '志强',
  '晓东',
]
const WORDS = [
  '星河',
  '云图',
  '青松',
  '远航',
  '恒信',
  '华章',
  '锦程',
  '明德',
  '瑞丰',
  '新源',
  '启航',
  '东方',
]
const TRADES = ['科技', '信息技术', '贸易', '建设工程', '文化传播', '商务咨询', '电子']
const CITIES = [
  { province: '广东省', city: '深圳市', district: '南山区', code: '440305' },
  { province: '广东省', city: '广州市', district: '天河区', code: '440106' },
  { province: '浙江省', city: '杭州市', district: '西湖区', code: '330106' },
  { province: '江苏省', city: '南京市', district: '鼓楼区', code: '320106' },
  { province: '四川省', city: '成都市', district: '武侯区', code: '510107' },
]
const STREETS = ['科技园路', '中山大道', '文三路', '人民北路', '天府大道', '建设路']
const TYPES = [
  '有限责任公司（自然人投资或控股）',
  '有限责任公司（自然人独资）',
  '股份有限公司（非上市）',
]
const ETHNICITIES = ['汉', '汉', '汉', '回', '满', '壮', '苗']

function personName(rnd: () => number) {
  return pick(rnd, SURNAMES) + pick(rnd, GIVEN)
}

export function makeUscc(rnd: () => number, regionCode: string): string {
  for (;;) {
    let body = ''
    for (let i = 0; i < 8; i++) body += USCC_CHARS[Math.floor(rnd() * 31)]
    const orgCheck = orgCodeCheckChar(body)
    if (!orgCheck || !USCC_CHARS.includes(orgCheck)) continue
    const first17 = `91${regionCode}${body}${orgCheck}`
    return first17 + usccCheckChar(first17)
  }
}

function cnDate(y: number, m: number, d: number) {
  return `${y}年${String(m).padStart(2, '0')}月${String(d).padStart(2, '0')}日`
}

export function makeLicence(seed: number): LicenceTruth {
  const rnd = random(seed)
  const place = pick(rnd, CITIES)
  const y = 2010 + Math.floor(rnd() * 14)
  const m = 1 + Math.floor(rnd() * 12)
  const d = 1 + Math.floor(rnd() * 28)
  const capital = [100, 200, 300, 500, 1000, 5000][Math.floor(rnd() * 6)]
  return {
    name: `${place.city.replace('市', '')}${pick(rnd, WORDS)}${pick(rnd, TRADES)}有限公司`,
    credit_code: makeUscc(rnd, place.code),
    type: pick(rnd, TYPES),
    legal_representative: personName(rnd),
    registered_capital: `人民币${capital}万元`,
    established: cnDate(y, m, d),
    address: `${place.city}${place.district}${pick(rnd, STREETS)}${1 + Math.floor(rnd() * 300)}号${1 + Math.floor(rnd() * 20)}楼`,
    term: `${cnDate(y, m, d)}至长期`,
  }
}

export function makeIdCard(seed: number): { front: IdFrontTruth; back: IdBackTruth } {
  const rnd = random(seed)
  const place = pick(rnd, CITIES)
  const y = 1960 + Math.floor(rnd() * 45)
  const m = 1 + Math.floor(rnd() * 12)
  const d = 1 + Math.floor(rnd() * 28)
  const male = rnd() < 0.5
  let seq = 100 + Math.floor(rnd() * 899)
  if ((seq % 2 === 1) !== male) seq += seq === 999 ? -1 : 1
  const first17 = `${place.code}${y}${String(m).padStart(2, '0')}${String(d).padStart(2, '0')}${seq}`
  const issuedYear = 2012 + Math.floor(rnd() * 10)
  const im = String(1 + Math.floor(rnd() * 12)).padStart(2, '0')
  const id = String(1 + Math.floor(rnd() * 28)).padStart(2, '0')
  return {
    front: {
      name: personName(rnd),
      sex: male ? '男' : '女',
      ethnicity: pick(rnd, ETHNICITIES),
      birth_date: `${y}年${m}月${d}日`,
      address: `${place.province}${place.city}${place.district}${pick(rnd, STREETS)}${1 + Math.floor(rnd() * 300)}号${1 + Math.floor(rnd() * 9)}栋${100 + Math.floor(rnd() * 2000)}房`,
      id_number: first17 + residentIdCheckChar(first17),
    },
    back: {
      issuing_authority: `${place.city}公安局${place.district}分局`,
      validity: `${issuedYear}.${im}.${id}-${issuedYear + 20}.${im}.${id}`,
    },
  }
}

/* ----------------------------------------------------------------- render */

/** wrap a string into lines of at most n characters */
function wrap(value: string, n: number) {
  const chars = [...value]
  const lines: string[] = []
  for (let i = 0; i < chars.length; i += n) lines.push(chars.slice(i, i + n).join(''))
  return lines
}

/**
 * A business licence (营业执照, 正本), landscape, 1600 × 1130 px: title,
 * the credit code top left, one label per line (labels spread like the
 * printed ones), a red seal-like ring bottom right.
 */
export function licenceSvg(t: LicenceTruth): string {
  const W = 1600
  const H = 1130
  const size = 34
  const labelX = 170
  const valueX = 170 + 5 * size
  const rows: Array<[string, string]> = [
    ['名称', t.name],
    ['类型', t.type],
    ['法定代表人', t.legal_representative],
    ['注册资本', t.registered_capital],
    ['成立日期', t.established],
    ['营业期限', t.term],
    ['住所', t.address],
  ]
  const parts: string[] = []
  parts.push(`<rect width="${W}" height="${H}" fill="#fbf7ee"/>`)
  parts.push(
    `<rect x="40" y="40" width="${W - 80}" height="${H - 80}" fill="none" stroke="#b8860b" stroke-width="10"/>`
  )
  parts.push(text('营 业 执 照', W / 2 - 230, 210, 96, { weight: 'bold', fill: '#111' }))
  parts.push(text('（副　本）', W / 2 - 90, 275, 30))
  parts.push(text(`统一社会信用代码\u3000${t.credit_code}`, labelX, 355, 30))
  let y = 450
  for (const [label, value] of rows) {
    parts.push(spreadLabel(label, labelX, y, size, 4 * size + 10))
    const lines = wrap(value, 30)
    for (const line of lines) {
      parts.push(text(line, valueX, y, size))
      y += size * 1.7
    }
    y += 8
  }
  parts.push(
    `<circle cx="1330" cy="900" r="120" fill="none" stroke="#d92b2b" stroke-width="9" opacity="0.8"/>`
  )
  parts.push(text('登记机关', 1150, 1000, 30, { weight: 'bold' }))
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}">${parts.join('')}</svg>`
}

/** ID card front, 1012 × 638 px (85.6 × 54 mm at 300 dpi) */
export function idFrontSvg(t: IdFrontTruth): string {
  const W = 1012
  const H = 638
  const label = 30
  const value = 34
  const parts: string[] = []
  parts.push(`<rect width="${W}" height="${H}" rx="36" fill="#eef3f6"/>`)
  parts.push(text('姓名', 70, 120, label, { fill: '#2f6f9f' }))
  parts.push(text(t.name, 190, 120, value + 4))
  parts.push(text('性别', 70, 210, label, { fill: '#2f6f9f' }))
  parts.push(text(t.sex, 190, 210, value))
  parts.push(text('民族', 330, 210, label, { fill: '#2f6f9f' }))
  parts.push(text(t.ethnicity, 450, 210, value))
  const [, by, bm, bd] = /^(\d+)年(\d+)月(\d+)日$/.exec(t.birth_date)!
  parts.push(text('出生', 70, 300, label, { fill: '#2f6f9f' }))
  parts.push(text(`${by} 年 ${bm} 月 ${bd} 日`, 190, 300, value))
  parts.push(text('住址', 70, 390, label, { fill: '#2f6f9f' }))
  let y = 390
  for (const line of wrap(t.address, 11)) {
    parts.push(text(line, 190, y, value))
    y += 54
  }
  parts.push(text('公民身份号码', 70, 560, label, { fill: '#2f6f9f' }))
  parts.push(text(t.id_number, 330, 560, value + 4, { spacing: 3 }))
  /* the photo area */
  parts.push(`<rect x="700" y="90" width="250" height="310" rx="12" fill="#d4dde4"/>`)
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}">${parts.join('')}</svg>`
}

/** ID card back (国徽面), 1012 × 638 px */
export function idBackSvg(t: IdBackTruth): string {
  const W = 1012
  const H = 638
  const parts: string[] = []
  parts.push(`<rect width="${W}" height="${H}" rx="36" fill="#eef3f6"/>`)
  parts.push(`<circle cx="150" cy="150" r="90" fill="none" stroke="#c8a23a" stroke-width="10"/>`)
  parts.push(text('中华人民共和国', 330, 130, 56, { weight: 'bold' }))
  parts.push(text('居民身份证', 380, 250, 70, { weight: 'bold' }))
  parts.push(text('签发机关', 200, 470, 30, { fill: '#2f6f9f' }))
  parts.push(text(t.issuing_authority, 380, 470, 34))
  parts.push(text('有效期限', 200, 560, 30, { fill: '#2f6f9f' }))
  parts.push(text(t.validity, 380, 560, 34))
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}">${parts.join('')}</svg>`
}

export type Degradation = 'clean' | 'blur' | 'rotated' | 'jpeg' | 'perspective'
export const DEGRADATIONS: Degradation[] = ['clean', 'blur', 'rotated', 'jpeg', 'perspective']

/**
 * The document as an applicant would upload it: clean (a scan, PNG), or
 * blurred, rotated 2° on a desk, a small low-quality JPEG, or a photo
 * taken at an angle (a perspective warp on a desk-coloured background).
 */
export async function renderImage(svg: string, how: Degradation): Promise<Buffer> {
  const page = sharp(Buffer.from(svg))
  switch (how) {
    case 'clean':
      return page.png({ compressionLevel: 3 }).toBuffer()
    case 'blur':
      return page.blur(1.6).jpeg({ quality: 85 }).toBuffer()
    case 'rotated': {
      const flat = await page.png().toBuffer()
      return sharp(flat)
        .rotate(2, { background: '#6b5b4b' })
        .extend({ top: 60, bottom: 60, left: 60, right: 60, background: '#6b5b4b' })
        .jpeg({ quality: 85 })
        .toBuffer()
    }
    case 'jpeg': {
      const meta = await sharp(Buffer.from(svg)).metadata()
      return page
        .resize({ width: Math.round((meta.width ?? 1000) * 0.72) })
        .jpeg({ quality: 40 })
        .toBuffer()
    }
    case 'perspective':
      return perspective(await page.raw().toBuffer({ resolveWithObject: true }))
  }
}

/**
 * A phone photo taken slightly from below and the left: the page becomes a
 * trapezoid (top edge 6 % narrower, left edge 4 % shorter) on a desk, with
 * uneven light. Inverse-mapped with bilinear sampling.
 */
async function perspective({ data, info }: { data: Buffer; info: OutputInfo }) {
  const { width: w, height: h, channels: c } = info
  const margin = Math.round(w * 0.06)
  const W = w + 2 * margin
  const H = h + 2 * margin
  const out = Buffer.alloc(W * H * 3)
  /* destination corners of the page */
  const tl = [margin + w * 0.04, margin + h * 0.02]
  const tr = [margin + w * 0.98, margin]
  const br = [margin + w, margin + h]
  const bl = [margin, margin + h * 0.97]
  for (let Y = 0; Y < H; Y++) {
    for (let X = 0; X < W; X++) {
      /* invert the bilinear quad map approximately by iteration */
      let u = (X - margin) / w
      let v = (Y - margin) / h
      for (let k = 0; k < 4; k++) {
        const px =
          (1 - u) * (1 - v) * tl[0] + u * (1 - v) * tr[0] + u * v * br[0] + (1 - u) * v * bl[0]
        const py =
          (1 - u) * (1 - v) * tl[1] + u * (1 - v) * tr[1] + u * v * br[1] + (1 - u) * v * bl[1]
        u += (X - px) / w
        v += (Y - py) / h
      }
      const o = (Y * W + X) * 3
      const shade = 0.88 + 0.12 * (X / W)
      if (u < 0 || u > 1 || v < 0 || v > 1) {
        out[o] = 107
        out[o + 1] = 91
        out[o + 2] = 75
        continue
      }
      const sx = Math.min(w - 1.001, u * (w - 1))
      const sy = Math.min(h - 1.001, v * (h - 1))
      const x0 = Math.floor(sx)
      const y0 = Math.floor(sy)
      const fx = sx - x0
      const fy = sy - y0
      for (let ch = 0; ch < 3; ch++) {
        const a = data[(y0 * w + x0) * c + ch]
        const b = data[(y0 * w + x0 + 1) * c + ch]
        const cc = data[((y0 + 1) * w + x0) * c + ch]
        const d = data[((y0 + 1) * w + x0 + 1) * c + ch]
        const val = (a * (1 - fx) + b * fx) * (1 - fy) + (cc * (1 - fx) + d * fx) * fy
        out[o + ch] = Math.round(val * shade)
      }
    }
  }
  return sharp(out, { raw: { width: W, height: H, channels: 3 } })
    .jpeg({ quality: 82 })
    .toBuffer()
}

export type FixtureKind = 'licence' | 'idcard_front' | 'idcard_back'

export interface Fixture {
  name: string
  kind: FixtureKind
  how: Degradation
  image: Buffer
  truth: Record<string, string>
}

/** one fixture: a document of the kind, made from the seed, degraded */
export async function fixture(kind: FixtureKind, seed: number, how: Degradation): Promise<Fixture> {
  let svg: string
  let truth: Record<string, string>
  if (kind === 'licence') {
    const t = makeLicence(seed)
    svg = licenceSvg(t)
    truth = { ...t }
  } else {
    const card = makeIdCard(seed)
    svg = kind === 'idcard_front' ? idFrontSvg(card.front) : idBackSvg(card.back)
    truth = kind === 'idcard_front' ? { ...card.front } : { ...card.back }
  }
  return {
    name: `${kind}-${seed}-${how}`,
    kind,
    how,
    image: await renderImage(svg, how),
    truth,
  }
}
