/**
 * npm run bench:faults
 *
 * Issue 9 #1, #2 and #4 under load, on PostgreSQL: 50 paid cloud orders
 * approved at the same moment, by two processes at once (two instances of
 * the app on one database, each clicking 审核通过 on every order: 100
 * attempts for 50 orders), each with the default pool of 10 connections.
 * Before issue 9 this took minutes and failed with "Timeout acquiring a
 * connection" (each issuance held a pooled connection for its advisory
 * lock while it needed another) and issued some orders twice.
 *
 * Prints: every order issued, none twice (one 我的证书 row, one CA pair,
 * one cloud key set per order), no pool timeout, nothing left in the job
 * queue, the audit chain verifies; the wall time, next to reference
 * figures measured in the same run: the same 100 RSA-2048 key pairs
 * generated with nothing else around them (node:crypto, what each cloud
 * issuance must do), OpenSSL's RSA-3072 signs/s, and PostgreSQL's trivial
 * query latency when idle.
 *
 * Creates its own database (certdesk_bench_faults_<pid>, dropped at the
 * end) on PG_HOST/PG_PORT/PG_USER/PG_PASSWORD (default 127.0.0.1:5432,
 * postgres). BENCH_ORDERS (default 50).
 */
import { execFile } from 'node:child_process'
import { generateKeyPair } from 'node:crypto'
import { mkdirSync, rmSync } from 'node:fs'
import os from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import knex, { type Knex } from 'knex'

const root = fileURLToPath(new URL('../../', import.meta.url))
const work = join(root, 'tmp', 'bench-faults')
const orders = Number(process.env.BENCH_ORDERS ?? 50)
const database = `certdesk_bench_faults_${process.pid}`
const pgConfig = {
  host: process.env.PG_HOST ?? '127.0.0.1',
  port: Number(process.env.PG_PORT ?? 5432),
  user: process.env.PG_USER ?? 'postgres',
  password: process.env.PG_PASSWORD ?? '',
}

const env = {
  ...process.env,
  NODE_ENV: 'production',
  TZ: 'UTC',
  APP_KEY: 'bench-app-key-0123456789abcdef0123456789',
  CA_PASSPHRASE: 'bench-ca-passphrase',
  DB_CONNECTION: 'pg',
  PG_HOST: pgConfig.host,
  PG_PORT: String(pgConfig.port),
  PG_USER: pgConfig.user,
  PG_PASSWORD: pgConfig.password,
  PG_DB_NAME: database,
  STORAGE_PATH: join(work, 'storage'),
  LIMITER_STORE: 'memory',
  SESSION_DRIVER: 'cookie',
  SMS_DRIVER: 'outbox',
  DEMO_DATA: 'false',
  JOB_WORKERS: 'false',
  HOST: '127.0.0.1',
  PORT: '3494',
  APP_URL: 'http://127.0.0.1:3494',
  LOG_LEVEL: 'warn',
  CERTDESK_BENCH: '1',
  PKI_BASE_URL: 'http://pki.bench.example/pki',
}

function run(cmd: string, args: string[], runEnv: NodeJS.ProcessEnv = env) {
  return new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
    execFile(
      cmd,
      args,
      { cwd: root, env: runEnv, maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) =>
        resolve({
          code: error ? ((error as any).code ?? 1) : 0,
          stdout: String(stdout),
          stderr: String(stderr),
        })
    )
  })
}

async function ace(args: string[]) {
  const result = await run(process.execPath, ['ace', ...args])
  if (result.code !== 0)
    throw new Error(`node ace ${args.join(' ')} failed:\n${result.stderr}\n${result.stdout}`)
  return result.stdout
}

function lastJson(stdout: string) {
  const line = stdout
    .trim()
    .split('\n')
    .reverse()
    .find((l) => l.startsWith('{'))
  if (!line) throw new Error(`no figures in output:\n${stdout}`)
  return JSON.parse(line)
}

async function opensslSigns3072(): Promise<number> {
  const result = await run('openssl', ['speed', '-seconds', '2', 'rsa3072'], process.env)
  const match = (result.stdout + result.stderr).match(
    /rsa\s+3072 bits\s+[\d.]+s\s+[\d.]+s\s+([\d.]+)\s+([\d.]+)/
  )
  return match ? Number(match[1]) : Number.NaN
}

/** what every cloud issuance must do anyway: two RSA-2048 key pairs, here with nothing else */
async function keyPairsAlone(count: number) {
  const started = performance.now()
  await Promise.all(
    Array.from({ length: count }, () => promisify(generateKeyPair)('rsa', { modulusLength: 2048 }))
  )
  return (performance.now() - started) / 1000
}

async function idleQueryMs(client: Knex) {
  const started = performance.now()
  for (let i = 0; i < 200; i++) await client.raw('select 1')
  return (performance.now() - started) / 200
}

