import ocrConfig from '#config/ocr'
import { RuleError } from '#core/rule_error'
import { OcrPool, type PoolOptions } from '#ocr/services/pool'

/**
 * The process's one pool. Nothing starts at import: the HTTP server opens
 * it when ready (registrations.ts), `ocr:read`, the bench and the tests
 * open it themselves; elsewhere (ace commands, tests that do not read
 * images) reading refuses with a Chinese message instead of starting
 * tesseract. Opening is cheap: workers start with the first job.
 */
let pool: OcrPool | null = null

export function openOcr(options: Partial<PoolOptions> = {}): OcrPool {
  pool ??= new OcrPool({
    size: options.size ?? ocrConfig.workersPerProcess,
    recycleAfter: options.recycleAfter ?? ocrConfig.recycleAfter,
    jobTimeoutMs: options.jobTimeoutMs ?? ocrConfig.jobTimeoutMs,
  })
  return pool
}

export async function closeOcr() {
  const open = pool
  pool = null
  await open?.close()
}

export function ocrIsOpen() {
  return pool !== null
}

export function ocrPool(): OcrPool {
  if (!pool) {
    throw new RuleError('文字识别服务未启动，请手动填写', {
      field: 'file',
      code: 'ocr_unavailable',
    })
  }
  return pool
}
