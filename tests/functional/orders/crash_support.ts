import db from '@adonisjs/lucid/services/db'
import audit from '#core/audit/audit_service'
import { JOBS_TABLE } from '#core/queue/adapter'
import type { FaultPointName } from '#core/fault_points'

/**
 * What the crash tests of orders share (issue 9, issue 11 #1): the
 * issuance's fault points, the queue's backoff moved to now, and the
 * closing check that nothing is left behind.
 */

/** the steps of issuing for an order, in the one transaction under the order's row lock */
export const ISSUANCE_POINTS: FaultPointName[] = [
  'issuance.after_ca_insert',
  'issuance.after_ca_audit',
  'certificates.after_record',
  'orders.issue.after_transition',
]

/** move the delayed retries of the queue to now (their backoff has passed) */
export async function backoffPassed() {
  await db
    .from(JOBS_TABLE)
    .whereIn('status', ['delayed', 'pending'])
    .update({ execute_at: Date.now() - 1 })
}

/** no job waiting or failed, and the audit chain verifies */
export async function assertNothingLeft(assert: any) {
  const left = await db.from(JOBS_TABLE).whereNot('status', 'completed')
  assert.deepEqual(
    left.map((job) => `${job.status}: ${job.error ?? ''}`),
    [],
    'nothing left in the queue'
  )
  const chain = await audit.verify()
  assert.isTrue(chain.ok, chain.reason)
}
