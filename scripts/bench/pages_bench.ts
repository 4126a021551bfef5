/**
 * npm run bench:pages
 *
 * How fast the pages are under load (issue 8 §3), on this machine:
 *
 *   1. `npm start`'s primary (bin/start.js: prepare, then one HTTP worker
 *      per core) on an empty SQLite database with the demo office
 *      (DEMO_DATA=true) in a temporary directory, NODE_ENV=production;
 *   2. signs in the demo applicant and the seeded admin (changing the
 *      admin's one-time password as the back office requires) and has the
 *      demo applicant verify their real name;
 *   3. drives each page with autocannon at 50 connections (keep-alive)
 *      for BENCH_SECONDS: guest pages, the applicant's pages with the
 *      applicant's session cookie, a back-office queue with the staff
 *      session, and a static file of the same server;
 *   4. prints req/s and p50/p95/p99 latency per page, each page's
 *      throughput as a share of the static file's, and the server's CPU
 *      time per request (all its processes, from /proc: the figure other
 *      load on a shared machine disturbs least).
 *
 * The load generator shares the CPUs with the server, so every figure
 * (the static file's too) is lower than on a separate client machine.
 *
 * Environment: BENCH_PORT (default 3494), BENCH_SECONDS (per page,
 * default 8), BENCH_CONNECTIONS (default 50), WEB_CONCURRENCY (HTTP
 * workers, default one per core), BENCH_PAGES (comma-separated names of
 * the rows to run, e.g. "static,applicant /"), BENCH_CPU_PROF=1 (the
 * workers write V8 CPU profiles to tmp/bench-pages-profiles/ on exit).
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { once } from 'node:events'
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { availableParallelism, tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import autocannon from 'autocannon'

const root = fileURLToPath(new URL('../../', import.meta.url))
const port = Number(process.env.BENCH_PORT ?? 3494)
const seconds = Number(process.env.BENCH_SECONDS ?? 8)
const connections = Number(process.env.BENCH_CONNECTIONS ?? 50)
const only = process.env.BENCH_PAGES?.split(',').map((s) => s.trim())
const base = `http://127.0.0.1:${port}`
const work = mkdtempSync(join(tmpdir(), 'certdesk-bench-pages-'))
const profiles = join(root, 'tmp', 'bench-pages-profiles')

const env: NodeJS.ProcessEnv = {
  PATH: process.env.PATH,
  HOME: process.env.HOME,
  NODE_ENV: 'production',
  TZ: 'UTC',
  APP_KEY: 'bench-app-key-0123456789abcdef0123456789',
  CA_PASSPHRASE: 'bench-ca-passphrase',
  DB_CONNECTION: 'sqlite',
  SQLITE_PATH: join(work, 'certdesk.sqlite3'),
  STORAGE_PATH: join(work, 'storage'),
  SESSION_DRIVER: 'database',
  SMS_DRIVER: 'outbox',
  DEMO_DATA: 'true',
  HOST: '127.0.0.1',
  PORT: String(port),
  APP_URL: base,
  LOG_LEVEL: 'warn',
  JOB_WORKERS: 'false',
  // production refuses a loopback PKI base URL (it is written into every certificate)
  PKI_BASE_URL: 'http://pki.bench.example/pki',
  ...(process.env.WEB_CONCURRENCY ? { WEB_CONCURRENCY: process.env.WEB_CONCURRENCY } : {}),
  ...(process.env.BENCH_CPU_PROF ? { NODE_OPTIONS: `--cpu-prof --cpu-prof-dir=${profiles}` } : {}),
}

/* ---------- the server ---------- */

