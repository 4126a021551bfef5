import { Job } from '@adonisjs/queue'

/**
 * Removes the photos kept for 识别 forms (#ocr/actions/kept_photos) whose
 * tokens have expired. Scheduled hourly by app/ocr/registrations.ts.
 */
export default class KeptPhotosGcJob extends Job<Record<string, never>> {
  static options = { name: 'ocr.kept_photos_gc', maxRetries: 1 }
  static label = '清理识别时保留的照片'

  async execute() {
    const { sweepKeptPhotos } = await import('#ocr/actions/kept_photos')
    await sweepKeptPhotos()
  }
}
