import { RuleError } from '#core/rule_error'
import { isUscc } from '#core/validation/identity'
import { sealKind, type SealKind } from '#seals/queries/kinds'
import { extractSeal, type ExtractOptions, type ExtractedSeal } from '#seals/services/extract'
import {
  renderSeal,
  type RenderedSeal,
  type SealFace,
  type SealShape,
  type SealStyle,
} from '#seals/services/render'
import {
  normaliseSignature,
  type NormalisedSignature,
  type SignatureOptions,
} from '#seals/services/signature'

/**
 * The seals module's public surface for seal images: making a template
 * seal from a kind and its text (制作印章, 变更章面: style, 环绕文字,
 * 信息编码), taking a seal from a photo of a stamped application form
 * (识别印章), and normalising a handwritten signature. Nothing is stored
 * here: the seal lifecycle (later) keeps what these return.
 *
 * Input is checked here, and every refusal is a RuleError with a Chinese
 * message at the form field it belongs to (snake_case, as forms post it).
 */

export interface TemplateSealInput {
  kind: SealKind
  /** round and oval: 环绕文字 (the organisation's name); square: the name (2–4 characters) */
  text: string
  /** 信息编码: 13 digits on the lower arc (round and oval) */
  code?: string | null
  /** 发票专用章: the taxpayer number */
  taxNumber?: string | null
  /** the line across the bottom instead of the kind's own (e.g. a 自定义 seal's 人事专用章) */
  bottomText?: string | null
  /** 章面样式 */
  style?: SealStyle & { shape?: SealShape }
}

export type TemplateSeal = RenderedSeal & { kind: SealKind; face: SealFace }

const SIZE_LIMITS: Record<SealShape, { width: [number, number]; height: [number, number] }> = {
  round: { width: [30, 50], height: [30, 50] },
  oval: { width: [30, 50], height: [20, 40] },
  square: { width: [10, 30], height: [10, 30] },
}

function fail(message: string, field: string, code = 'invalid'): never {
  throw new RuleError(message, { field, code })
}

const compact = (value: string | null | undefined) => (value ?? '').replace(/\s+/g, '')

function inRange(
  value: number | undefined,
  [min, max]: [number, number],
  message: string,
  field: string
) {
  if (value === undefined) return
  if (!Number.isFinite(value) || value < min || value > max) fail(message, field)
}

