/**
 * npm run bench:issuance
 *
 * Figures of the in-process CA on this machine, next to OpenSSL's own:
 *
 *   1. `openssl speed -seconds 3 rsa2048` and `rsa3072`: signs/s on one core
 *      (the issue-3 target is stated against RSA-2048; the issuing CA key
 *      is RSA-3072 since issue 9, so both ratios are printed);
 *   2. certificates issued per second, including the database write, on a
 *      throw-away SQLite database: node:crypto signing (sequential and with
 *      8 issuances in flight), and node-forge signing for comparison;
 *   3. OCSP responses per second against a running server (bin/server.js
 *      on its own port): pre-signed responses (no nonce), and requests
 *      with a nonce (a fresh signature each).
 *
 * Everything runs on this machine: the load generator of step 3 shares
 * the CPUs with the server, so those figures are on the low side.
 * Environment: BENCH_PORT (default 3493), BENCH_COUNT (default 2000),
 * BENCH_SECONDS (OCSP duration per mode, default 5).
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process'
import { mkdirSync, rmSync, writeFileSync, readFileSync } from 'node:fs'
import http from 'node:http'
import os from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = fileURLToPath(new URL('../../../', import.meta.url))
const work = join(root, 'tmp', 'bench-issuance')
const port = Number(process.env.BENCH_PORT ?? 3493)
const count = Number(process.env.BENCH_COUNT ?? 2000)
const ocspSeconds = Number(process.env.BENCH_SECONDS ?? 5)

const env = {
  ...process.env,
  NODE_ENV: 'production',
  TZ: 'UTC',
  APP_KEY: 'bench-app-key-0123456789abcdef0123456789',
  CA_PASSPHRASE: 'bench-ca-passphrase',
  DB_CONNECTION: 'sqlite',
  SQLITE_PATH: join(work, 'bench.sqlite3'),
  STORAGE_PATH: join(work, 'storage'),
  LIMITER_STORE: 'memory',
  SESSION_DRIVER: 'cookie',
  SMS_DRIVER: 'outbox',
  PORT: String(port),
  HOST: '127.0.0.1',
  APP_URL: `http://127.0.0.1:${port}`,
  LOG_LEVEL: 'warn',
  CERTDESK_BENCH: '1',
  // production refuses a loopback PKI base URL (it is written into every certificate)
  PKI_BASE_URL: 'http://pki.bench.example/pki',
}

function run(
  cmd: string,
  args: string[],
  options: { env?: NodeJS.ProcessEnv } = {}
): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      cmd,
      args,
      { cwd: root, env: options.env ?? env, maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => {
        resolve({
          code: error ? ((error as any).code ?? 1) : 0,
          stdout: String(stdout),
          stderr: String(stderr),
        })
      }
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

async function opensslSpeed(bits = 2048): Promise<number> {
  const result = await run('openssl', ['speed', '-seconds', '3', `rsa${bits}`], {
    env: process.env,
  })
  const match = (result.stdout + result.stderr).match(
    new RegExp(`rsa\\s+${bits} bits\\s+[\\d.]+s\\s+[\\d.]+s\\s+([\\d.]+)\\s+([\\d.]+)`)
  )
  if (!match) throw new Error(`cannot read openssl speed output:\n${result.stdout}`)
  return Number(match[1])
}

function waitForServer(): Promise<void> {
  const deadline = Date.now() + 60_000
  return new Promise((resolve, reject) => {
    const attempt = () => {
      const req = http.get({ host: '127.0.0.1', port, path: '/pki/ca/issuing.crt' }, (res) => {
        res.resume()
        if (res.statusCode === 200) resolve()
        else retry()
      })
      req.on('error', retry)
    }
    const retry = () =>
      Date.now() > deadline ? reject(new Error('server did not start')) : setTimeout(attempt, 250)
    attempt()
  })
}

/**
 * Keep-alive clients posting the same request for `seconds`.
 */
async function load(body: Buffer, seconds: number, concurrency = 32) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency })
  let ok = 0
  let failed = 0
  const end = Date.now() + seconds * 1000
  const one = () =>
    new Promise<void>((resolve) => {
      const req = http.request(
        {
          agent,
          host: '127.0.0.1',
          port,
          path: '/pki/ocsp',
          method: 'POST',
          headers: { 'content-type': 'application/ocsp-request', 'content-length': body.length },
        },
        (res) => {
          const chunks: Buffer[] = []
          res.on('data', (c) => chunks.push(c))
          res.on('end', () => {
            const b = Buffer.concat(chunks)
            const h = b[1] & 0x80 ? 2 + (b[1] & 0x7f) : 2
            if (res.statusCode === 200 && b[h] === 0x0a && b[h + 2] === 0) ok++
            else failed++
            resolve()
          })
        }
      )
      req.on('error', () => {
        failed++
        resolve()
      })
      req.end(body)
    })
  const t0 = Date.now()
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (Date.now() < end) await one()
    })
  )
  agent.destroy()
  const elapsed = (Date.now() - t0) / 1000
  return { ok, failed, perSecond: Math.round(ok / elapsed) }
}

