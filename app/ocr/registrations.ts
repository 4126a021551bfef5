import { onServerReady } from '#core/background'

/**
 * The OCR pool opens when the HTTP server is ready (never during tests,
 * codegen or ace commands; `ocr:read` opens its own). Opening starts no
 * worker: the first reading does.
 */
onServerReady('ocr: worker pool', async () => {
  const { openOcr, closeOcr } = await import('#ocr/services/engine')
  openOcr()
  return () => closeOcr()
})
