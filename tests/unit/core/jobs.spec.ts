import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import { Job, Locator } from '@adonisjs/queue'
import {
  defineJob,
  dispatchJob,
  declaredSchedules,
  jobLabel,
  runQueuedJobs,
} from '#core/queue/jobs'
import { CoreQueueAdapter, JOBS_TABLE, STALLED_FAILURE, liveKnex } from '#core/queue/adapter'
import { countProblemJobs, failedJobs, stuckJobs } from '#core/queue/queries'
import { retryJob } from '#core/queue/actions'

/**
 * The job queue as the office sees it: a job dispatched runs once, an
 * error is retried with backoff and ends as 失败 on the back office with
 * its reason, 重试 puts it back, a job whose process died is taken over
 * (and kept as failed, not lost, after too many deaths), and a job
 * dispatched in a transaction that rolls back never runs.
 */
const ran: Array<{ step: string; attempt: number }> = []
let failuresLeft = 0

class RecordStepJob extends Job<{ step: string }> {
  static options = { name: 'core_test.record_step', maxRetries: 2 }
  static label = '测试任务'
  async execute() {
    ran.push({ step: this.payload.step, attempt: this.context.attempt })
    if (failuresLeft > 0) {
      failuresLeft--
      throw new Error('网关暂时不可用')
    }
  }
}

class AlwaysFailsJob extends Job<{ n: number }> {
  static options = { name: 'core_test.always_fails', maxRetries: 0 }
  static label = '总是失败的测试任务'
  async execute() {
    throw new Error('对方系统拒绝了请求')
  }
}

const declaredRuns: string[] = []

/** a job declared as the modules declare theirs */
const DeclaredJob = defineJob<{ orderNo: string }>({
  name: 'core_test.declared',
  label: '声明的测试任务',
  maxRetries: 3,
  backoff: ['5s', '10m'],
  run: async ({ orderNo }) => {
    declaredRuns.push(orderNo)
  },
})

Locator.register('core_test.record_step', RecordStepJob)
Locator.register('core_test.always_fails', AlwaysFailsJob)
Locator.register('core_test.declared', DeclaredJob as any)

