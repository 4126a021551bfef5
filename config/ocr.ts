import { availableParallelism } from 'node:os'
import env from '#start/env'

/**
 * OCR (#ocr): the tesseract worker pool and what counts as a confident
 * reading. The pool is fixed: OCR_WORKERS workers per deployment (default
 * one per core), shared out among the HTTP worker processes of `npm start`
 * (WEB_CONCURRENCY, default one per core), at least one each. Workers
 * start with the first job, never during tests or ace commands (but
 * ocr:read), and are replaced after OCR_RECYCLE_AFTER jobs: tesseract's
 * WebAssembly heap only grows.
 */
const cores = availableParallelism()
const workers = Math.max(1, env.get('OCR_WORKERS') ?? cores)
const webProcesses = Math.max(1, Number(env.get('WEB_CONCURRENCY')) || cores)

const ocrConfig = {
  /** workers of the whole deployment */
  workers,
  /** workers of one HTTP process */
  workersPerProcess: Math.max(1, Math.round(workers / webProcesses)),
  /** jobs a worker runs before it is replaced */
  recycleAfter: Math.max(1, env.get('OCR_RECYCLE_AFTER') ?? 100),
  /** a job that takes longer is abandoned and its worker replaced */
  jobTimeoutMs: 30_000,
  /** fields below this confidence (0–1) are marked for the user to check */
  lowConfidence: 0.8,
  /** uploads accepted for reading */
  maxBytes: 8 * 1024 * 1024,
  maxPixels: 40_000_000,
}

export default ocrConfig
