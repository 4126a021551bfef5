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

const dbConfig = defineConfig({
  connection: env.get('DB_CONNECTION', 'sqlite'),
  prettyPrintDebugQueries: true,
  connections: {
    sqlite: {
      client: 'sqlite3',
      connection: {
        filename: sqlitePath,
      },
      /**
       * One connection per process (knex's SQLite default). Writers of
       * other processes (HTTP workers, the job runner, ace commands) are
       * waited for up to the busy timeout; write transactions begin
       * IMMEDIATE (#core/db_transactions), so that wait covers them.
       */
      useNullAsDefault: true,
      pool: {
        afterCreate: (conn: any, done: (error: Error | null, conn: any) => void) => {
          conn.configure('busyTimeout', 10_000)
          conn.exec(
            'PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON;',
            (error: Error | null) => done(error, conn)
          )
        },
      },
      migrations: {
        naturalSort: true,
        paths: ['database/migrations'],
      },
      seeders: {
        paths: ['database/seeders'],
      },
    },
    pg: {
      client: 'pg',
      connection: {
        host: env.get('PG_HOST', '127.0.0.1'),
        port: env.get('PG_PORT', 5432),
        user: env.get('PG_USER', 'postgres'),
        password: env.get('PG_PASSWORD', ''),
        database: env.get('PG_DB_NAME', 'certdesk'),
      },
      pool: {
        min: 0,
        max: Number(process.env.PG_POOL_MAX ?? 10),
        /**
         * Timestamps are UTC everywhere: never let the server's session
         * time zone reinterpret a value written without an offset.
         */
        afterCreate: (conn: any, done: (error: Error | null, conn: any) => void) => {
          conn.query("SET TIME ZONE 'UTC'", (error: Error | null) => done(error, conn))
        },
      },
      migrations: {
        naturalSort: true,
        paths: ['database/migrations'],
      },
      seeders: {
        paths: ['database/seeders'],
      },
    },
  },
})

export default dbConfig
