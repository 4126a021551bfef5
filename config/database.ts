import env from '#start/env'
import app from '@adonisjs/core/services/app'
import { defineConfig } from '@adonisjs/lucid'
import { closeSync, mkdirSync, openSync } from 'node:fs'
import { dirname, isAbsolute } from 'node:path'
// SQLite write transactions begin IMMEDIATE (see the file): before any connection exists
import '#core/db_transactions'

/**
 * SQLite (file under tmp/, WAL journal, busy timeout) is the embedded
 * default; DB_CONNECTION=pg switches to PostgreSQL.
 *
 * The SQLite file: SQLITE_PATH (absolute, or relative to the app root),
 * tmp/certdesk.sqlite3 by default. Back it up with `node ace backup:create`.
 */
export const sqlitePath = (() => {
  const setting = env.get('SQLITE_PATH', 'tmp/certdesk.sqlite3')
  return isAbsolute(setting) ? setting : app.makePath(setting)
})()
if (env.get('DB_CONNECTION', 'sqlite') === 'sqlite') {
  // the folder 700 and the file 600 (SQLite gives its -wal/-shm files the file's mode)
  mkdirSync(dirname(sqlitePath), { recursive: true, mode: 0o700 })
  closeSync(openSync(sqlitePath, 'a', 0o600))
}

/**
 * Database configuration: the two connections CertDesk supports and their
 * migrations. All modules share one database (module tables are told apart
 * by their migration number block, database/migrations/NNNN_<module>_…).
 */
const dbConfig = defineConfig({
  /**
   * The connection every query uses: DB_CONNECTION, "sqlite" (default: one
   * machine, nothing to install) or "pg" (several instances, or a database
   * the office's DBA runs).
   */
  connection: env.get('DB_CONNECTION', 'sqlite'),

  /**
   * Pretty print SQL queries when a connection's debug mode is on (it is
   * off here; turn it on per query with .debug(true) while investigating).
   */
  prettyPrintDebugQueries: true,

  /**
   * Available database connections.
   */
  connections: {
    /**
     * SQLite: the embedded default.
     */
    sqlite: {
      /** the knex client: node-sqlite3 (the `sqlite3` package) */
      client: 'sqlite3',

      /**
       * SQLite connection settings.
       */
      connection: {
        /** path of the database file (SQLITE_PATH, see sqlitePath above) */
        filename: sqlitePath,
      },
      /**
       * One connection per process (knex's SQLite default). Writers of
       * other processes (HTTP workers, the job runner, ace commands) are
       * waited for up to the busy timeout; write transactions begin
       * IMMEDIATE (#core/db_transactions), so that wait covers them.
       *
       * useNullAsDefault: insert NULL for a column a row leaves out (SQLite
       * has no DEFAULT keyword in multi-row inserts); required by knex.
       */
      useNullAsDefault: true,

      /**
       * The connection pool (knex defaults: one connection).
       */
      pool: {
        /**
         * Run on every new connection:
         * - busyTimeout 10 000 ms: wait up to 10 s for another process's
         *   write instead of failing at once with SQLITE_BUSY;
         * - journal_mode = WAL: readers never wait for the writer (pages keep
         *   loading while a job writes);
         * - synchronous = NORMAL: with WAL a commit survives an app crash; a
         *   power cut may lose the last commits but never corrupts the file;
         * - foreign_keys = ON: SQLite enforces the foreign keys the
         *   migrations declare (it does not by default).
         */
        afterCreate: (conn: any, done: (error: Error | null, conn: any) => void) => {
          conn.configure('busyTimeout', 10_000)
          conn.exec(
            'PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON;',
            (error: Error | null) => done(error, conn)
          )
        },
      },

      /**
       * Migration settings for this connection.
       */
      migrations: {
        /**
         * Sort migration files in natural order (numbers compared as
         * numbers: 2 before 10), so the modules' number blocks run in order.
         */
        naturalSort: true,

        /**
         * Directory of the migration files (all modules share it).
         */
        paths: ['database/migrations'],
      },

      /**
       * Seeder settings (the demo office, DEMO_DATA).
       */
      seeders: {
        /** directory of the seeder files */
        paths: ['database/seeders'],
      },
    },

    /**
     * PostgreSQL: DB_CONNECTION=pg. Several CertDesk instances may share it
     * (each with its own INSTANCE_ID); sessions, rate limits and the job
     * queue live in it too.
     */
    pg: {
      /** the knex client: node-postgres (the `pg` package) */
      client: 'pg',

      /**
       * Where the server is and how to sign in (the PG_* variables).
       */
      connection: {
        /** server host name or IP (PG_HOST, default 127.0.0.1) */
        host: env.get('PG_HOST', '127.0.0.1'),

        /** server TCP port (PG_PORT, default 5432) */
        port: env.get('PG_PORT', 5432),

        /** database role (PG_USER, default postgres; use a role of its own in production) */
        user: env.get('PG_USER', 'postgres'),

        /** that role's password (PG_PASSWORD, default empty: trust/peer auth) */
        password: env.get('PG_PASSWORD', ''),

        /** database name (PG_DB_NAME, default certdesk) */
        database: env.get('PG_DB_NAME', 'certdesk'),
      },

      /**
       * The connection pool of each process.
       */
      pool: {
        /**
         * Idle connections kept open: none, so that an idle instance holds
         * no server connections.
         */
        min: 0,

        /**
         * Most connections one process opens at once. Every HTTP worker
         * (one per CPU core, WEB_CONCURRENCY) and the job runner has its
         * own pool: keep processes × 10 under the server's max_connections
         * (PostgreSQL's default: 100). PG_POOL_MAX, default 10.
         */
        max: Number(process.env.PG_POOL_MAX ?? 10),

        /**
         * Timestamps are UTC everywhere: never let the server's session
         * time zone reinterpret a value written without an offset.
         */
        afterCreate: (conn: any, done: (error: Error | null, conn: any) => void) => {
          conn.query("SET TIME ZONE 'UTC'", (error: Error | null) => done(error, conn))
        },
      },

      /**
       * Migration settings for this connection (the same files as SQLite).
       */
      migrations: {
        /** sort migration files in natural order (NNNN prefixes) */
        naturalSort: true,

        /** directory of the migration files */
        paths: ['database/migrations'],
      },

      /**
       * Seeder settings (the demo office, DEMO_DATA).
       */
      seeders: {
        /** directory of the seeder files */
        paths: ['database/seeders'],
      },
    },
  },
})

export default dbConfig
