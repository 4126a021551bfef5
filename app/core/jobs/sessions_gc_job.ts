import { Job } from '@adonisjs/queue'

/**
 * Deletes the sessions whose row expired (#core/sessions/database_store
 * keeps them out of the request path). Scheduled hourly by
 * app/core/jobs/registrations.ts.
 */
export default class SessionsGcJob extends Job<Record<string, never>> {
  static options = { name: 'core.sessions_gc', maxRetries: 1 }
  static label = '清理过期会话'

  async execute() {
    const { default: db } = await import('@adonisjs/lucid/services/db')
    await db.from('sessions').where('expires_at', '<=', Date.now()).delete()
  }
}
