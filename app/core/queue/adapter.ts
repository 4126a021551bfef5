import { configProvider } from '@adonisjs/core'
import type { ConfigProvider } from '@adonisjs/core/types'
import type { AdapterFactory } from '@adonisjs/queue/types'
import { KnexAdapter } from '@boringnode/queue/drivers/knex_adapter'
import type { Knex } from 'knex'

/**
 * The queue's storage: the tables queue_jobs and queue_schedules in the
 * app's own database (SQLite or PostgreSQL), through @boringnode/queue's
 * knex adapter, with two changes:
 *
 * - the knex connection is looked up at each call, not once at boot: in
 *   the tests that is Lucid's global transaction (so jobs dispatched by a
 *   test and drained by it are rolled back with the rest of its data), in
 *   a transaction of the caller (`dispatchJob(..., { trx })`) it is that
 *   transaction, elsewhere the connection's own knex;
 * - a job whose worker died more often than `maxStalledCount` allows is
 *   kept as failed (with a Chinese reason), where the upstream adapter
 *   deletes it: it then shows on the back office's 任务队列 page with a
 *   重试 button instead of vanishing.
 */
export const JOBS_TABLE = 'queue_jobs'
export const SCHEDULES_TABLE = 'queue_schedules'

export const STALLED_FAILURE = '执行任务的进程多次中断，已停止自动重试'

type KnexLike = Knex | Knex.Transaction

/**
 * A callable stand-in for a knex instance that forwards every use to the
 * connection `current()` returns at that moment.
 */
export function liveKnex(current: () => KnexLike): Knex {
  const target = function () {} as unknown as Knex
  return new Proxy(target, {
    apply(_t, _this, args: any[]) {
      return (current() as any)(...args)
    },
    get(_t, property) {
      const knex = current() as any
      const value = knex[property]
      return typeof value === 'function' ? value.bind(knex) : value
    },
  }) as Knex
}

export class CoreQueueAdapter extends KnexAdapter {
  readonly #knex: Knex

  constructor(knex: Knex) {
    super({ connection: knex, tableName: JOBS_TABLE, ownsConnection: false } as any)
    this.#knex = knex
  }

  /**
   * Same as upstream, except that a job over the stall limit is marked
   * failed (kept) rather than deleted.
   */
  async recoverStalledJobs(queue: string, stalledThreshold: number, maxStalledCount: number) {
    const now = Date.now()
    return this.#knex.transaction(async (trx) => {
      const stalled = await trx(JOBS_TABLE)
        .where('queue', queue)
        .where('status', 'active')
        .where('acquired_at', '<', now - stalledThreshold)
        .select('id', 'data')
      let recovered = 0
      for (const row of stalled) {
        const data = JSON.parse(row.data)
        const count = data.stalledCount ?? 0
        if (count >= maxStalledCount) {
          await trx(JOBS_TABLE).where({ id: row.id, queue }).update({
            status: 'failed',
            worker_id: null,
            acquired_at: null,
            finished_at: now,
            error: STALLED_FAILURE,
          })
          continue
        }
        data.stalledCount = count + 1
        await trx(JOBS_TABLE)
          .where({ id: row.id, queue })
          .update({
            status: 'pending',
            data: JSON.stringify(data),
            worker_id: null,
            acquired_at: null,
            score: scoreOf(data.priority ?? 5, now),
          })
        recovered++
      }
      return recovered
    })
  }
}

/** upstream's ordering: priority first, then first in, first out */
export function scoreOf(priority: number, timestamp: number) {
  return priority * 1e13 + timestamp
}

/**
 * The "database" driver of config/queue.ts: the default Lucid connection,
 * or the caller's transaction when `connection()` returns one.
 */
export function coreQueueDriver(): ConfigProvider<AdapterFactory> {
  return configProvider.create(async (app) => {
    const db = await app.container.make('lucid.db')
    const knex = liveKnex(() => db.connection().getWriteClient() as KnexLike)
    return () => new CoreQueueAdapter(knex)
  })
}

/**
 * An adapter bound to one transaction (a job dispatched with the state
 * change that calls for it: both commit, or neither).
 */
export function adapterInTransaction(trx: { getWriteClient(): unknown }) {
  return () => new CoreQueueAdapter(trx.getWriteClient() as Knex)
}
