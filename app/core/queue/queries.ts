import db from '@adonisjs/lucid/services/db'
import string from '@adonisjs/core/helpers/string'
import app from '@adonisjs/core/services/app'
import type { QueueConfig } from '@adonisjs/queue/types'
import { JOBS_TABLE, SCHEDULES_TABLE } from '#core/queue/adapter'
import { jobLabel } from '#core/queue/jobs'
import { HEARTBEAT_MS } from '#core/queue/runner'

/**
 * Reads of the job queue for the back office (任务队列) and /health:
 * failed jobs, stuck jobs, recent executions, schedules, live runners.
 *
 * "Stuck" means nobody is making progress on it: a job claimed by a
 * process that stopped renewing its claim (the process died and no
 * runner has taken the job back yet), or a job due for more than
 * STUCK_AFTER_MS that no runner has picked up (no runner is working the
 * queue).
 */
export const STUCK_AFTER_MS = 10 * 60_000

export interface ProblemJob {
  id: string
  queue: string
  name: string
  label: string
  status: 'failed' | 'stuck'
  /** what went wrong, in the words of the error (or why it is stuck) */
  reason: string
  attempts: number
  since: Date
  payload: unknown
}

function stalledThresholdMs() {
  const config = app.config.get<QueueConfig>('queue')
  return string.milliseconds.parse(config.worker?.stalledThreshold ?? '30s')
}

function parse(data: string) {
  try {
    return JSON.parse(data)
  } catch {
    return {}
  }
}

export async function failedJobs(limit = 200): Promise<ProblemJob[]> {
  const rows = await db
    .from(JOBS_TABLE)
    .where('status', 'failed')
    .orderBy('finished_at', 'desc')
    .limit(limit)
  return rows.map((row) => {
    const data = parse(row.data)
    return {
      id: row.id,
      queue: row.queue,
      name: data.name,
      label: jobLabel(data.name),
      status: 'failed' as const,
      reason: row.error || '执行失败',
      attempts: Number(data.attempts ?? 0) + 1,
      since: new Date(Number(row.finished_at ?? Date.now())),
      payload: data.payload,
    }
  })
}

export async function stuckJobs(now = Date.now(), limit = 200): Promise<ProblemJob[]> {
  const lostClaim = now - stalledThresholdMs() * 2
  const overdue = now - STUCK_AFTER_MS
  const rows = await db
    .from(JOBS_TABLE)
    .where((q) => {
      q.where((a) => a.where('status', 'active').where('acquired_at', '<', lostClaim))
        .orWhere((d) => d.where('status', 'delayed').where('execute_at', '<', overdue))
        .orWhere((p) => p.where('status', 'pending'))
    })
    .limit(limit * 5)
  const stuck: ProblemJob[] = []
  for (const row of rows) {
    const data = parse(row.data)
    let since: number | null = null
    let reason = ''
    if (row.status === 'active') {
      since = Number(row.acquired_at)
      reason = '执行中的进程已无响应，等待其他进程接手'
    } else if (row.status === 'delayed') {
      since = Number(row.execute_at)
      reason = '已到执行时间，但没有进程执行（后台任务进程是否在运行？）'
    } else {
      // pending: the time it was queued is in the score (priority · 1e13 + time)
      const queuedAt = Number(row.score) % 1e13
      if (queuedAt >= overdue) continue
      since = queuedAt
      reason = '排队已久，但没有进程执行（后台任务进程是否在运行？）'
    }
    stuck.push({
      id: row.id,
      queue: row.queue,
      name: data.name,
      label: jobLabel(data.name),
      status: 'stuck',
      reason,
      attempts: Number(data.attempts ?? 0) + 1,
      since: new Date(since),
      payload: data.payload,
    })
    if (stuck.length >= limit) break
  }
  return stuck
}

/** failed + stuck: the counter next to 任务队列 in the back-office menu */
export async function countProblemJobs(now = Date.now()): Promise<number> {
  const failed = await db.from(JOBS_TABLE).where('status', 'failed').count('* as total').first()
  const stuck = await stuckJobs(now, 100)
  return Number(failed?.total ?? 0) + stuck.length
}

export async function findJob(id: string) {
  const row = await db.from(JOBS_TABLE).where('id', id).first()
  if (!row) return null
  return { ...row, data: parse(row.data) }
}

export interface JobRun {
  jobId: string
  name: string
  label: string
  attempt: number
  worker: string
  startedAt: Date
  finishedAt: Date | null
  outcome: string | null
  error: string | null
}

export async function recentRuns(limit = 50): Promise<JobRun[]> {
  const rows = await db.from('job_runs').orderBy('id', 'desc').limit(limit)
  return rows.map((row) => ({
    jobId: row.job_id,
    name: row.name,
    label: jobLabel(row.name),
    attempt: Number(row.attempt),
    worker: row.worker,
    startedAt: new Date(Number(row.started_at)),
    finishedAt: row.finished_at ? new Date(Number(row.finished_at)) : null,
    outcome: row.outcome,
    error: row.error,
  }))
}

export async function runsOfJob(jobId: string) {
  return db.from('job_runs').where('job_id', jobId).orderBy('id', 'asc')
}

export async function schedules() {
  const rows = await db.from(SCHEDULES_TABLE).orderBy('id', 'asc')
  return rows.map((row) => ({
    id: row.id as string,
    label: jobLabel(row.name),
    every: row.every_ms ? Number(row.every_ms) : null,
    cron: row.cron_expression as string | null,
    status: row.status as string,
    runCount: Number(row.run_count ?? 0),
    lastRunAt: row.last_run_at ? new Date(row.last_run_at) : null,
    nextRunAt: row.next_run_at ? new Date(row.next_run_at) : null,
  }))
}

/** job runners that beat within the last three heartbeats */
export async function liveRunners(now = Date.now()) {
  return db
    .from('job_workers')
    .where('seen_at', '>=', now - HEARTBEAT_MS * 3)
    .orderBy('started_at', 'asc')
}
