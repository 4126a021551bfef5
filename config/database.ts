import env from '#start/env'
import app from '@adonisjs/core/services/app'
import { defineConfig } from '@adonisjs/lucid'
import { mkdirSync } from 'node:fs'
import { dirname, isAbsolute } from 'node:path'

/**
 * SQLite (file under tmp/, WAL journal, busy timeout) is the embedded
 * default; DB_CONNECTION=pg switches to PostgreSQL.
 */
const sqliteSetting = env.get('SQLITE_PATH', 'tmp/certdesk.sqlite3')
const sqlitePath = isAbsolute(sqliteSetting) ? sqliteSetting : app.makePath(sqliteSetting)
if (env.get('DB_CONNECTION', 'sqlite') === 'sqlite')
  mkdirSync(dirname(sqlitePath), { recursive: true })

const dbConfig = defineConfig({
  connection: env.get('DB_CONNECTION', 'sqlite'),
  prettyPrintDebugQueries: true,
  connections: {
    sqlite: {
      client: 'sqlite3',
      connection: {
        filename: sqlitePath,
      },
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
        max: 10,
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
