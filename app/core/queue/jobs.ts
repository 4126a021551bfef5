import app from '@adonisjs/core/services/app'
import { configProvider } from '@adonisjs/core'
import { exponentialBackoff, Job, Locator, Worker } from '@adonisjs/queue'
import type { AdapterFactory, Duration, QueueConfig } from '@adonisjs/queue/types'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { adapterInTransaction } from '#core/queue/adapter'

/**
 * The one place background work is dispatched, scheduled and run
 * (app/core/queue/README.md has the recipe for a module's job):
 *
 *   defineJob({ name, label, backoff, run })                 a module's job (its file's default export)
 *   dispatchJob(IssueCertificateJob, { orderId }, { trx })  enqueue (in the caller's transaction)
 *   defineSchedule({ id, job, every | cron })                 a recurring job (declared by its module)
 *   runQueuedJobs()                                          tests: run what is queued, now, here
 *
 * Jobs are @adonisjs/queue jobs in app/<module>/jobs/<what>_job.ts, named
 * `<module>.<what>`, with a Chinese label for the back office: declared
 * with defineJob, or as `class X extends Job<Payload>` with `static
 * options.name` and `static label` where a job needs more than a run.
 */
export { Job }

export type JobClass<P = any> = (abstract new (...args: any[]) => Job<P>) & {
  options?: { name?: string; queue?: string }
  label?: string
}

export interface JobDeclaration<P> {
  /** `<module>.<what>`: the name stored in queue_jobs */
  name: string
  /** what 任务队列 calls it */
  label: string
  /** retries after the first attempt (default: config/queue.ts, 8) */
  maxRetries?: number
  /** exponential backoff between retries, [first, longest] (default: config/queue.ts, 10 s … 30 min) */
  backoff?: [Duration, Duration]
  /**
   * The work, usually one action of the module, imported here so that
   * loading the job (the runner loads them all) does not load the module.
   * Idempotent: a retry after a crash finds what the last attempt did.
   */
  run: (payload: P) => Promise<unknown>
}

/**
 * A job class from its declaration (the default export of a *_job.ts
 * file; dispatchJob takes it like any job class).
 */
export function defineJob<P>(declaration: JobDeclaration<P>): JobClass<P> {
  const { name, label, maxRetries, backoff, run } = declaration
  const retry = backoff
    ? { backoff: exponentialBackoff({ baseDelay: backoff[0], maxDelay: backoff[1] }) }
    : undefined
  return class DeclaredJob extends Job<P> {
    static options = { name, maxRetries, retry }
    static label = label

    async execute() {
      await run(this.payload)
    }
  }
}

export interface DispatchOptions {
  /** enqueue inside this transaction: the job exists only if it commits */
  trx?: TransactionClientContract
  /** run no earlier than this ('30s', '5m', ms) */
  delay?: Duration
  /** at most one pending job with this key (e.g. the order number) */
  dedupKey?: string
}

export async function dispatchJob<P>(
  JobType: JobClass<P>,
  payload: P,
  options: DispatchOptions = {}
): Promise<{ jobId: string }> {
  const dispatcher = (JobType as any).dispatch(payload)
  if (options.trx) dispatcher.with(adapterInTransaction(options.trx))
  if (options.delay !== undefined) dispatcher.in(options.delay)
  if (options.dedupKey) dispatcher.dedup({ id: options.dedupKey })
  const result = await dispatcher.run()
  return { jobId: result.jobId }
}

/** a job's name as stored in queue_jobs */
export function jobName(JobType: JobClass): string {
  return JobType.options?.name ?? JobType.name
}

/** the Chinese label of a stored job name (its class's `static label`) */
export function jobLabel(name: string): string {
  const JobType = Locator.get(name) as JobClass | undefined
  return JobType?.label ?? name
}

export interface ScheduleDeclaration {
  /** stable id, e.g. 'issuance.crl_refresh' */
  id: string
  /** what the back office calls it */
  label: string
  job: () => Promise<{ default: JobClass }>
  payload?: unknown
  /** an interval ('10m') or a cron expression (Asia/Shanghai) */
  every?: Duration
  cron?: string
  /** also dispatch one run when the job runner starts */
  runAtStart?: boolean
}

const schedules: ScheduleDeclaration[] = []

/**
 * A module declares a recurring job (from a file its module loads at
 * boot); the job runner registers it in queue_schedules when it starts.
 */
export function defineSchedule(declaration: ScheduleDeclaration) {
  if (!schedules.some((s) => s.id === declaration.id)) schedules.push(declaration)
}

export function declaredSchedules(): readonly ScheduleDeclaration[] {
  return schedules
}

/**
 * The queue configuration with its adapters resolved (what a Worker
 * needs), from config/queue.ts.
 */
export async function resolvedQueueConfig() {
  const config = app.config.get<QueueConfig>('queue')
  const adapters: Record<string, AdapterFactory> = {}
  for (const [name, adapter] of Object.entries(config.adapters)) {
    adapters[name] =
      typeof adapter === 'function'
        ? adapter
        : ((await configProvider.resolve<AdapterFactory>(app, adapter)) as AdapterFactory)
  }
  const logger = await app.container.make('logger')
  return {
    ...config,
    adapters,
    autoLoadJobs: false,
    logger,
    jobFactory: (JobType: any) => app.container.make(JobType),
  }
}

export const QUEUES = ['default']

/**
 * Run the jobs that are due now, one after the other, in this process,
 * until none is left (tests: "drain the queue", no timers, no sleeping).
 * Jobs delayed for later (a retry's backoff) stay queued. Returns how
 * many ran.
 */
export async function runQueuedJobs(options: { max?: number } = {}): Promise<number> {
  const max = options.max ?? 100
  const config = await resolvedQueueConfig()
  const worker = new Worker({ ...config, worker: { ...config.worker, concurrency: 1 } })
  let ran = 0
  try {
    while (ran < max) {
      const cycle = await worker.processCycle(QUEUES)
      if (!cycle || cycle.type === 'idle') break
      if (cycle.type === 'error') throw cycle.error
      if (cycle.type === 'completed') ran++
    }
  } finally {
    await worker.stop()
  }
  return ran
}
