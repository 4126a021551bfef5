import { onServerReady } from '#core/background'
import { defineSchedule } from '#core/queue/jobs'

/**
 * The OCR pool opens when the HTTP server is ready (never during tests,
 * codegen or ace commands; `ocr:read` opens its own). Opening starts no
 * worker: the first reading does. The photos kept for 识别 forms are
 * cleaned up hourly.
 */
onServerReady('ocr: worker pool', async () => {
  const { openOcr, closeOcr } = await import('#ocr/services/engine')
  openOcr()
  return () => closeOcr()
})

defineSchedule({
  id: 'ocr.kept_photos_gc',
  label: '清理识别时保留的照片',
  job: () => import('#ocr/jobs/kept_photos_gc_job'),
  every: '1h',
})
