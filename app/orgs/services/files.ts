import type { MultipartFile } from '@adonisjs/core/bodyparser'
import storage from '#core/storage'
import { describeRule, inspectUpload, type UploadRule } from '#core/uploads'
import { OrgError } from '#orgs/errors'
import type { KeptPhoto } from '#ocr/actions/kept_photos'

/**
 * The org's private files: business licences (营业执照), 授权委托书 and
 * 申诉函. Checked by content and size, images re-encoded, stored under
 * orgs/…; served only after the module's own authorisation check.
 */
export const LICENCE_RULE: UploadRule = { types: ['jpg', 'png'], maxSize: 5 * 1024 * 1024 }
export const LETTER_RULE: UploadRule = { types: ['jpg', 'png', 'pdf'], maxSize: 5 * 1024 * 1024 }

export const LICENCE_HELP = `营业执照照片或扫描件，${describeRule(LICENCE_RULE)}`
export const LETTER_HELP = `加盖公章的扫描件或照片，${describeRule(LETTER_RULE)}`

export interface StoredFile {
  key: string
  type: string
}

/**
 * An upload checked against its rule, or the photo kept from a 识别 step
 * (#ocr/actions/kept_photos: checked against the same rule when chosen).
 */
export async function storeUpload(
  file: MultipartFile | KeptPhoto | null | undefined,
  rule: UploadRule,
  prefix: string,
  field: string
): Promise<StoredFile> {
  const checked =
    file && 'buffer' in file
      ? rule.types.includes(file.type)
        ? { ok: true as const, ...file }
        : { ok: false as const, message: '文件格式不正确，请重新选择' }
      : await inspectUpload(file, rule)
  if (!checked.ok) throw new OrgError(checked.message, field)
  const key = storage.makeKey(prefix, checked.type)
  await storage.put(key, checked.buffer)
  return { key, type: checked.type }
}
