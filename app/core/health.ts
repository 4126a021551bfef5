import db from '@adonisjs/lucid/services/db'
import { DbCheck } from '@adonisjs/lucid/database'
import { BaseCheck, DiskSpaceCheck, HealthChecks, Result } from '@adonisjs/core/health'
import type { HealthCheckContract, HealthCheckResult } from '@adonisjs/core/types/health'
import { storageRoot } from '#config/drive'
import { liveRunners } from '#core/queue/queries'

/**
 * GET /health, for a load balancer or a monitor (#middleware/health_middleware):
 * the framework's health checks (@adonisjs/core/health) of what an
 * instance needs to serve: its database, room on the disk that holds the
 * private files, someone running the job queue, and whatever the modules
 * register (issuance: the CA keys open). The answer says ok/warning/error
 * per check with a short message, never paths, versions, hosts or keys.
 */
export class JobRunnersCheck extends BaseCheck {
  name = '后台任务进程'

  async run(): Promise<HealthCheckResult> {
    const runners = await liveRunners()
    if (runners.length === 0) {
      return Result.failed('没有正在运行的后台任务进程（任务会积压）')
    }
    return Result.ok(`${runners.length} 个后台任务进程在运行`)
  }
}

const moduleChecks: HealthCheckContract[] = []

/** short keys for the JSON answer, by check name */
const KEYS = new Map<string, string>()

/** a module's own check (registered at boot), answered under `key` */
export function registerHealthCheck(key: string, check: HealthCheckContract) {
  KEYS.set(check.name, key)
  moduleChecks.push(check)
}

function checks(): HealthChecks {
  const disk = new DiskSpaceCheck().warnWhenExceeds(90).failWhenExceeds(95).cacheFor('1 minute')
  disk.diskPath = storageRoot
  KEYS.set(disk.name, 'disk')
  const database = new DbCheck(db.connection())
  KEYS.set(database.name, 'database')
  const jobs = new JobRunnersCheck()
  KEYS.set(jobs.name, 'jobs')
  return new HealthChecks().register([database, disk, jobs, ...moduleChecks])
}

let registered: HealthChecks | null = null

export interface HealthAnswer {
  status: 'ok' | 'warning' | 'error'
  checks: Record<string, { status: 'ok' | 'warning' | 'error'; message: string }>
}

export async function healthReport(): Promise<{ healthy: boolean; answer: HealthAnswer }> {
  registered ??= checks()
  const report = await registered.run()
  const answer: HealthAnswer = { status: report.status, checks: {} }
  for (const check of report.checks) {
    const key = KEYS.get(check.name) ?? check.name
    answer.checks[key] = { status: check.status, message: check.message }
  }
  return { healthy: report.isHealthy, answer }
}
