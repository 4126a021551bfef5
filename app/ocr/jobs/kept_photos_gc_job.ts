import { defineJob } from '#core/queue/jobs'

/**
 * Removes the photos kept for 识别 forms (#ocr/actions/kept_photos) whose
 * tokens have expired. Scheduled hourly by app/ocr/registrations.ts.
 */
export default defineJob<Record<string, never>>({
  name: 'ocr.kept_photos_gc',
  label: '清理识别时保留的照片',
  maxRetries: 1,
  run: () => import('#ocr/actions/kept_photos').then((m) => m.sweepKeptPhotos()),
})
