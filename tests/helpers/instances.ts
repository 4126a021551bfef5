import { fork, spawn } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { rmSync } from 'node:fs'
import { createServer } from 'node:net'
import app from '@adonisjs/core/services/app'
import db from '@adonisjs/lucid/services/db'
import env from '#start/env'

/**
 * Real processes for the tests that need them (several instances, an ace
 * command next to a server, backups): a side database of their own — a
 * fresh SQLite file or a fresh PostgreSQL database, whichever the suite
 * runs on, outside the tests' rolled-back transactions — server instances
 * (`node bin/server.js`) and ace commands started on it with the
 * production session and rate-limit stores, and a Lucid connection to it
 * for the test to look inside.
 */
export interface SideDatabase {
  /** environment the processes get (on top of the test's own) */
  env: Record<string, string>
  /** Lucid connection name in this process */
  connection: string
  drop(): Promise<void>
}

const ROOT = app.makePath()
const ACE = app.makePath('ace.js')
const SERVER = app.makePath('bin/server.js')

function pgClientConfig(database: string) {
  return {
    host: env.get('PG_HOST', '127.0.0.1'),
    port: env.get('PG_PORT', 5432),
    user: env.get('PG_USER', 'postgres'),
    password: env.get('PG_PASSWORD', ''),
    database,
  }
}

async function pgAdmin(sql: string) {
  const { default: knex } = await import('knex')
  const client = knex({
    client: 'pg',
    connection: pgClientConfig(env.get('PG_DB_NAME', 'certdesk')),
    pool: { min: 0, max: 1 },
  })
  try {
    await client.raw(sql)
  } finally {
    await client.destroy()
  }
}

export const onPostgres = () => env.get('DB_CONNECTION', 'sqlite') === 'pg'

/**
 * A fresh, migrated database for processes of a test (label: a-z0-9_).
 */
export async function sideDatabase(label: string): Promise<SideDatabase> {
  const connection = `side_${label}`
  const storage = app.tmpPath(`side-${label}-${process.pid}-storage`)
  rmSync(storage, { recursive: true, force: true })
  const base: Record<string, string> = {
    NODE_ENV: 'test',
    STORAGE_PATH: storage,
    SESSION_DRIVER: 'database',
    LIMITER_STORE: 'database',
    LOG_LEVEL: 'warn',
    TZ: 'UTC',
  }
  let sideEnv: Record<string, string>
  if (onPostgres()) {
    const name = `${env.get('PG_DB_NAME', 'certdesk')}_${label}`
    await pgAdmin(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)
    await pgAdmin(`CREATE DATABASE "${name}"`)
    sideEnv = { ...base, DB_CONNECTION: 'pg', PG_DB_NAME: name }
    db.manager.add(connection, {
      ...app.config.get<any>('database.connections.pg'),
      connection: pgClientConfig(name),
    })
  } else {
    const file = app.tmpPath(`side-${label}-${process.pid}.sqlite3`)
    for (const suffix of ['', '-wal', '-shm']) rmSync(file + suffix, { force: true })
    sideEnv = { ...base, DB_CONNECTION: 'sqlite', SQLITE_PATH: file }
    db.manager.add(connection, {
      ...app.config.get<any>('database.connections.sqlite'),
      connection: { filename: file },
    })
  }
  const migrated = await ace(sideEnv, ['migration:run', '--force', '--no-schema-generate'])
  if (migrated.code !== 0) throw new Error(`side database not migrated: ${migrated.output}`)
  return {
    env: sideEnv,
    connection,
    async drop() {
      await db.manager.close(connection, true).catch(() => undefined)
      rmSync(storage, { recursive: true, force: true })
      if (onPostgres()) {
        await pgAdmin(`DROP DATABASE IF EXISTS "${sideEnv.PG_DB_NAME}" WITH (FORCE)`)
      } else {
        for (const suffix of ['', '-wal', '-shm'])
          rmSync(sideEnv.SQLITE_PATH + suffix, { force: true })
      }
    },
  }
}

/**
 * `node ace <args>` in a process of its own on the side database.
 */