test.group('Job queue', (group) => {
  group.each.setup(() => {
    ran.length = 0
    failuresLeft = 0
  })

  test('a dispatched job runs once, and its execution is recorded', async ({ assert }) => {
    const { jobId } = await dispatchJob(RecordStepJob, { step: 'a' })
    assert.equal(await runQueuedJobs(), 1)
    assert.deepEqual(ran, [{ step: 'a', attempt: 1 }])
    assert.equal(await runQueuedJobs(), 0)
    assert.isNull(await db.from(JOBS_TABLE).where('id', jobId).first())
    const runs = await db.from('job_runs').where('job_id', jobId)
    assert.lengthOf(runs, 1)
    assert.equal(runs[0].outcome, 'completed')
  })

  test('an error is retried later (backoff), not at once', async ({ assert }) => {
    failuresLeft = 1
    const { jobId } = await dispatchJob(RecordStepJob, { step: 'b' })
    await runQueuedJobs()
    assert.lengthOf(ran, 1)
    const row = await db.from(JOBS_TABLE).where('id', jobId).first()
    assert.equal(row.status, 'delayed')
    assert.isAbove(Number(row.execute_at), Date.now())
    const runs = await db.from('job_runs').where('job_id', jobId)
    assert.equal(runs[0].outcome, 'retrying')
    assert.equal(runs[0].error, '网关暂时不可用')
    // its time comes: it runs again and succeeds
    await db
      .from(JOBS_TABLE)
      .where('id', jobId)
      .update({ execute_at: Date.now() - 1 })
    await runQueuedJobs()
    assert.deepEqual(
      ran.map((r) => r.attempt),
      [1, 2]
    )
  })

  test('a job out of retries is listed as failed with its reason; 重试 runs it again, audited', async ({
    assert,
  }) => {
    const { jobId } = await dispatchJob(AlwaysFailsJob, { n: 1 })
    await runQueuedJobs()
    const failed = await failedJobs()
    assert.lengthOf(failed, 1)
    assert.equal(failed[0].id, jobId)
    assert.equal(failed[0].label, '总是失败的测试任务')
    assert.equal(failed[0].reason, '对方系统拒绝了请求')
    assert.equal(await countProblemJobs(), 1)

    await retryJob(jobId)
    assert.equal((await db.from(JOBS_TABLE).where('id', jobId).first()).status, 'pending')
    const entry = await db.from('audit_logs').where('action', 'core.job.retry').first()
    assert.equal(entry.subject_id, jobId)
    await runQueuedJobs()
    assert.lengthOf(await db.from('job_runs').where('job_id', jobId), 2)
    await assert.rejects(() => retryJob('no-such-job'), '任务不存在或已执行完毕')
  })

  test('a job dispatched in a transaction that rolls back never runs', async ({ assert }) => {
    await db
      .transaction(async (trx) => {
        await dispatchJob(RecordStepJob, { step: 'rolled back' }, { trx })
        throw new Error('rollback')
      })
      .catch(() => undefined)
    await db.transaction(async (trx) => {
      await dispatchJob(RecordStepJob, { step: 'committed' }, { trx })
    })
    await runQueuedJobs()
    assert.deepEqual(
      ran.map((r) => r.step),
      ['committed']
    )
  })

  test('a job whose process died is stuck, then taken over; after too many deaths it is kept as failed', async ({
    assert,
  }) => {
    const { jobId } = await dispatchJob(RecordStepJob, { step: 'c' })
    const longAgo = Date.now() - 60 * 60_000
    await db
      .from(JOBS_TABLE)
      .where('id', jobId)
      .update({ status: 'active', worker_id: 'dead', acquired_at: longAgo })
    const stuck = await stuckJobs()
    assert.deepEqual(
      stuck.map((j) => j.id),
      [jobId]
    )
    const adapter = new CoreQueueAdapter(liveKnex(() => db.connection().getWriteClient() as any))
    assert.equal(await adapter.recoverStalledJobs('default', 60_000, 1), 1)
    assert.equal((await db.from(JOBS_TABLE).where('id', jobId).first()).status, 'pending')
    // dies again: over the limit, kept as failed with a reason
    await db
      .from(JOBS_TABLE)
      .where('id', jobId)
      .update({ status: 'active', worker_id: 'dead', acquired_at: longAgo })
    assert.equal(await adapter.recoverStalledJobs('default', 60_000, 1), 0)
    const row = await db.from(JOBS_TABLE).where('id', jobId).first()
    assert.equal(row.status, 'failed')
    assert.equal(row.error, STALLED_FAILURE)
  })

  test('dispatched twice with the same key (a double click), the job is queued and run once', async ({
    assert,
  }) => {
    const first = await dispatchJob(RecordStepJob, { step: 'order-1' }, { dedupKey: 'order-1' })
    const second = await dispatchJob(RecordStepJob, { step: 'order-1' }, { dedupKey: 'order-1' })
    assert.equal(second.jobId, first.jobId)
    await runQueuedJobs()
    assert.deepEqual(
      ran.map((r) => r.step),
      ['order-1']
    )
  })

  test('the CRL refresh is a scheduled job of the issuance module', async ({ assert }) => {
    const crl = declaredSchedules().find((s) => s.id === 'issuance.crl_refresh')
    assert.exists(crl)
    const { default: JobType } = await crl!.job()
    assert.equal(JobType.options?.name, 'issuance.crl_refresh')
    assert.equal(crl!.every, '10m')
  })

  test('a job declared by defineJob has its name, label and retries, and runs its payload', async ({
    assert,
  }) => {
    declaredRuns.length = 0
    assert.equal((DeclaredJob as any).options.name, 'core_test.declared')
    assert.equal((DeclaredJob as any).options.maxRetries, 3)
    assert.equal(jobLabel('core_test.declared'), '声明的测试任务')
    await dispatchJob(DeclaredJob, { orderNo: '1000000000000000001' })
    assert.equal(await runQueuedJobs(), 1)
    assert.deepEqual(declaredRuns, ['1000000000000000001'])
  })
})
