import { defineModule } from '#core/modules'

/**
 * ocr: reading business licences and ID cards from photos to prefill
 * forms (see app/ocr/README.md). No pages of its own: other modules call
 * `readDocument` (#ocr/queries/read_document) and show the fields; the
 * worker pool opens when the HTTP server is ready.
 */
export default defineModule({
  name: 'ocr',
  boot: () => import('#ocr/registrations'),
})
