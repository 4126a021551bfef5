/*
|--------------------------------------------------------------------------
| `npm start`: the primary process
|--------------------------------------------------------------------------
|
| 1. Prepares once (`node ace app:prepare`: migrations, first admin, demo
|    office when DEMO_DATA is on, the CA, private file modes).
| 2. Starts the deployment's one job runner (`node ace jobs:work`: the
|    worker set and the schedules) unless JOB_WORKERS=false.
| 3. Starts the HTTP workers: one per CPU core with node:cluster, all on
|    the same port (WEB_CONCURRENCY overrides the count); with
|    WEB_CONCURRENCY=1 a single server process, no cluster.
| 4. Says 已就绪 only once every HTTP worker listens and the port accepts
|    a connection.
| A process that dies is started again; SIGTERM (or Ctrl-C) drains: the
| HTTP workers finish their requests, the job runner its jobs, then exit.
| `node bin/server.js` still runs one server process on its own (with its
| own job runner unless JOB_WORKERS=false).
|
*/
import cluster, { type Worker } from 'node:cluster'
import { fork, spawnSync, type ChildProcess } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { availableParallelism } from 'node:os'
import { createConnection } from 'node:net'
import { fileURLToPath } from 'node:url'
import { parseEnv } from 'node:util'
import { setTimeout as sleep } from 'node:timers/promises'
import { readyAddresses } from '#core/ready'

const ROOT = fileURLToPath(new URL('../', import.meta.url))
const ACE = fileURLToPath(new URL('../ace.js', import.meta.url))
const SERVER = fileURLToPath(new URL('./server.js', import.meta.url))

const log = (line: string) => console.log(line)

/* 1. prepare */
const prepared = spawnSync(process.execPath, [ACE, 'app:prepare'], { cwd: ROOT, stdio: 'inherit' })
if (prepared.status !== 0) {
  console.error('启动前准备失败，服务未启动。')
  process.exit(prepared.status ?? 1)
}

/* the settings the primary needs: the environment first, then .env (written by the prepare step) */
const envFile = new URL('../.env', import.meta.url)
const dotenv = existsSync(envFile) ? parseEnv(readFileSync(envFile, 'utf8')) : {}
const setting = (name: string) => process.env[name] ?? dotenv[name]
const port = Number(setting('PORT') ?? 3333)
const host = setting('HOST') || 'localhost'
const appUrl = setting('APP_URL') || `http://localhost:${port}`
const webCount = Math.max(1, Number(setting('WEB_CONCURRENCY')) || availableParallelism())
const runJobs = !['false', '0', 'no'].includes(String(setting('JOB_WORKERS') ?? 'true'))

let stopping = false
const restarts: number[] = []

/** a process that keeps dying right after it starts stops the whole deployment */
function mayRestart(what: string) {
  const now = Date.now()
  restarts.push(now)
  while (restarts.length && restarts[0] < now - 60_000) restarts.shift()
  if (restarts.length > 10) {
    console.error(`${what}在一分钟内反复退出，已停止启动。请查看上方的错误信息。`)
    shutdown(1)
    return false
  }
  return true
}

/* 2. the job runner */
let jobs: ChildProcess | null = null
function startJobs() {
  jobs = fork(ACE, ['jobs:work'], { cwd: ROOT, env: { ...process.env, CERTDESK_ROLE: 'jobs' } })
  jobs.on('exit', (code, signal) => {
    jobs = null
    if (stopping) return checkDone()
    console.error(`后台任务进程已退出（${signal ?? code}），正在重新启动…`)
    if (mayRestart('后台任务进程')) setTimeout(startJobs, 1000).unref()
  })
}
if (runJobs) startJobs()

/* 3. the HTTP workers */
const listening = new Set<number>()
let single: ChildProcess | null = null
let announced = false

function onListening(id: number) {
  listening.add(id)
  if (!announced && listening.size >= webCount) void announce()
}

if (webCount === 1) {
  const startSingle = () => {
    single = fork(SERVER, [], { cwd: ROOT, env: { ...process.env, CERTDESK_ROLE: 'web' } })
    single.on('message', (message: any) => {
      if (message?.isAdonisJS && message.environment === 'web') onListening(0)
    })
    single.on('exit', (code, signal) => {
      single = null
      listening.delete(0)
      if (stopping) return checkDone()
      console.error(`服务进程已退出（${signal ?? code}），正在重新启动…`)
      if (mayRestart('服务进程')) setTimeout(startSingle, 1000).unref()
    })
  }
  startSingle()
} else {
  cluster.setupPrimary({ exec: SERVER, cwd: ROOT } as any)
  const startWorker = () => cluster.fork({ CERTDESK_ROLE: 'web' })
  cluster.on('listening', (worker: Worker) => onListening(worker.id))
  cluster.on('exit', (worker: Worker, code, signal) => {
    listening.delete(worker.id)
    if (stopping) return checkDone()
    console.error(`HTTP 工作进程 ${worker.process.pid} 已退出（${signal ?? code}），正在重新启动…`)
    if (mayRestart('HTTP 工作进程')) startWorker()
  })
  for (let i = 0; i < webCount; i++) startWorker()
}

/* 4. 已就绪 once the port answers */
async function portAccepts() {
  const target = host === '0.0.0.0' || host === '::' ? 'localhost' : host
  for (let i = 0; i < 100; i++) {
    const ok = await new Promise<boolean>((resolve) => {
      const socket = createConnection({ host: target, port }, () => {
        socket.end()
        resolve(true)
      })
      socket.on('error', () => resolve(false))
    })
    if (ok) return true
    await sleep(100)
  }
  return false
}

async function announce() {
  announced = true
  if (!(await portAccepts())) {
    console.error(`端口 ${port} 无法连接，请检查 HOST/PORT 设置。`)
    return
  }
  const { local, publicUrl } = readyAddresses({ appUrl, host, port })
  log('')
  log(`  CertDesk 已就绪：${local}`)
  log(`  后台管理：${local}/admin`)
  log(
    `  ${webCount === 1 ? '1 个服务进程' : `${webCount} 个 HTTP 工作进程`}；后台任务：${runJobs ? '由本部署运行' : '未运行（JOB_WORKERS=false）'}`
  )
  if (publicUrl) log(`  对外地址（APP_URL，证书中的 CRL/OCSP 地址以此为准）：${publicUrl}`)
  log('')
}

/* shutdown: drain everything, then exit */
let exitCode = 0
function running() {
  return Object.keys(cluster.workers ?? {}).length + (single ? 1 : 0) + (jobs ? 1 : 0)
}
function checkDone() {
  if (stopping && running() === 0) process.exit(exitCode)
}
function shutdown(code = 0) {
  if (stopping) return
  stopping = true
  exitCode = code
  console.log('正在停止：等待进行中的请求与后台任务完成…')
  for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill('SIGTERM')
  single?.kill('SIGTERM')
  jobs?.kill('SIGTERM')
  setTimeout(() => {
    console.error('部分进程未能在 30 秒内停止，已强制结束。')
    for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill('SIGKILL')
    single?.kill('SIGKILL')
    jobs?.kill('SIGKILL')
    process.exit(code || 1)
  }, 30_000).unref()
  checkDone()
}
process.on('SIGTERM', () => shutdown(0))
process.on('SIGINT', () => shutdown(0))
