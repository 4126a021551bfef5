/**
 * The README's quick start in a separate process: `npm start` on an empty
 * SQLite database in a temporary directory, on a free port. What it prints
 * is kept (the 已就绪 address, the one-time logins of the seeded admin and
 * demo applicant), and whether the printed address answered at the moment
 * 已就绪 appeared. Some defects only show in a process that has just
 * started (which module's messages load first).
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { once } from 'node:events'
import app from '@adonisjs/core/services/app'

export interface FreshApp {
  address: string
  /** did the printed address accept a connection right when 已就绪 was printed? */
  answeredAtReady: boolean
  admin: { username: string; password: string }
  demo: { phone: string; password: string }
  output: () => string
  stop: () => Promise<void>
}

export async function startFreshApp(): Promise<FreshApp> {
  const port = await freePort()
  const dir = mkdtempSync(join(tmpdir(), 'certdesk-start-'))
  const child = spawn('npm', ['start'], {
    cwd: app.makePath(),
    detached: true,
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      NODE_ENV: 'development',
      APP_KEY: 'browser-suite-app-key-0123456789abcdef',
      CA_PASSPHRASE: 'browser-suite-ca-passphrase',
      HOST: '127.0.0.1',
      PORT: String(port),
      APP_URL: `http://127.0.0.1:${port}`,
      DB_CONNECTION: 'sqlite',
      SQLITE_PATH: join(dir, 'certdesk.sqlite3'),
      STORAGE_PATH: join(dir, 'storage'),
      LOG_LEVEL: 'error',
    },
  })
  let output = ''
  const stop = async () => {
    await kill(child)
    rmSync(dir, { recursive: true, force: true })
  }
  try {
    const address = await new Promise<string>((resolve, reject) => {
      child.stdout!.on('data', (chunk: Buffer) => {
        output += chunk.toString()
        const ready = /已就绪：(http:\/\/\S+)/.exec(output)
        if (ready) resolve(ready[1])
      })
      child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()))
      child.on('exit', (code) => reject(new Error(`npm start exited (${code}):\n${output}`)))
    })
    const { answeredAtReady, up } = await probe(address)
    if (!up) throw new Error(`${address} never answered:\n${output}`)
    const login = (title: string, key: string) =>
      new RegExp(`${title}[\\s\\S]*?${key}：(\\S+)[\\s\\S]*?密码：(\\S+)`).exec(output)
    const admin = login('后台超级管理员', '用户名')
    const demo = login('演示申请人', '手机号')
    if (!admin || !demo) throw new Error(`npm start did not print the one-time logins:\n${output}`)
    return {
      address,
      answeredAtReady,
      admin: { username: admin[1], password: admin[2] },
      demo: { phone: demo[1], password: demo[2] },
      output: () => output,
      stop,
    }
  } catch (error) {
    await stop()
    throw error
  }
}

/**
 * Does the address accept TCP connections now, and (waiting for the
 * outcome, up to 90 s) does it come up? Asked from a separate Node
 * process: in the test process nock intercepts sockets.
 */
async function probe(address: string) {
  const { hostname, port } = new URL(address)
  const script = `
    const net = require('node:net')
    const knock = () => new Promise((resolve) => {
      const socket = net.connect({ host: ${JSON.stringify(hostname)}, port: ${Number(port)} })
      socket.once('connect', () => { socket.destroy(); resolve(true) })
      socket.once('error', () => resolve(false))
    })
    ;(async () => {
      const first = await knock()
      const deadline = Date.now() + 90000
      let up = first
      while (!up && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 100))
        up = await knock()
      }
      console.log(JSON.stringify({ answeredAtReady: first, up }))
    })()
  `
  const child = spawn(process.execPath, ['-e', script])
  let out = ''
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()))
  await once(child, 'exit')
  return JSON.parse(out) as { answeredAtReady: boolean; up: boolean }
}

async function kill(child: ChildProcess) {
  if (child.exitCode !== null || child.signalCode !== null) return
  const exited = once(child, 'exit')
  try {
    /* npm, its shell and the node processes it started: the group we started */
    process.kill(-child.pid!, 'SIGTERM')
  } catch {
    return
  }
  await exited
}

/** A port nobody listens on */
async function freePort() {
  const server = createServer()
  server.listen(0, '127.0.0.1')
  await once(server, 'listening')
  const { port } = server.address() as { port: number }
  server.close()
  await once(server, 'close')
  return port
}
