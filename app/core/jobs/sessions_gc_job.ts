import { defineJob } from '#core/queue/jobs'

/**
 * Deletes the sessions whose row expired (#core/sessions/database_store
 * keeps them out of the request path). Scheduled hourly by
 * app/core/jobs/registrations.ts.
 */
export default defineJob<Record<string, never>>({
  name: 'core.sessions_gc',
  label: '清理过期会话',
  maxRetries: 1,
  run: async () => {
    const { default: db } = await import('@adonisjs/lucid/services/db')
    await db.from('sessions').where('expires_at', '<=', Date.now()).delete()
  },
})
