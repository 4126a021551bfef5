import { hostname } from 'node:os'
import diagnosticsChannel from 'node:diagnostics_channel'
import logger from '@adonisjs/core/services/logger'
import type { AcquiredJob } from '@adonisjs/queue/types'

/**
 * Every execution attempt of a job leaves a row in job_runs: which job,
 * which attempt, which process ran it, when, and how it ended (done,
 * retried later, failed for good) with the error. The back office's
 * 任务队列 page shows them; they also show that a job dispatched once ran
 * once, whichever instance picked it up. Hooked into the queue as its
 * executionWrapper (config/queue.ts); the outcome comes from the queue's
 * own tracing channel. Bookkeeping never fails a job: its errors are logged.
 */
export const WORKER_LABEL = `${hostname()}:${process.pid}`

export type JobOutcome = 'completed' | 'retrying' | 'failed'

interface ExecuteMessage {
  job: AcquiredJob
  status?: JobOutcome
  error?: unknown
}

const outcomes = new Map<string, { status: JobOutcome; error: string | null }>()

diagnosticsChannel.tracingChannel<string, ExecuteMessage>('boringqueue.job.execute').subscribe({
  start() {},
  end() {},
  asyncStart() {},
  error() {},
  asyncEnd(message: ExecuteMessage) {
    if (!message?.job?.id) return
    const error = message.error as { message?: string } | undefined
    outcomes.set(message.job.id, {
      status: message.status ?? 'failed',
      error: error ? String(error.message ?? error).slice(0, 2000) : null,
    })
  },
})

export async function recordJobRun<T>(
  run: () => Promise<T>,
  job: AcquiredJob,
  queue: string
): Promise<T> {
  const { default: db } = await import('@adonisjs/lucid/services/db')
  let runId: number | null = null
  try {
    const [row] = await db
      .table('job_runs')
      .insert({
        job_id: job.id,
        name: job.name,
        queue,
        attempt: (job.attempts ?? 0) + 1,
        worker: WORKER_LABEL,
        started_at: Date.now(),
      })
      .returning('id')
    runId = Number(typeof row === 'object' ? row.id : row)
  } catch (error) {
    logger.warn({ err: error, job: job.id }, 'job run not recorded')
  }
  try {
    return await run()
  } finally {
    const outcome = outcomes.get(job.id) ?? { status: 'failed' as const, error: null }
    outcomes.delete(job.id)
    if (outcome.status !== 'completed') {
      logger.warn({ job: job.id, name: job.name, error: outcome.error }, `job ${outcome.status}`)
    }
    if (runId !== null) {
      await db
        .from('job_runs')
        .where('id', runId)
        .update({ finished_at: Date.now(), outcome: outcome.status, error: outcome.error })
        .catch((error: unknown) => logger.warn({ err: error, job: job.id }, 'job run outcome lost'))
    }
  }
}