/** the face a kind and its input make, checked */
export function templateFace(input: TemplateSealInput): SealFace {
  const info = sealKind(input.kind)
  if (!info) fail('请选择印章类型', 'kind')
  if (info.made !== 'template') fail(`${info.label}须手写签名，不能按模板生成`, 'kind')
  const style = { ...input.style }
  const shape = style.shape ?? info.shape!
  delete style.shape
  if (!['round', 'oval', 'square'].includes(shape)) fail('请选择印章样式', 'shape')

  const text = compact(input.text)
  if (shape === 'square') {
    if (Array.from(text).length < 2 || Array.from(text).length > 4)
      fail('名章文字须为 2–4 个字', 'text')
  } else {
    if (Array.from(text).length < 2) fail('请填写印章环绕文字', 'text')
    if (Array.from(text).length > 40) fail('印章环绕文字不能超过 40 个字', 'text')
  }

  const code = compact(input.code)
  if (code && !/^\d{13}$/.test(code)) fail('信息编码须为 13 位数字', 'code')
  if (code && shape === 'square') fail('方形名章不带信息编码', 'code')

  const taxNumber = compact(input.taxNumber).toUpperCase()
  if (info.needsTaxNumber && !taxNumber) fail('发票专用章须填写纳税人识别号', 'tax_number')
  if (taxNumber) {
    if (shape !== 'oval') fail('只有椭圆形的发票专用章带纳税人识别号', 'tax_number')
    const valid =
      taxNumber.length === 18
        ? isUscc(taxNumber)
        : /^[0-9A-Z]{15}$|^[0-9A-Z]{17}$|^[0-9A-Z]{20}$/.test(taxNumber)
    if (!valid) fail('纳税人识别号不正确，请核对（统一社会信用代码为 18 位）', 'tax_number')
  }

  const bottomText =
    input.bottomText !== null && input.bottomText !== undefined
      ? compact(input.bottomText)
      : (info.bottomText ?? '')
  if (Array.from(bottomText).length > 10) fail('印章下方文字不能超过 10 个字', 'bottom_text')
  if (bottomText && shape === 'square') fail('方形名章没有下方文字', 'bottom_text')

  if (style.color !== undefined && !/^#[0-9a-fA-F]{6}$/.test(style.color))
    fail('印章颜色格式不正确（如 #e60000）', 'color')
  if (style.color) style.color = style.color.toLowerCase()
  const limits = SIZE_LIMITS[shape]
  inRange(
    style.sizeMm,
    limits.width,
    `印章宽度须在 ${limits.width[0]}–${limits.width[1]} 毫米之间`,
    'size_mm'
  )
  inRange(
    style.heightMm,
    limits.height,
    `印章高度须在 ${limits.height[0]}–${limits.height[1]} 毫米之间`,
    'height_mm'
  )
  if (shape === 'oval' && style.heightMm !== undefined && style.heightMm >= (style.sizeMm ?? 40))
    fail('椭圆印章的高度须小于宽度', 'height_mm')
  if (shape === 'round' && style.heightMm !== undefined) fail('圆形印章只设直径', 'height_mm')
  inRange(style.borderMm, [0.5, 2.5], '边框宽度须在 0.5–2.5 毫米之间', 'border_mm')
  inRange(style.arcDegrees, [90, 300], '环绕文字的角度须在 90°–300° 之间', 'arc_degrees')
  inRange(style.textScale, [0.8, 1.2], '文字大小须在 80%–120% 之间', 'text_scale')
  if (style.carving !== undefined && !['yang', 'yin'].includes(style.carving))
    fail('请选择阳文或阴文', 'carving')

  return {
    shape,
    text,
    ...(code ? { code } : {}),
    ...(taxNumber ? { taxNumber } : {}),
    ...(bottomText ? { bottomText } : {}),
    style,
  }
}

/**
 * A template seal: PNG (red, transparent, 300 dpi), its SVG, and where each
 * glyph went. The same input gives the same bytes.
 */
export async function makeTemplateSeal(input: TemplateSealInput): Promise<TemplateSeal> {
  const face = templateFace(input)
  const rendered = await renderSeal(face)
  return { ...rendered, kind: input.kind, face }
}

/**
 * 识别印章: the seal on a photo of the stamped application form, cropped,
 * on transparency, 40 mm at 300 dpi by default, with a verdict ('ok' or
 * 'review', and why). A photo without a seal is refused (field `photo`).
 */
export async function extractSealFromPhoto(
  photo: Buffer,
  options: ExtractOptions = {}
): Promise<ExtractedSeal> {
  if (options.color !== undefined && !/^#[0-9a-fA-F]{6}$/.test(options.color))
    fail('印章颜色格式不正确（如 #e60000）', 'color')
  inRange(options.sizeMm, [10, 60], '印章尺寸须在 10–60 毫米之间', 'size_mm')
  return extractSeal(photo, options)
}

/**
 * 手写签名: a pad's PNG or a photo of a signature on white paper, trimmed,
 * on transparency, at a fixed height. An image without strokes is refused
 * (field `signature`).
 */
export async function makeSignature(
  image: Buffer,
  options: SignatureOptions = {}
): Promise<NormalisedSignature> {
  if (
    options.color !== undefined &&
    options.color !== 'keep' &&
    !/^#[0-9a-fA-F]{6}$/.test(options.color)
  )
    fail('笔迹颜色格式不正确（如 #000000）', 'color')
  inRange(options.height, [40, 600], '签名高度须在 40–600 像素之间', 'height')
  return normaliseSignature(image, options)
}

export type {
  ExtractOptions,
  ExtractedSeal,
  NormalisedSignature,
  RenderedSeal,
  SealFace,
  SealShape,
  SealStyle,
  SignatureOptions,
}
