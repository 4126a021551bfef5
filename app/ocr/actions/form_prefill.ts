import logger from '@adonisjs/core/services/logger'
import type { HttpContext } from '@adonisjs/core/http'
import { RuleError } from '#core/rule_error'
import { keepPhoto, type KeptPhoto } from '#ocr/actions/kept_photos'
import {
  fieldLabel,
  readDocument,
  readingRows,
  type DocumentReading,
  type ReadKind,
} from '#ocr/queries/read_document'

/**
 * 识别…并填入 for a form (no JavaScript): the photo is read, kept (the
 * form comes back with a hidden token instead of asking for it again),
 * and the form's inputs are prefilled from the reading where the person
 * has typed nothing. A typed value that differs from the document is
 * kept and marked with what the document says; a doubtful reading is
 * marked with the reason. Nothing is submitted: the form's own submit
 * stays the only way anything is saved.
 *
 *   const prefill = await prefillForm(photo, 'licence', {
 *     owner: user.id, field: 'licence',
 *     inputs: { org_name: 'name', uscc: 'credit_code' },
 *     typed: request.all(),
 *   })
 *   flashPrefill(ctx.session, prefill, { tokenField: 'licence_token', except: [...] })
 */
export interface FormPrefill {
  token: string
  reading: DocumentReading
  /** the form's inputs to fill: input name → value read */
  fill: Record<string, string>
  /** the form's inputs to look at: input name → the reason in Chinese */
  marks: Record<string, string>
  /** every field read, in the document's order, for the form to show beside it */
  rows: ReturnType<typeof readingRows>
}

const DOCUMENT_NAME: Record<ReadKind, string> = { licence: '营业执照', idcard: '身份证' }

/** the same value whatever its spacing, brackets and letter case */
function comparable(value: string) {
  return value.replace(/\s+/g, '').replace(/\(/g, '（').replace(/\)/g, '）').toUpperCase()
}

export async function prefillForm(
  photo: KeptPhoto,
  kind: ReadKind,
  options: {
    owner: string | number
    /** the form's photo field: refusals are shown there */
    field: string
    /** form input → the reading's field */
    inputs: Record<string, string>
    /** what the form held when the person pressed 识别 */
    typed: Record<string, unknown>
    /**
     * the reading's fields that must say what is on file (an org's credit
     * code): a difference is marked at the photo field
     */
    expected?: Record<string, string>
  }
): Promise<FormPrefill> {
  let reading: DocumentReading
  try {
    reading = await readDocument(photo.buffer, kind)
  } catch (error) {
    if (error instanceof RuleError) {
      throw new RuleError(error.message, { field: options.field, code: error.code })
    }
    throw error
  }
  const token = await keepPhoto(options.owner, photo)
  const fill: Record<string, string> = {}
  const marks: Record<string, string> = {}
  for (const [input, field] of Object.entries(options.inputs)) {
    const value = reading.fields[field]
    if (!value) continue
    const typed =
      typeof options.typed[input] === 'string' ? String(options.typed[input]).trim() : ''
    if (!typed) {
      fill[input] = value
      if (reading.flagged[field]) marks[input] = `识别结果：${reading.flagged[field]}`
    } else if (comparable(typed) !== comparable(value)) {
      marks[input] = `${DOCUMENT_NAME[kind]}上为“${value}”，与填写的不一致，请核对`
    }
  }
  const differs = differences(reading, options.expected ?? {})
  if (differs.length) marks[options.field] = differs.join('；')
  return { token, reading, fill, marks, rows: readingRows(reading) }
}

/** what the document says that differs from what is on file (an org's credit code), in Chinese */
function differences(reading: DocumentReading, onFile: Record<string, string>): string[] {
  const notes: string[] = []
  for (const [field, expected] of Object.entries(onFile)) {
    const value = reading.fields[field]
    if (value && comparable(value) !== comparable(expected)) {
      notes.push(
        `${DOCUMENT_NAME[reading.kind]}上的${fieldLabel(field, reading.kind)}为“${value}”，与本机构的“${expected}”不一致，请确认是否选错了证件`
      )
    }
  }
  return notes
}

/**
 * A licence uploaded as an order's material, against the org on file
 * (credit code): what differs, in Chinese, or null — also when the photo
 * cannot be read, OCR is not running in this process or fails (a warning
 * only: the upload stands either way, staff review the material).
 */
export async function licenceWarning(
  photo: Buffer,
  onFile: { credit_code: string }
): Promise<string | null> {
  try {
    const reading = await readDocument(photo, 'licence')
    /* a code that failed its check character says nothing about the org */
    if ((reading.confidence.credit_code ?? 0) < 0.85) return null
    return differences(reading, onFile).join('；') || null
  } catch (error) {
    if (!(error instanceof RuleError)) logger.warn({ err: error }, 'ocr: licence check failed')
    return null
  }
}

/**
 * The form comes back: what was typed (less `except`), the values read,
 * the photo's token, the marks (`ocr_marks`) and the rows (`ocr_reading`).
 */
export function flashPrefill(
  session: HttpContext['session'],
  prefill: FormPrefill,
  options: { tokenField: string; except: string[] }
) {
  session.flashExcept(['_csrf', '_method', 'intent', ...options.except])
  for (const [input, value] of Object.entries(prefill.fill)) session.flash(input, value)
  session.flash(options.tokenField, prefill.token)
  session.flash('ocr_marks', prefill.marks)
  session.flash('ocr_reading', { rows: prefill.rows })
}