async function main() {
  rmSync(work, { recursive: true, force: true })
  mkdirSync(work, { recursive: true })
  const cpus = os.cpus()
  console.log(
    `CertDesk issuance benchmark · ${cpus.length} CPU × ${cpus[0]?.model ?? '?'} · Node ${process.version}`
  )
  console.log(
    `load average before: ${os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`
  )
  console.log('')

  const opensslSigns = await opensslSpeed(2048)
  const opensslSigns3072 = await opensslSpeed(3072)
  console.log(
    `OpenSSL (openssl speed -seconds 3 rsa2048): ${opensslSigns.toFixed(0)} RSA-2048 signs/s on one core`
  )
  console.log(
    `OpenSSL (openssl speed -seconds 3 rsa3072): ${opensslSigns3072.toFixed(0)} RSA-3072 signs/s on one core (the issuing CA's key)`
  )
  console.log(
    `  target for issuance (issue 3): at least half of the RSA-2048 figure per core = ${(opensslSigns / 2).toFixed(0)} certificates/s`
  )
  console.log('')

  await ace(['migration:run', '--force', '--compact-output', '--no-schema-generate'])
  await ace(['ca:init'])
  const csr = await run(
    'openssl',
    [
      'req',
      '-new',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-keyout',
      join(work, 'bench.key'),
      '-subj',
      '/CN=bench',
      '-out',
      join(work, 'bench.csr'),
    ],
    { env: process.env }
  )
  if (csr.code !== 0) throw new Error(csr.stderr)

  const legs = [
    { label: 'node:crypto signing, one at a time', signer: 'native', concurrency: 1, count },
    { label: 'node:crypto signing, 8 in flight', signer: 'native', concurrency: 8, count },
    {
      label: 'node:crypto signing, 64 in flight',
      signer: 'native',
      concurrency: 64,
      count: count * 2,
    },
    {
      label: 'node-forge signing, one at a time',
      signer: 'forge',
      concurrency: 1,
      count: Math.max(20, Math.round(count / 40)),
    },
  ]
  const figures: any[] = []
  console.log(
    `Certificates issued per second: issueFromCsr() end to end (CSR signature and key check, build, RSA-3072 signature,`
  )
  console.log(
    `INSERT + key-reuse query + audit entry committed in SQLite, group commit), 100 holders with their own keys:`
  )
  for (const leg of legs) {
    const out = await ace([
      'issuance:bench',
      '--count',
      String(leg.count),
      '--concurrency',
      String(leg.concurrency),
      '--signer',
      leg.signer,
      '--keys',
      '100',
    ])
    const f = lastJson(out)
    figures.push({ ...leg, ...f })
    console.log(
      `  ${leg.label.padEnd(38)} ${String(f.perSecond).padStart(8)} /s   (${f.issued} in ${f.seconds}s, ${f.msPerCertificate} ms each, ` +
        `${f.perCpuSecond} per CPU-second = ${((f.perCpuSecond / opensslSigns) * 100).toFixed(0)}% of OpenSSL's RSA-2048 signs per core, ` +
        `${((f.perCpuSecond / opensslSigns3072) * 100).toFixed(0)}% of its RSA-3072 signs)`
    )
  }
  console.log('')

  // OCSP against a running server
  const server: ChildProcess = spawn(process.execPath, ['bin/server.js'], {
    cwd: root,
    env,
    stdio: ['ignore', 'ignore', 'pipe'],
  })
  let serverErr = ''
  server.stderr!.on('data', (c) => (serverErr += c))
  try {
    await waitForServer()
    const issuing = join(work, 'issuing.crt')
    const caResponse = await fetch(`http://127.0.0.1:${port}/pki/ca/issuing.crt`)
    writeFileSync(issuing, Buffer.from(await caResponse.arrayBuffer()))
    const issued = await ace([
      'cert:issue',
      '--csr',
      join(work, 'bench.csr'),
      '--profile',
      'personal',
      '--name',
      'OCSP 测试',
      '--id',
      '110105199003071232',
    ])
    const certPem = issued.trim()
    const certFile = join(work, 'ocsp-cert.pem')
    writeFileSync(certFile, certPem.slice(certPem.indexOf('-----BEGIN CERTIFICATE-----')) + '\n')
    const noNonce = join(work, 'ocsp-no-nonce.der')
    const withNonce = join(work, 'ocsp-nonce.der')
    for (const [file, extra] of [
      [noNonce, ['-no_nonce']],
      [withNonce, []],
    ] as const) {
      const r = await run(
        'openssl',
        ['ocsp', '-issuer', issuing, '-cert', certFile, '-reqout', file, ...extra],
        { env: process.env }
      )
      if (r.code !== 0) throw new Error(r.stderr)
    }
    const check = await run(
      'openssl',
      [
        'ocsp',
        '-issuer',
        issuing,
        '-cert',
        certFile,
        '-url',
        `http://127.0.0.1:${port}/pki/ocsp`,
        '-noverify',
      ],
      { env: process.env }
    )
    console.log(`OCSP (openssl ocsp against the server): ${check.stdout.trim().split('\n')[0]}`)
    await load(readFileSync(noNonce), 1) // warm-up
    const cached = await load(readFileSync(noNonce), ocspSeconds)
    const nonce = await load(readFileSync(withNonce), ocspSeconds)
    console.log(
      'OCSP responses per second (POST /pki/ocsp, 32 keep-alive clients on this machine):'
    )
    console.log(
      `  without nonce (pre-signed, cached until the status changes) ${String(cached.perSecond).padStart(8)} /s   (${cached.ok} answered, ${cached.failed} failed)`
    )
    console.log(
      `  with nonce (a fresh RSA-3072 signature each)                ${String(nonce.perSecond).padStart(8)} /s   (${nonce.ok} answered, ${nonce.failed} failed)`
    )
    console.log(`  target: 2000 /s`)
    figures.push({ ocsp: { cached, nonce } })
  } finally {
    server.kill('SIGTERM')
  }
  console.log('')
  console.log(
    `load average after: ${os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`
  )
  writeFileSync(
    join(work, 'figures.json'),
    JSON.stringify({ opensslSigns, opensslSigns3072, figures }, null, 2)
  )
  if (serverErr.trim()) console.log(`server messages:\n${serverErr.trim()}`)
}

main().catch((error) => {
  console.error(error)
  process.exitCode = 1
})
