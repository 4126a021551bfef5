import type { HttpContext } from '@adonisjs/core/http'
import SystemPolicy from '#admin/policies/system_policy'
import { retryJob } from '#core/queue/actions'
import { failedJobs, liveRunners, recentRuns, schedules, stuckJobs } from '#core/queue/queries'

/**
 * 任务队列: background jobs that failed for good or are stuck, with a
 * 重试 button (audited), the recurring jobs, the job runners alive and
 * the latest executions.
 */
export default class JobsController {
  async index({ bouncer, view }: HttpContext) {
    await bouncer.with(SystemPolicy).authorize('manageJobs')
    const now = Date.now()
    return view.render('admin/jobs/index', {
      failed: await failedJobs(),
      stuck: await stuckJobs(now),
      schedules: await schedules(),
      runners: await liveRunners(now),
      runs: await recentRuns(30),
      outcomeLabels: { completed: '完成', retrying: '失败，稍后重试', failed: '失败' },
    })
  }

  async retry({ bouncer, params, response, session }: HttpContext) {
    await bouncer.with(SystemPolicy).authorize('manageJobs')
    await retryJob(String(params.id))
    session.flash('success', '已重新排队，空闲的后台任务进程会立即执行')
    return response.redirect().toRoute('admin.jobs.index')
  }
}
