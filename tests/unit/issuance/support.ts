import { execFile } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import app from '@adonisjs/core/services/app'
import db from '@adonisjs/lucid/services/db'

/**
 * Test support of the issuance suites: one CA for the whole run (created
 * outside the per-test transactions), OpenSSL on the machine, temp files.
 */
export async function ensureCa() {
  const { initHierarchy } = await import('#issuance/services/ca_setup')
  const { default: caRegistry } = await import('#issuance/services/ca_registry')
  const existing = await db.from('certificate_authorities').where('is_current', true).first()
  if (!existing) {
    await initHierarchy({ actor: { type: 'system', name: 'tests' } })
  }
  caRegistry.invalidate()
  const root = await caRegistry.root()
  const issuing = await caRegistry.issuing()
  return { root, issuing }
}

export interface RunResult {
  code: number
  stdout: string
  stderr: string
  out: Buffer
}

/**
 * Run openssl without blocking the event loop (the test HTTP server in
 * this process must keep answering, e.g. OCSP).
 */
export function openssl(args: string[], input?: Buffer | string): Promise<RunResult> {
  return new Promise((resolve) => {
    const child = execFile(
      'openssl',
      args,
      { encoding: 'buffer', maxBuffer: 16 * 1024 * 1024 },
      (error, stdout, stderr) => {
        resolve({
          code: error ? ((error as any).code ?? 1) : 0,
          stdout: stdout.toString('utf8'),
          stderr: stderr.toString('utf8'),
          out: stdout,
        })
      }
    )
    if (input !== undefined) child.stdin!.end(input)
  })
}

let dir: string | null = null
export function workDir(): string {
  if (!dir) {
    const created = mkdtempSync(join(app.makePath('tmp'), 'issuance-test-'))
    dir = created
    process.once('exit', () => rmSync(created, { recursive: true, force: true }))
  }
  return dir
}

let fileCounter = 0
export function tempFile(name: string, contents: string | Buffer): string {
  const path = join(workDir(), `${++fileCounter}-${name}`)
  writeFileSync(path, contents)
  return path
}

export function tempPath(name: string): string {
  return join(workDir(), `${++fileCounter}-${name}`)
}

/**
 * A key and a CSR made by `openssl req` (the way a uKey tool would).
 */
export async function opensslCsr(bits = 2048, subject = '/CN=ignored by the CA') {
  const keyPath = tempPath('key.pem')
  const result = await openssl([
    'req',
    '-new',
    '-newkey',
    `rsa:${bits}`,
    '-nodes',
    '-keyout',
    keyPath,
    '-subj',
    subject,
    '-outform',
    'PEM',
  ])
  if (result.code !== 0) throw new Error(`openssl req failed: ${result.stderr}`)
  return { csrPem: result.stdout, keyPath }
}

/**
 * PEM files of the chain: issuing CA, root CA, and both in one file.
 */
export async function chainFiles() {
  const { root, issuing } = await ensureCa()
  const { toPem } = await import('#issuance/services/x509')
  return {
    root: tempFile('root.pem', toPem(root.der)),
    issuing: tempFile('issuing.pem', toPem(issuing.der)),
    chain: tempFile('chain.pem', toPem(issuing.der) + toPem(root.der)),
  }
}

/**
 * Run another tool (GnuTLS's certtool/ocsptool, NSS's certutil/vfychain…)
 * without blocking the event loop; a missing tool fails loudly (.ci/run
 * installs gnutls-bin and libnss3-tools).
 */
export function tool(cmd: string, args: string[], input?: Buffer | string): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = execFile(
      cmd,
      args,
      { encoding: 'buffer', maxBuffer: 16 * 1024 * 1024 },
      (error, stdout, stderr) => {
        if ((error as any)?.code === 'ENOENT') {
          reject(new Error(`${cmd} is not installed: apt-get install gnutls-bin libnss3-tools`))
          return
        }
        resolve({
          code: error ? ((error as any).code ?? 1) : 0,
          stdout: stdout.toString('utf8'),
          stderr: stderr.toString('utf8'),
          out: stdout,
        })
      }
    )
    if (input !== undefined) child.stdin!.end(input)
  })
}

/**
 * A fresh NSS database that trusts our root and knows the issuing CA
 * (what a browser or mail client with the root installed would hold).
 */
export async function nssDb(): Promise<string> {
  const files = await chainFiles()
  const path = tempPath('nssdb')
  mkdirSync(path)
  const nss = `sql:${path}`
  for (const args of [
    ['-N', '-d', nss, '--empty-password'],
    ['-A', '-d', nss, '-n', 'root', '-t', 'CT,C,C', '-i', files.root],
    ['-A', '-d', nss, '-n', 'issuing', '-t', ',,', '-i', files.issuing],
  ]) {
    const result = await tool('certutil', args)
    if (result.code !== 0) throw new Error(`certutil ${args[0]} failed: ${result.stderr}`)
  }
  return nss
}

/**
 * Run an ace command in this process (inside the test's transaction).
 */
export async function runAce(command: string, args: string[]) {
  const ace = await app.container.make('ace')
  ace.ui.switchMode('raw')
  const cmd = await ace.exec(command, args)
  const logs = cmd.logger.getLogs() as Array<{ message: string; stream: string }>
  return {
    exitCode: cmd.exitCode ?? 0,
    out: logs
      .filter((l) => l.stream === 'stdout')
      .map((l) => l.message)
      .join('\n'),
    err: logs
      .filter((l) => l.stream === 'stderr')
      .map((l) => l.message)
      .join('\n'),
    error: cmd.error,
  }
}

/**
 * `openssl cms -verify` of a detached DER signature over a content file,
 * against our root (`trust: 'chain'`: issuing CA + root), any purpose:
 * `Verification successful` in stderr.
 */
export async function cmsVerify(
  signatureFile: string,
  contentFile: string,
  trust: 'root' | 'chain' = 'root'
) {
  const files = await chainFiles()
  return openssl([
    'cms',
    '-verify',
    '-binary',
    '-inform',
    'DER',
    '-in',
    signatureFile,
    '-content',
    contentFile,
    '-CAfile',
    files[trust],
    '-purpose',
    'any',
    '-out',
    '/dev/null',
  ])
}
