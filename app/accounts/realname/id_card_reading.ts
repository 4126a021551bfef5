import { RuleError } from '#core/rule_error'
import { readDocument, readingRows, type DocumentReading } from '#ocr/queries/read_document'

/**
 * Reading a resident ID card photo for the real-name forms (#ocr): the
 * applicant's 人工审核 form prefills its name and number from the front
 * (人像面), staff read either side of a case's photos. OCR's refusals come
 * back at the form's photo field; nothing read is saved here, the form
 * shows it for the applicant to check.
 */
export async function readIdCardPhoto(
  photo: Buffer,
  options: { field: string; side?: 'front' | 'back' }
): Promise<DocumentReading> {
  let reading: DocumentReading
  try {
    reading = await readDocument(photo, 'idcard')
  } catch (error) {
    if (error instanceof RuleError) {
      throw new RuleError(error.message, { field: options.field, code: error.code })
    }
    throw error
  }
  if (options.side === 'front' && reading.side === 'back') {
    throw new RuleError('这是身份证国徽面，请选择人像面（有照片的一面）照片', {
      field: options.field,
      code: 'wrong_side',
    })
  }
  return reading
}

/** what the forms show of a reading (#ocr) */
export { readingRows }
