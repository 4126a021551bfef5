import { hostname } from 'node:os'
import { randomUUID } from 'node:crypto'
import logger from '@adonisjs/core/services/logger'
import { QueueManager, Worker } from '@adonisjs/queue'
import string from '@adonisjs/core/helpers/string'
import {
  QUEUES,
  declaredSchedules,
  dispatchJob,
  jobName,
  resolvedQueueConfig,
} from '#core/queue/jobs'

/**
 * The job runner: one worker set (config/queue.ts `worker.concurrency`
 * jobs at a time) plus the schedules, started once per deployment by
 * `npm start` (bin/start.ts: the primary's job process), by
 * `node ace jobs:work`, or inside a lone `node bin/server.js`.
 * Several runners (several instances) may share one database: each job
 * and each scheduled run is claimed by exactly one of them.
 *
 * While it runs it beats in job_workers every HEARTBEAT_MS, so GET /health
 * can tell whether anybody is working the queue.
 */
export const HEARTBEAT_MS = 15_000

export interface RunningJobRunner {
  id: string
  stop(): Promise<void>
}

async function registerSchedules() {
  const { Schedule } = await import('@adonisjs/queue')
  for (const declaration of declaredSchedules()) {
    const { default: JobType } = await declaration.job()
    const builder = (JobType as any).schedule(declaration.payload ?? {}).id(declaration.id)
    if (declaration.cron) builder.cron(declaration.cron).timezone('Asia/Shanghai')
    else builder.every(declaration.every ?? '1h')
    // an unchanged schedule keeps its next run (a restart must not postpone it)
    const existing = await Schedule.find(declaration.id)
    const everyMs = declaration.cron ? null : string.milliseconds.parse(declaration.every ?? '1h')
    const unchanged =
      existing &&
      existing.name === jobName(JobType) &&
      existing.status === 'active' &&
      existing.nextRunAt !== null &&
      (existing.cronExpression ?? null) === (declaration.cron ?? null) &&
      (existing.everyMs ?? null) === everyMs
    if (!unchanged) await builder.run()
    if (declaration.runAtStart) {
      await dispatchJob(JobType, declaration.payload ?? {}, { dedupKey: 'start' })
    }
  }
}

async function beat(id: string, startedAt: number) {
  const { default: db } = await import('@adonisjs/lucid/services/db')
  const now = Date.now()
  await db
    .insertQuery()
    .table('job_workers')
    .insert({ id, host: hostname(), pid: process.pid, started_at: startedAt, seen_at: now })
    .knexQuery.onConflict('id')
    .merge(['seen_at'])
  // forget runners gone for a day
  await db
    .from('job_workers')
    .where('seen_at', '<', now - 24 * 3600_000)
    .delete()
}

export async function startJobRunner(): Promise<RunningJobRunner> {
  // the queue provider initialised the manager at boot; ace commands do not load the jobs
  await QueueManager.loadJobs()
  const config = await resolvedQueueConfig()
  const worker = new Worker(config)
  const id = randomUUID()
  const startedAt = Date.now()
  await beat(id, startedAt)
  const heartbeat = setInterval(() => {
    beat(id, startedAt).catch((error) => logger.warn({ err: error }, 'job runner heartbeat failed'))
  }, HEARTBEAT_MS)
  heartbeat.unref()
  try {
    await registerSchedules()
  } catch (error) {
    logger.error({ err: error }, 'schedules could not be registered')
  }
  const running = worker.start(QUEUES).catch((error) => {
    logger.error({ err: error }, 'job runner stopped on an error')
  })
  logger.info(`job runner ${id} started (${config.worker?.concurrency ?? 1} at a time)`)
  return {
    id,
    async stop() {
      clearInterval(heartbeat)
      // finishes the running jobs, takes no new one
      await worker.stop()
      await running
      const { default: db } = await import('@adonisjs/lucid/services/db')
      await db
        .from('job_workers')
        .where('id', id)
        .delete()
        .catch(() => undefined)
    },
  }
}
