import { readFile } from 'node:fs/promises'
import ocrConfig from '#config/ocr'
import { RuleError } from '#core/rule_error'
import { ocrPool } from '#ocr/services/engine'
import { linesOf } from '#ocr/services/layout'
import { normalise, type DocumentKind } from '#ocr/services/normalise'
import {
  FIELD_LABELS,
  ID_BACK_FIELDS,
  ID_FRONT_FIELDS,
  LICENCE_FIELDS,
  parseIdCard,
  parseLicence,
  type Reading,
} from '#ocr/services/fields'

/**
 * readDocument(file, kind): what a business licence or an ID card photo
 * says, for a form to prefill (see app/ocr/README.md). The fields are
 * values as printed, each with a confidence (0–1); `flagged` names the
 * fields the user must look at, with the reason in Chinese. Nothing is
 * stored and nothing is decided here: the caller shows the fields for the
 * user to check and correct.
 *
 * Refusals are RuleErrors at the field `file`: image_unreadable,
 * image_too_small, image_too_large, ocr_unavailable (the pool is not open
 * in this process: ace commands, tests that do not read), ocr_timeout.
 */
export type ReadKind = DocumentKind
export const READ_KINDS: ReadKind[] = ['licence', 'idcard']

export interface DocumentReading extends Reading {
  /** the rotation undone, degrees */
  angle: number
  /** time spent, ms (normalising and recognising) */
  ms: number
}

export type ReadableFile = Buffer | string | { tmpPath?: string | null }

export async function readDocument(file: ReadableFile, kind: ReadKind): Promise<DocumentReading> {
  if (!READ_KINDS.includes(kind)) {
    throw new RuleError('请选择证件类型', { field: 'kind', code: 'kind' })
  }
  const started = performance.now()
  const bytes = await bytesOf(file)
  if (bytes.length > ocrConfig.maxBytes) {
    throw new RuleError('图片太大，请上传 8 MB 以内的照片', {
      field: 'file',
      code: 'image_too_large',
    })
  }
  const pool = ocrPool()
  const image = await normalise(bytes, kind)
  const page = await pool.recognize(image.png)
  const lines = linesOf(page)
  const reading = kind === 'licence' ? parseLicence(lines) : parseIdCard(lines)
  return { ...reading, angle: image.angle, ms: Math.round(performance.now() - started) }
}

async function bytesOf(file: ReadableFile): Promise<Buffer> {
  if (Buffer.isBuffer(file)) return file
  const path = typeof file === 'string' ? file : file.tmpPath
  if (!path) throw new RuleError('请选择要识别的照片', { field: 'file', code: 'image_missing' })
  try {
    return await readFile(path)
  } catch {
    throw new RuleError('无法读取该图片，请重新上传', { field: 'file', code: 'image_unreadable' })
  }
}

/** the fields a reading of the kind (and side) has, in the order the document prints them */
export function fieldsOf(kind: ReadKind, side: 'front' | 'back' | null = 'front'): string[] {
  if (kind === 'licence') return LICENCE_FIELDS
  return side === 'back' ? ID_BACK_FIELDS : ID_FRONT_FIELDS
}

/** the Chinese label of a field (名称, 统一社会信用代码, 公民身份号码 …) */
export function fieldLabel(field: string, kind: ReadKind = 'licence'): string {
  if (kind === 'idcard' && field === 'name') return '姓名'
  if (kind === 'idcard' && field === 'address') return '住址'
  return FIELD_LABELS[field] ?? field
}

/** what a form shows of a reading: the fields in order with their label, value, confidence (%) and note */
export function readingRows(reading: DocumentReading) {
  return Object.keys(reading.fields).map((field) => ({
    field,
    label: fieldLabel(field, reading.kind),
    value: reading.fields[field],
    confidence: Math.round((reading.confidence[field] ?? 0) * 100),
    note: reading.flagged[field] ?? null,
  }))
}
