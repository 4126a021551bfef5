import { randomUUID } from 'node:crypto'
import { setTimeout as sleep } from 'node:timers/promises'
import db from '@adonisjs/lucid/services/db'
import logger from '@adonisjs/core/services/logger'
import { RuleError } from '#core/rule_error'

/**
 * "One at a time", across every process and instance that shares the
 * database (HTTP workers, the job runner, ace commands, other machines):
 *
 *   await withLock(`order-issuance:${orderId}`, async () => { … })
 *
 * A lock is a row of `locks`: taken by inserting it, given back by
 * deleting it. Its holder renews a lease while it works; a holder that
 * died leaves a lease that runs out, and the next one takes the lock over.
 * Waiting never holds a database connection (each try is one short
 * statement, then a pause), so lock waiters cannot starve the pool the
 * holder needs (issue 9 #2: a connection held by an advisory lock waiter).
 * Use it instead of an in-process `Map<string, Promise>` queue, which
 * only orders the requests of one process.
 */
export interface LockOptions {
  /** give up after waiting this long (ms); default 30 s */
  wait?: number
  /** the lease (ms), renewed every third of it while the work runs; default 60 s */
  lease?: number
}

export class LockTimeoutError extends RuleError {
  constructor() {
    super('系统繁忙，请稍后重试', { status: 503, code: 'lock_timeout' })
  }
}

const TABLE = 'locks'

async function tryTake(key: string, owner: string, lease: number): Promise<boolean> {
  const now = Date.now()
  await db
    .insertQuery()
    .table(TABLE)
    .insert({ key, owner, expires_at: now + lease })
    .knexQuery.onConflict('key')
    .ignore()
  const row = await db.from(TABLE).where('key', key).select('owner', 'expires_at').first()
  if (row?.owner === owner) return true
  if (row && Number(row.expires_at) < now) {
    // the holder's lease ran out (it died): take the lock over
    const taken = await db
      .from(TABLE)
      .where('key', key)
      .where('owner', row.owner)
      .where('expires_at', '<', now)
      .update({ owner, expires_at: now + lease })
    return Number(taken) === 1
  }
  return false
}

export async function withLock<T>(
  key: string,
  run: () => Promise<T>,
  options: LockOptions = {}
): Promise<T> {
  const wait = options.wait ?? 30_000
  const lease = options.lease ?? 60_000
  const owner = randomUUID()
  const deadline = Date.now() + wait
  let pause = 5
  while (!(await tryTake(key, owner, lease))) {
    if (Date.now() >= deadline) throw new LockTimeoutError()
    await sleep(pause)
    pause = Math.min(pause * 2, 200)
  }
  const renew = setInterval(
    () => {
      db.from(TABLE)
        .where('key', key)
        .where('owner', owner)
        .update({ expires_at: Date.now() + lease })
        .catch((error: unknown) => logger.warn({ err: error, key }, 'lock lease not renewed'))
    },
    Math.max(Math.floor(lease / 3), 1)
  )
  renew.unref()
  try {
    return await run()
  } finally {
    clearInterval(renew)
    await db.from(TABLE).where('key', key).where('owner', owner).delete()
  }
}
