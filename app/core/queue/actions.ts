import db from '@adonisjs/lucid/services/db'
import audit from '#core/audit/audit_service'
import { JOBS_TABLE, scoreOf } from '#core/queue/adapter'
import { jobLabel } from '#core/queue/jobs'
import { stuckJobs } from '#core/queue/queries'
import { RuleError, NotFoundError } from '#core/rule_error'

/**
 * 重试 a failed or stuck job (back office, super admin): it goes back to
 * the queue with its attempts counted from zero, and the next free runner
 * takes it. One audit entry per retry. Refused for a job that is neither
 * (already retried by someone else, or running normally).
 */
export async function retryJob(id: string) {
  const now = Date.now()
  const stuckNow = await stuckJobs(now)
  const stuck = new Set(stuckNow.map((job) => job.id))
  const retried = await db.transaction(async (trx) => {
    const row = await trx.from(JOBS_TABLE).where('id', id).first()
    if (!row) throw new NotFoundError('任务不存在或已执行完毕')
    if (row.status !== 'failed' && !(row.status === 'active' && stuck.has(id))) {
      throw new RuleError(
        row.status === 'failed' || row.status === 'active'
          ? '该任务正在执行，无需重试'
          : '该任务已在队列中等待执行，无需重试'
      )
    }
    const data = JSON.parse(row.data)
    const previous = { status: row.status as string, attempts: Number(data.attempts ?? 0) + 1 }
    data.attempts = 0
    data.stalledCount = 0
    const updated = await trx
      .from(JOBS_TABLE)
      .where({ id, queue: row.queue, status: row.status })
      .update({
        status: 'pending',
        data: JSON.stringify(data),
        worker_id: null,
        acquired_at: null,
        finished_at: null,
        execute_at: null,
        error: null,
        score: scoreOf(data.priority ?? 5, now),
      })
    if (!updated) throw new RuleError('该任务的状态刚刚发生变化，请刷新后再试')
    await audit.record(
      {
        action: 'core.job.retry',
        subjectType: 'job',
        subjectId: id,
        data: {
          job: data.name,
          label: jobLabel(data.name),
          from: previous.status === 'failed' ? 'failed' : 'stuck',
          attempts: previous.attempts,
          error: row.error ?? null,
        },
      },
      trx
    )
    return { name: data.name as string }
  })
  return retried
}
