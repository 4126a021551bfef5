import env from '#start/env'
import { onServerReady } from '#core/background'
import { registerAuditActions } from '#core/audit/audit_service'
import { defineSchedule } from '#core/queue/jobs'

/**
 * Core's part of the job queue at boot: its audit labels, its own
 * recurring jobs (session clean-up), and the job runner of a lone
 * server process (`node bin/server.js`). Under `npm start` the HTTP
 * workers are started with CERTDESK_ROLE=web and the primary runs the one
 * job runner of the deployment (bin/start.ts); JOB_WORKERS=false keeps an
 * instance from running one at all.
 */
registerAuditActions({
  'core.job.retry': '重试后台任务',
})

defineSchedule({
  id: 'core.sessions_gc',
  label: '清理过期会话',
  job: () => import('#core/jobs/sessions_gc_job'),
  every: '1h',
})

export function runsJobsInThisProcess() {
  return process.env.CERTDESK_ROLE !== 'web' && env.get('JOB_WORKERS', true)
}

onServerReady('core: job runner', async () => {
  if (!runsJobsInThisProcess()) return
  const { startJobRunner } = await import('#core/queue/runner')
  const runner = await startJobRunner()
  return () => runner.stop()
})
