import type { HttpContext } from '@adonisjs/core/http'
import { readFile } from 'node:fs/promises'
import { RuleError } from '#core/rule_error'
import type { TemplateSealInput } from '#seals/actions/seal_images'

/**
 * Form input of the seal pages. The engine checks the values themselves
 * (#seals/actions/seal_images: a RuleError at each field); this reads them.
 */
export const MAX_UPLOAD_BYTES = 15 * 1024 * 1024

function text(ctx: HttpContext, name: string) {
  const value = ctx.request.input(name)
  return typeof value === 'string' && value.trim() ? value.trim() : null
}

function number(ctx: HttpContext, name: string) {
  const value = text(ctx, name)
  return value === null ? undefined : Number(value)
}

export function templateInput(ctx: HttpContext, kind?: string): TemplateSealInput {
  const shape = text(ctx, 'shape')
  const color = text(ctx, 'color')
  return {
    kind: (kind ?? text(ctx, 'kind') ?? '') as TemplateSealInput['kind'],
    text: text(ctx, 'text') ?? '',
    code: text(ctx, 'code'),
    taxNumber: text(ctx, 'tax_number'),
    bottomText: text(ctx, 'bottom_text'),
    style: {
      ...(shape ? { shape: shape as any } : {}),
      ...(color ? { color } : {}),
      ...(number(ctx, 'size_mm') !== undefined ? { sizeMm: number(ctx, 'size_mm') } : {}),
      ...(ctx.request.input('star') === 'no' ? { star: false } : {}),
      ...(ctx.request.input('inner_ring') === 'yes' ? { innerRing: true } : {}),
    },
  }
}

export async function readUpload(ctx: HttpContext, field: string, missing: string) {
  const file = ctx.request.file(field, { size: MAX_UPLOAD_BYTES, extnames: ['jpg', 'jpeg', 'png'] })
  if (!file || !file.tmpPath) throw new RuleError(missing || '请上传图片', { field })
  if (!file.isValid) {
    throw new RuleError('请上传 15 MB 以内的 JPG 或 PNG 图片', { field })
  }
  return readFile(file.tmpPath)
}

/**
 * The signature: the pad's PNG (a data URL in `signature_data`, filled by
 * /js/signature_pad.js) or, without JavaScript, an uploaded image.
 */
export async function signatureBytes(ctx: HttpContext) {
  const data = text(ctx, 'signature_data')
  if (data) {
    const match = /^data:image\/png;base64,([A-Za-z0-9+/=]+)$/.exec(data)
    if (!match) throw new RuleError('签名数据无效，请重新签名', { field: 'signature' })
    const bytes = Buffer.from(match[1], 'base64')
    if (bytes.length > MAX_UPLOAD_BYTES) throw new RuleError('签名图片过大', { field: 'signature' })
    return bytes
  }
  return readUpload(ctx, 'signature', '请在签名板上签名，或上传手写签名照片')
}

/** the signature if one was drawn or uploaded, else null (the caller may offer another) */
export async function optionalSignatureBytes(ctx: HttpContext) {
  if (!text(ctx, 'signature_data') && !ctx.request.file('signature')) return null
  return signatureBytes(ctx)
}
