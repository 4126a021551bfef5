import { createRequire } from 'node:module'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'

/**
 * SQLite write transactions start as writers: `BEGIN IMMEDIATE` instead
 * of the plain (deferred) `BEGIN` knex sends.
 *
 * Why: a deferred transaction that reads first and writes later (the
 * audit chain head, an order's status check, a job claim) asks for the
 * write lock only at its first write. When another process (a second
 * HTTP worker, the job runner, `node ace crl:publish`) holds it by then,
 * SQLite cannot wait for it without deadlocking and answers SQLITE_BUSY
 * at once, whatever the busy timeout says; the user got a 500. A
 * transaction begun IMMEDIATE takes the write lock first, so the busy
 * timeout (config/database.ts) covers it and writers queue up instead.
 * Readers are not affected (WAL: they never wait for the writer).
 *
 * Every `db.transaction(...)` of every module goes through this, with no
 * change at the call sites: the connection-level hook is the knex SQLite
 * transaction's `begin`. A transaction asked for as read-only
 * (`db.transaction(fn, { readOnly: true })`, knex's option, passed
 * through by Lucid) stays deferred: it reads one consistent snapshot
 * without taking the write lock (audit verification uses this).
 * Savepoints (nested transactions) are unchanged. PostgreSQL is
 * untouched: its row locks (`FOR UPDATE`) already make writers wait.
 *
 * Imported by config/database.ts, so it is in place in every process
 * (server, job runner, ace commands, tests) before the first query.
 */
const require = createRequire(import.meta.url)

interface KnexTransactionLike {
  readOnly?: boolean
  query(conn: unknown, sql: string): Promise<unknown>
}

const SqliteTransaction = require('knex/lib/dialects/sqlite3/execution/sqlite-transaction.js') as {
  prototype: KnexTransactionLike & { begin(conn: unknown): Promise<unknown>; __writers?: true }
}

export const BEGIN_WRITE = 'BEGIN IMMEDIATE;'
export const BEGIN_READ = 'BEGIN;'

if (!SqliteTransaction.prototype.__writers) {
  SqliteTransaction.prototype.begin = function begin(this: KnexTransactionLike, conn: unknown) {
    return this.query(conn, this.readOnly ? BEGIN_READ : BEGIN_WRITE)
  }
  SqliteTransaction.prototype.__writers = true
}

/**
 * Run `fn` in a transaction that only reads one consistent snapshot: no
 * write lock on SQLite (deferred BEGIN; in WAL the first read fixes the
 * snapshot), READ ONLY + REPEATABLE READ on PostgreSQL.
 */
export async function readSnapshot<T>(
  fn: (trx: TransactionClientContract) => Promise<T>,
  connection?: string
): Promise<T> {
  const { default: db } = await import('@adonisjs/lucid/services/db')
  const client = db.connection(connection)
  // already inside a transaction (a caller's, the tests' global one): it is the snapshot
  if (client.isTransaction) return client.transaction(fn)
  const options = { readOnly: true, isolationLevel: 'repeatable read' as const }
  // `readOnly` is knex's option; Lucid passes the options object through unchanged
  return client.transaction(fn, options as { isolationLevel: 'repeatable read' })
}
