import { closeOcr, ocrPool, openOcr } from '#ocr/services/engine'

/**
 * A group's setup for the tests that read images (#ocr): one tesseract
 * worker for the whole file, started before the first test (a reading
 * costs about a second of CPU; keep such tests few), closed after.
 */
export async function oneOcrWorker(options: { recycleAfter?: number } = {}) {
  openOcr({ size: 1, ...options })
  await ocrPool().warm()
  return () => closeOcr()
}