async function startServer(): Promise<{ child: ChildProcess; output: () => string }> {
  if (process.env.BENCH_CPU_PROF) mkdirSync(profiles, { recursive: true })
  const child = spawn(process.execPath, ['bin/start.js'], { cwd: root, env, detached: true })
  let output = ''
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()))
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()))
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no 已就绪 after 180 s:\n${output}`)), 180_000)
    child.stdout!.on('data', () => {
      if (output.includes('已就绪')) {
        clearTimeout(timer)
        resolve()
      }
    })
    child.on('exit', (code) => reject(new Error(`npm start exited (${code}):\n${output}`)))
  })
  return { child, output: () => output }
}

async function stopServer(child: ChildProcess) {
  if (child.exitCode !== null || child.signalCode !== null) return
  const exited = once(child, 'exit')
  try {
    process.kill(-child.pid!, 'SIGTERM')
  } catch {
    return
  }
  await exited
}

/**
 * CPU time (ms) used so far by the server: the primary and every process
 * under it (Linux /proc; 0 elsewhere). Divided by the requests served it
 * gives the server's CPU cost per request, a figure that other load on
 * the machine disturbs far less than req/s and latency.
 */
function serverCpuMs(rootPid: number): number {
  try {
    const stats = new Map<number, { ppid: number; ticks: number }>()
    for (const name of readdirSync('/proc')) {
      if (!/^\d+$/.test(name)) continue
      try {
        const stat = readFileSync(`/proc/${name}/stat`, 'utf8')
        const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
        stats.set(Number(name), {
          ppid: Number(fields[1]),
          ticks: Number(fields[11]) + Number(fields[12]),
        })
      } catch {}
    }
    const inTree = (pid: number): boolean => {
      for (let cur: number | undefined = pid, hops = 0; cur && hops < 10; hops++) {
        if (cur === rootPid) return true
        cur = stats.get(cur)?.ppid
      }
      return false
    }
    let ticks = 0
    for (const [pid, stat] of stats) if (inTree(pid)) ticks += stat.ticks
    return ticks * 10
  } catch {
    return 0
  }
}

/* ---------- a browser-like client: cookies, CSRF fields, redirects ---------- */

class Client {
  cookies = new Map<string, string>()

  get cookieHeader() {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ')
  }

  async request(path: string, init: { method?: string; form?: Record<string, string> } = {}) {
    let url = new URL(path, base)
    let method = init.method ?? 'GET'
    let body: string | undefined = init.form ? new URLSearchParams(init.form).toString() : undefined
    for (let hops = 0; hops < 10; hops++) {
      const response = await fetch(url, {
        method,
        body,
        redirect: 'manual',
        headers: {
          'cookie': this.cookieHeader,
          'user-agent': 'Mozilla/5.0 (X11; Linux x86_64) Chrome/130.0 bench',
          ...(body ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
        },
      })
      for (const line of response.headers.getSetCookie()) {
        const [pair] = line.split(';')
        const at = pair.indexOf('=')
        const value = pair.slice(at + 1)
        if (/max-age=0|expires=Thu, 01 Jan 1970/i.test(line) || value === '')
          this.cookies.delete(pair.slice(0, at))
        else this.cookies.set(pair.slice(0, at), value)
      }
      const location = response.headers.get('location')
      if (response.status >= 300 && response.status < 400 && location) {
        url = new URL(location, url)
        method = 'GET'
        body = undefined
        continue
      }
      return {
        status: response.status,
        url: url.pathname + url.search,
        text: await response.text(),
      }
    }
    throw new Error(`too many redirects from ${path}`)
  }

  /** open a page, fill the form whose action is `action` and submit it */
  async submit(page: string, action: string, fields: Record<string, string>) {
    const { text } = await this.request(page)
    const forms = text.match(/<form[\s\S]*?<\/form>/g) ?? []
    const form = forms.find((f) => f.includes(`action="${action}"`))
    if (!form) throw new Error(`${page} has no form posting to ${action}`)
    const csrf = /name=['"]_csrf['"] value=['"]([^'"]+)['"]/.exec(form)?.[1] ?? ''
    return this.request(action, { method: 'POST', form: { _csrf: csrf, ...fields } })
  }
}

function oneTimeLogin(output: string, title: string, key: string) {
  const match = new RegExp(`${title}[\\s\\S]*?${key}：(\\S+)[\\s\\S]*?密码：(\\S+)`).exec(output)
  if (!match) throw new Error(`npm start printed no ${title}:\n${output}`)
  return { name: match[1], password: match[2] }
}

async function signInApplicant(output: string) {
  const demo = oneTimeLogin(output, '演示申请人', '手机号')
  const me = new Client()
  const signedIn = await me.submit('/login', '/login', {
    account: demo.name,
    password: demo.password,
  })
  if (signedIn.url.startsWith('/login')) {
    const why = /class="(?:error|alert[^"]*)"[^>]*>([^<]+)/.exec(signedIn.text)?.[1]
    throw new Error(`the demo applicant could not sign in (${signedIn.status}: ${why ?? '?'})`)
  }
  /* 实名认证 (the demo applicant's form is prefilled): the home page then shows more */
  const page = await me.request('/account/real-name')
  const form = (page.text.match(/<form[\s\S]*?<\/form>/g) ?? []).find((f) => f.includes('立即核验'))
  if (form) {
    const action = /action="([^"]+)"/.exec(form)![1]
    const fields: Record<string, string> = {}
    for (const [, name, value] of form.matchAll(
      /<input[^>]*name=['"]([^'"]+)['"][^>]*value=['"]([^'"]*)['"]/g
    ))
      fields[name] = value
    for (const [, name, options] of form.matchAll(
      /<select[^>]*name="([^"]+)"[^>]*>([\s\S]*?)<\/select>/g
    )) {
      const selected = /<option value="([^"]*)"[^>]*selected/.exec(options)
      if (selected) fields[name] = selected[1]
    }
    await me.request(action, { method: 'POST', form: fields })
  }
  return me
}

async function signInStaff(output: string) {
  const admin = oneTimeLogin(output, '后台超级管理员', '用户名')
  const staff = new Client()
  const signedIn = await staff.submit('/admin/login', '/admin/login', {
    username: admin.name,
    password: admin.password,
  })
  if (signedIn.url.startsWith('/admin/profile/password')) {
    const fresh = 'Bench' + Math.random().toString(36).slice(2, 8) + 'A9z'
    const changed = await staff.submit(signedIn.url, signedIn.url, {
      current_password: admin.password,
      password: fresh,
      password_confirmation: fresh,
    })
    if (changed.url.startsWith('/admin/profile/password'))
      throw new Error('the admin password could not be changed')
  } else if (signedIn.url.startsWith('/admin/login')) {
    throw new Error('the admin could not sign in')
  }
  return staff
}

/* ---------- load ---------- */

interface Row {
  name: string
  path: string
  cookie?: string
  /** text the page must show (so that a redirect to a login page is not measured) */
  shows: string
}

interface Figures {
  rps: number
  p50: number
  p95: number
  p99: number
  errors: number
  non2xx: number
  /** server CPU ms per request */
  cpu: number
}

function percentile(sorted: number[], p: number) {
  if (!sorted.length) return Number.NaN
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]
}

async function drive(row: Row, serverPid: number): Promise<Figures> {
  const headers = row.cookie ? { cookie: row.cookie } : undefined
  /* the page as its visitor sees it */
  const check = await fetch(base + row.path, { headers, redirect: 'manual' })
  const text = await check.text()
  if (check.status !== 200 || !text.includes(row.shows)) {
    throw new Error(`${row.name}: ${row.path} answered ${check.status} without “${row.shows}”`)
  }
  const latencies: number[] = []
  const instance = autocannon({
    url: base + row.path,
    connections,
    duration: seconds,
    headers,
  })
  instance.on('response', (_client: unknown, _status: number, _bytes: number, time: number) => {
    latencies.push(time)
  })
  const cpuBefore = serverCpuMs(serverPid)
  const result: any = await instance
  const cpuUsed = serverCpuMs(serverPid) - cpuBefore
  latencies.sort((a, b) => a - b)
  return {
    rps: result.requests.total / (result.duration || seconds),
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    p99: percentile(latencies, 99),
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
    cpu: result.requests.total ? cpuUsed / result.requests.total : Number.NaN,
  }
}

function table(rows: Array<Row & Figures>, staticRps: number) {
  const pad = (s: string, n: number) => s + ' '.repeat(Math.max(0, n - width(s)))
  const width = (s: string) => [...s].reduce((w, c) => w + (c.charCodeAt(0) > 0x2e80 ? 2 : 1), 0)
  const lines = [
    `| page | req/s | p50 ms | p95 ms | p99 ms | of static | server CPU ms/req |`,
    `|---|---:|---:|---:|---:|---:|---:|`,
  ]
  for (const r of rows) {
    const bad = r.errors || r.non2xx ? ` (${r.errors} errors, ${r.non2xx} non-2xx)` : ''
    lines.push(
      `| ${pad(r.name, 28)} | ${r.rps.toFixed(0)} | ${r.p50.toFixed(1)} | ${r.p95.toFixed(1)} | ${r.p99.toFixed(1)} | ${((100 * r.rps) / staticRps).toFixed(0)} %${bad} | ${r.cpu.toFixed(2)} |`
    )
  }
  return lines.join('\n')
}

async function main() {
  console.log(`bench:pages — starting the app (production, SQLite, demo data) in ${work}`)
  const { child, output } = await startServer()
  try {
    const me = await signInApplicant(output())
    const staff = await signInStaff(output())
    const rows: Row[] = [
      { name: 'static /css/app.css', path: '/css/app.css', shows: '.steps' },
      { name: 'guest /', path: '/', shows: '办理流程' },
      { name: 'guest /login', path: '/login', shows: '密码登录' },
      { name: 'guest /notices', path: '/notices', shows: '通知公告' },
      { name: 'applicant /', path: '/', cookie: me.cookieHeader, shows: '最新申请进度' },
      { name: 'applicant /orders', path: '/orders', cookie: me.cookieHeader, shows: '我的订单' },
      {
        name: 'applicant /certificates',
        path: '/certificates',
        cookie: me.cookieHeader,
        shows: '我的证书',
      },
      { name: 'applicant /account', path: '/account', cookie: me.cookieHeader, shows: '个人中心' },
      { name: 'applicant /notices', path: '/notices', cookie: me.cookieHeader, shows: '通知公告' },
      {
        name: 'staff /admin/reviews/orders',
        path: '/admin/reviews/orders',
        cookie: staff.cookieHeader,
        shows: '订单审核',
      },
    ].filter((row) => !only || only.includes(row.name))
    const workers = Number(process.env.WEB_CONCURRENCY) || availableParallelism()
    console.log(
      `${workers} HTTP worker(s); ${connections} connections, ${seconds} s per page; load generator on the same machine\n`
    )
    const done: Array<Row & Figures> = []
    for (const row of rows) {
      const figures = await drive(row, child.pid!)
      done.push({ ...row, ...figures })
      console.log(
        `  ${row.name}: ${figures.rps.toFixed(0)} req/s, p50 ${figures.p50.toFixed(1)} ms, p95 ${figures.p95.toFixed(1)} ms, p99 ${figures.p99.toFixed(1)} ms, server CPU ${figures.cpu.toFixed(2)} ms/req`
      )
    }
    const staticRow = done.find((r) => r.path === '/css/app.css')
    console.log('\n' + table(done, staticRow?.rps ?? Number.NaN))
    const pages = done.filter((r) => r !== staticRow)
    if (staticRow && pages.length) {
      const loggedIn = pages.filter((r) => r.cookie)
      const worstP95 = Math.max(...pages.map((r) => r.p95))
      const worstShare = Math.min(...loggedIn.map((r) => r.rps / staticRow.rps))
      console.log(
        `\nworst p95 ${worstP95.toFixed(1)} ms (target < 50 ms); slowest signed-in page at ${(100 * worstShare).toFixed(0)} % of the static file (target ≥ 30 %)`
      )
    }
  } finally {
    await stopServer(child)
    rmSync(work, { recursive: true, force: true })
  }
}

await main()