async function main() {
  rmSync(work, { recursive: true, force: true })
  mkdirSync(work, { recursive: true })
  const cpus = os.cpus()
  console.log(
    `CertDesk fault bench · ${cpus.length} CPU × ${cpus[0]?.model ?? '?'} · Node ${process.version}`
  )
  const admin = knex({ client: 'pg', connection: { ...pgConfig, database: 'postgres' } })
  await admin.raw(`create database ${database}`)
  const client = knex({
    client: 'pg',
    connection: { ...pgConfig, database },
    pool: { min: 0, max: 1 },
  })
  try {
    const server = await client.raw('show server_version')
    console.log(`PostgreSQL ${server.rows[0].server_version}, database ${database} (created)`)
    await ace(['migration:run', '--force', '--compact-output', '--no-schema-generate'])
    await ace(['ca:init'])
    await ace(['orders:bench-faults', '--phase', 'seed', '--count', String(orders)])
    console.log(`${orders} paid cloud orders waiting for review`)
    console.log('')

    /* two processes approve every order at the same moment */
    const started = performance.now()
    const approvers = await Promise.all(
      [1, 2].map(() => ace(['orders:bench-faults', '--phase', 'approve']).then(lastJson))
    )
    const seconds = (performance.now() - started) / 1000
    const drained = lastJson(await ace(['orders:bench-faults', '--phase', 'drain']))
    const verify = await ace(['audit:verify'])

    const perOrder = await client.raw(
      `select o.order_no, o.status,
              (select count(*) from certificates c where c.order_no = o.order_no)::int as records,
              (select count(*) from issued_certificates i where i.reference = o.order_no)::int as ca_certs,
              (select count(*) from cloud_credentials k where k.reference = o.order_no)::int as key_sets
         from orders o where o.platform_name = 'bench-faults'`
    )
    const rows: Array<Record<string, any>> = perOrder.rows
    const issued = rows.filter(
      (r) => r.status === 'completed' && r.records === 1 && r.ca_certs === 2 && r.key_sets === 1
    )
    const twice = rows.filter((r) => r.records > 1 || r.ca_certs > 2 || r.key_sets > 1)
    const stuck = rows.filter((r) => r.status !== 'completed')
    const left = await client.raw('select count(*)::int as n from queue_jobs')
    const jobsLeft = Number(left.rows[0].n)
    const sum = (key: string) => approvers.reduce((n, a) => n + Number(a[key] ?? 0), 0)

    const idleMs = await idleQueryMs(client)
    const alone = await keyPairsAlone(orders * 2)
    const signs = await opensslSigns3072()

    const ok =
      issued.length === orders &&
      twice.length === 0 &&
      sum('poolTimeouts') === 0 &&
      sum('secondConnections') === 0 &&
      !jobsLeft
    console.log(
      `Approvals: ${sum('attempts')} attempts by 2 processes (pool 10 each) for ${orders} orders`
    )
    console.log(
      `  all issued: ${issued.length}/${orders}   none twice: ${twice.length === 0 ? 'yes' : `NO (${twice.length})`}   ` +
        `stuck at 审核通过: ${stuck.length}   pool timeouts: ${sum('poolTimeouts')}   other errors: ${sum('errors')}`
    )
    console.log(
      `  a connection asked for while holding one (inside a transaction): ${sum('secondConnections')} times`
    )
    console.log(
      `  each order approved once (${sum('issued')} issued by the approving request, ${sum('refused')} second clicks refused: 只有待审核的订单可以审核通过)`
    )
    console.log(
      `  issuance jobs run afterwards: ${drained.ran} (each found its order issued), left in the queue: ${jobsLeft}`
    )
    console.log(`  ${verify.trim().split('\n').pop()}`)
    console.log(
      `  wall time: ${seconds.toFixed(1)} s (process start included; approvals themselves ${approvers.map((a) => `${a.seconds} s`).join(' and ')}, ` +
        `slowest approval ${Math.max(...approvers.map((a) => a.maxMs))} ms)`
    )
    console.log(
      `  a trivial query meanwhile (every 20 ms): avg ${approvers.map((a) => a.probe.avgMs).join(' / ')} ms, max ${approvers.map((a) => a.probe.maxMs).join(' / ')} ms`
    )
    console.log('Reference, same run:')
    console.log(
      `  the same ${orders * 2} RSA-2048 key pairs alone (node:crypto, all at once): ${alone.toFixed(1)} s`
    )
    console.log(
      `  openssl speed rsa3072: ${signs.toFixed(0)} signs/s on one core; idle PostgreSQL "select 1": ${idleMs.toFixed(2)} ms`
    )
    for (const a of approvers)
      if (a.messages?.length) console.log(`  messages: ${a.messages.join(' | ')}`)
    console.log(ok ? 'RESULT: OK' : 'RESULT: FAILED')
    if (!ok) process.exitCode = 1
  } finally {
    await client.destroy().catch(() => undefined)
    await admin.raw(`drop database if exists ${database} with (force)`).catch(() => undefined)
    await admin.destroy()
  }
}

main().catch((error) => {
  console.error(error)
  process.exitCode = 1
})