export function ace(
  sideEnv: Record<string, string>,
  args: string[]
): Promise<{ code: number; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [ACE, ...args], {
      cwd: ROOT,
      env: { ...process.env, ...sideEnv },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let output = ''
    child.stdout.on('data', (chunk) => (output += chunk))
    child.stderr.on('data', (chunk) => (output += chunk))
    child.on('exit', (code) => resolve({ code: code ?? 1, output }))
  })
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.unref()
    server.on('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number }
      server.close(() => resolve(port))
    })
  })
}

export interface Instance {
  url: string
  pid: number
  stop(): Promise<void>
}

/**
 * `node bin/server.js` on the side database; resolves once it listens.
 */
export async function startInstance(
  sideEnv: Record<string, string>,
  extra: Record<string, string> = {}
): Promise<Instance> {
  const port = await freePort()
  const url = `http://127.0.0.1:${port}`
  const child = fork(SERVER, [], {
    cwd: ROOT,
    env: {
      ...process.env,
      ...sideEnv,
      HOST: '127.0.0.1',
      PORT: String(port),
      APP_URL: url,
      INSTANCE_ID: String(port % 1000),
      ...extra,
    },
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  })
  let output = ''
  child.stdout?.on('data', (chunk) => (output += chunk))
  child.stderr?.on('data', (chunk) => (output += chunk))
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`instance did not start:\n${output}`)), 120_000)
    child.on('message', (message: any) => {
      if (message?.isAdonisJS && message.environment === 'web') {
        clearTimeout(timer)
        resolve()
      }
    })
    child.on('exit', (code) => {
      clearTimeout(timer)
      reject(new Error(`instance exited (${code}):\n${output}`))
    })
  })
  return {
    url,
    pid: child.pid!,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve()
        child.once('exit', () => resolve())
        child.kill('SIGTERM')
        setTimeout(() => child.kill('SIGKILL'), 15_000).unref()
      }),
  }
}

/**
 * A browser, as far as the tests need one: a cookie jar, CSRF tokens read
 * from the forms, redirects not followed.
 */
export class Browser {
  cookies = new Map<string, string>()

  get cookieHeader() {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ')
  }

  /** another browser with the same cookies (a copied cookie) */
  copy() {
    const other = new Browser()
    for (const [k, v] of this.cookies) other.cookies.set(k, v)
    return other
  }

  async request(
    url: string,
    init: { method?: string; form?: Record<string, string | string[]>; referer?: string } = {}
  ) {
    const headers: Record<string, string> = { cookie: this.cookieHeader, accept: 'text/html' }
    let body: string | undefined
    if (init.form) {
      const params = new URLSearchParams()
      for (const [key, value] of Object.entries(init.form)) {
        for (const v of Array.isArray(value) ? value : [value]) params.append(key, v)
      }
      body = params.toString()
      headers['content-type'] = 'application/x-www-form-urlencoded'
    }
    if (init.referer) headers.referer = init.referer
    const response = await fetch(url, {
      method: init.method ?? (init.form ? 'POST' : 'GET'),
      headers,
      body,
      redirect: 'manual',
    })
    for (const cookie of response.headers.getSetCookie()) {
      const [pair] = cookie.split(';')
      const index = pair.indexOf('=')
      const name = pair.slice(0, index)
      const value = pair.slice(index + 1)
      if (/max-age=0|expires=thu, 01 jan 1970/i.test(cookie) || value === '')
        this.cookies.delete(name)
      else this.cookies.set(name, value)
    }
    const text = await response.text()
    return { status: response.status, location: response.headers.get('location'), text }
  }

  get(url: string) {
    return this.request(url)
  }

  /** GET the form page for its CSRF token, then POST the form */
  async submit(page: string, action: string, form: Record<string, string | string[]>) {
    const { text } = await this.get(page)
    const token = /name=['"]_csrf['"] value=['"]([^'"]+)['"]/.exec(text)?.[1]
    if (!token) throw new Error(`no CSRF token on ${page}`)
    return this.request(action, { form: { _csrf: token, ...form }, referer: page })
  }
}

export function uniqueSuffix() {
  return randomBytes(3).toString('hex')
}
