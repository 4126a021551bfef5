import app from '@adonisjs/core/services/app'
import { defineConfig, exponentialBackoff } from '@adonisjs/queue'
import { coreQueueDriver } from '#core/queue/adapter'
import { recordJobRun } from '#core/queue/runs'

/**
 * Background work runs as jobs on a queue (@adonisjs/queue 0.6.2, pinned:
 * the package is experimental) kept in the app's own database, SQLite or
 * PostgreSQL, so that nothing is lost in a crash and every instance
 * sharing the database shares the queue. `npm start` runs one worker set
 * per deployment (bin/start.ts); `node ace jobs:work` runs one on its
 * own. How a module declares and dispatches a job: app/core/queue/README.md.
 * Redis is not offered: the database adapter claims each job once
 * (SELECT … FOR UPDATE SKIP LOCKED on PostgreSQL, BEGIN IMMEDIATE on SQLite).
 */
export default defineConfig({
  /** the adapter jobs are dispatched to and taken from */
  default: 'database',

  /** the adapters jobs may be kept in: only the app's own database */
  adapters: {
    /**
     * queue_jobs / queue_schedules on the default database connection (app/core/queue/adapter.ts)
     */
    database: coreQueueDriver(),
  },

  /** every job retries after an error unless it says otherwise (job > queue > this) */
  retry: {
    /** 8 more attempts after the first one */
    maxRetries: 8,
    /** 10 s, 20 s, 40 s… at most 30 minutes apart, with jitter */
    backoff: exponentialBackoff({ baseDelay: '10s', maxDelay: '30m' }),
  },

  /** what happens to a job once it is done, unless the job says otherwise */
  defaultJobOptions: {
    /** a job done is deleted (its execution stays in job_runs) */
    removeOnComplete: true,
    /** a job failed for good is kept for the 任务队列 page (重试) for 90 days */
    removeOnFail: { age: '90d' },
  },

  /** the worker set that `npm start` (or `node ace jobs:work`) runs; JOB_WORKERS=false runs none */
  worker: {
    /**
     * Jobs run at the same time by one worker set: 2, so that one slow job
     * (a CRL signed by a big CA) does not hold up the others, while the
     * HTTP workers keep the CPU cores.
     */
    concurrency: 2,
    /**
     * how long an idle worker waits before looking for work again (a duration; one query per 2 s)
     */
    idleDelay: '2s',
    /** a running job renews its claim; one not renewed for this long lost its process */
    stalledThreshold: '2m',
    /** how often the worker looks for such jobs */
    stalledInterval: '30s',
    /**
     * after this many lost processes the job is kept as failed (not deleted:
     * app/core/queue/adapter.ts)
     */
    maxStalledCount: 2,
    /** shutdown is handled by the job runner (it finishes running jobs first) */
    gracefulShutdown: false,
  },

  /** jobs live in their modules: app/<module>/jobs/<what>_job.ts */
  locations: [app.makePath('app/*/jobs/*_job.ts')],

  /** every execution is recorded in job_runs (app/core/queue/runs.ts) */
  executionWrapper: recordJobRun,
})
