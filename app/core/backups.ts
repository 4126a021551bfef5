import { createHash, randomBytes } from 'node:crypto'
import { spawn } from 'node:child_process'
import { createReadStream } from 'node:fs'
import {
  chmod,
  copyFile,
  mkdir,
  readFile,
  readdir,
  rename,
  rm,
  stat,
  writeFile,
} from 'node:fs/promises'
import { dirname, join } from 'node:path'
import app from '@adonisjs/core/services/app'
import db from '@adonisjs/lucid/services/db'
import { DateTime } from 'luxon'
import { RuleError } from '#core/rule_error'

/**
 * Backups of an office (`node ace backup:create` / `backup:restore`): one
 * folder with
 *  - the database, as one consistent snapshot taken while the server runs
 *    (SQLite: `VACUUM INTO`, a transaction-consistent copy that does not
 *    stop the writers; PostgreSQL: `pg_dump -Fc`, which reads one
 *    snapshot). It holds every order, payment, certificate, the audit log
 *    and the CA keys, which are stored encrypted with CA_PASSPHRASE;
 *  - the private files (materials, ID photos, vouchers, templates), copied
 *    after the snapshot, so that every file the snapshot names is there
 *    (files are written before the rows that name them and never changed);
 *  - manifest.json: when, what, row counts per table, the audit chain's
 *    head, the database file's SHA-256.
 * CA_PASSPHRASE and APP_KEY are not in it: keep them apart (a backup
 * without the passphrase cannot open the CA keys, which is the point).
 */
export const MANIFEST = 'manifest.json'
export const FORMAT = 1

export interface BackupManifest {
  format: number
  createdAt: string
  dialect: 'sqlite' | 'postgres'
  database: string
  databaseSha256: string
  lastMigration: string | null
  tables: Record<string, number>
  storage: { files: number; bytes: number }
  audit: { seq: number; hash: string | null }
}

function dialect(): 'sqlite' | 'postgres' {
  return db.connection().dialect.name === 'postgres' ? 'postgres' : 'sqlite'
}

async function sha256(path: string) {
  const hash = createHash('sha256')
  for await (const chunk of createReadStream(path)) hash.update(chunk)
  return hash.digest('hex')
}

async function listFiles(root: string): Promise<Array<{ path: string; size: number }>> {
  const out: Array<{ path: string; size: number }> = []
  const walk = async (dir: string, prefix: string) => {
    let entries
    try {
      entries = await readdir(dir, { withFileTypes: true })
    } catch {
      return
    }
    for (const entry of entries) {
      const full = join(dir, entry.name)
      const relative = prefix ? `${prefix}/${entry.name}` : entry.name
      if (entry.isDirectory()) await walk(full, relative)
      else if (entry.isFile()) {
        const info = await stat(full)
        out.push({ path: relative, size: info.size })
      }
    }
  }
  await walk(root, '')
  return out.sort((a, b) => a.path.localeCompare(b.path))
}

/**
 * Copy every file under `from` to the same place under `to` (folders made
 * as needed, existing files replaced; a missing `from` copies nothing).
 * Our own walk rather than a recursive fs.cp: a restore was seen hanging
 * inside fs.cp's directory iteration under load, with no error.
 */
async function copyTree(from: string, to: string) {
  const made = new Set<string>()
  for (const file of await listFiles(from)) {
    const target = join(to, file.path)
    const folder = dirname(target)
    if (!made.has(folder)) {
      await mkdir(folder, { recursive: true, mode: 0o700 })
      made.add(folder)
    }
    await copyFile(join(from, file.path), target)
  }
}

/** the app's tables (PostgreSQL: of the public schema) */
async function tablesOf(connection?: string) {
  const client = db.connection(connection)
  return client.dialect.name === 'postgres'
    ? client.getAllTables(['public'])
    : client.getAllTables()
}

export async function tableCounts(connection?: string): Promise<Record<string, number>> {
  const client = db.connection(connection)
  const all = await tablesOf(connection)
  const tables = all.filter((t) => !t.startsWith('adonis_schema'))
  const counts: Record<string, number> = {}
  for (const table of tables.sort()) {
    const row = await client.from(table).count('* as total').first()
    counts[table] = Number(row?.total ?? 0)
  }
  return counts
}

function pgSettings() {
  const connection = app.config.get<any>('database.connections.pg.connection')
  return {
    args: [
      '-h',
      String(connection.host),
      '-p',
      String(connection.port),
      '-U',
      String(connection.user),
    ],
    database: String(connection.database),
    env: { ...process.env, PGPASSWORD: String(connection.password ?? '') },
  }
}

function run(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env, stdio: ['ignore', 'ignore', 'pipe'] })
    let stderr = ''
    child.stderr.on('data', (chunk) => (stderr += chunk))
    child.on('error', (error: NodeJS.ErrnoException) =>
      reject(
        error.code === 'ENOENT'
          ? new RuleError(
              `找不到 ${command}：请安装 PostgreSQL 客户端（Debian: apt-get install postgresql-client），版本不低于数据库服务器`
            )
          : error
      )
    )
    child.on('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`${command} 失败（${code}）：${stderr.trim()}`))
    )
  })
}

export interface CreatedBackup {
  path: string
  manifest: BackupManifest
}

/**
 * Write a backup into a new folder under `parent` (700; files 600).
 */
export async function createBackup(parent: string): Promise<CreatedBackup> {
  const name = `certdesk-${DateTime.utc().toFormat('yyyyLLdd-HHmmss')}-${randomBytes(2).toString('hex')}`
  const path = join(parent, name)
  await mkdir(path, { recursive: true, mode: 0o700 })
  const kind = dialect()
  const database = kind === 'sqlite' ? 'database.sqlite3' : 'database.pgdump'
  const target = join(path, database)

  if (kind === 'sqlite') {
    // a consistent copy of the committed database; writers are not stopped
    await db.connection().rawQuery('VACUUM INTO ?', [target])
  } else {
    const pg = pgSettings()
    await run('pg_dump', [...pg.args, '-Fc', '--no-owner', '-f', target, pg.database], pg.env)
  }
  await chmod(target, 0o600)

  // read back from the snapshot itself what it holds
  const { storageRoot } = await import('#config/drive')
  await copyTree(storageRoot, join(path, 'storage'))
  const files = await listFiles(join(path, 'storage'))
  const head = await db.from('audit_chain').where('id', 1).first()
  const migration = await db
    .from('adonis_schema')
    .orderBy('id', 'desc')
    .first()
    .catch(() => null)
  const manifest: BackupManifest = {
    format: FORMAT,
    createdAt: new Date().toISOString(),
    dialect: kind,
    database,
    databaseSha256: await sha256(target),
    lastMigration: migration?.name ?? null,
    tables: await countsOfSnapshot(kind, target),
    storage: { files: files.length, bytes: files.reduce((sum, f) => sum + f.size, 0) },
    audit: { seq: Number(head?.last_seq ?? 0), hash: head?.last_hash ?? null },
  }
  await writeFile(join(path, MANIFEST), JSON.stringify(manifest, null, 2), { mode: 0o600 })
  return { path, manifest }
}

/**
 * Row counts as the snapshot has them (SQLite: the copy itself is opened;
 * PostgreSQL: the dump was one snapshot, counted now they are close to it
 * but not exact on a busy office, so they are given as "at least").
 */
async function countsOfSnapshot(kind: 'sqlite' | 'postgres', file: string) {
  if (kind === 'postgres') return tableCounts()
  const name = `backup_${randomBytes(4).toString('hex')}`
  db.manager.add(name, {
    client: 'sqlite3',
    connection: { filename: file },
    useNullAsDefault: true,
  })
  try {
    return await tableCounts(name)
  } finally {
    await db.manager.close(name, true)
  }
}

export async function readManifest(path: string): Promise<BackupManifest> {
  let manifest: BackupManifest
  try {
    manifest = JSON.parse(await readFile(join(path, MANIFEST), 'utf8'))
  } catch {
    throw new RuleError(`${path} 不是 CertDesk 备份（缺少 ${MANIFEST}）`)
  }
  if (manifest.format !== FORMAT) throw new RuleError('备份格式版本不受支持')
  return manifest
}

/** orders, payments or issued certificates in the current database */
export async function holdsBusinessData(): Promise<boolean> {
  const tables = new Set(await tablesOf())
  for (const table of ['orders', 'payments', 'issued_certificates']) {
    if (!tables.has(table)) continue
    const row = await db.from(table).count('* as total').first()
    if (Number(row?.total ?? 0) > 0) return true
  }
  return false
}

/**
 * Bring a backup back into this install (its database and private files
 * are replaced by the backup's). The caller checks that the install is
 * fresh (or that the office said --force) and runs the migrations after.
 */
export async function restoreBackup(path: string, manifest: BackupManifest) {
  const kind = dialect()
  if (manifest.dialect !== kind) {
    throw new RuleError(
      `备份来自 ${manifest.dialect === 'sqlite' ? 'SQLite' : 'PostgreSQL'}，当前安装使用 ${kind === 'sqlite' ? 'SQLite' : 'PostgreSQL'}，不能直接恢复`
    )
  }
  const source = join(path, manifest.database)
  if ((await sha256(source)) !== manifest.databaseSha256) {
    throw new RuleError('备份中的数据库文件与清单不符（文件损坏或被改动），已停止恢复')
  }

  if (kind === 'sqlite') {
    const { sqlitePath } = await import('#config/database')
    await db.manager.closeAll()
    const incoming = `${sqlitePath}.restore-${randomBytes(3).toString('hex')}`
    await mkdir(dirname(sqlitePath), { recursive: true, mode: 0o700 })
    await copyFile(source, incoming)
    await chmod(incoming, 0o600)
    await rm(`${sqlitePath}-wal`, { force: true })
    await rm(`${sqlitePath}-shm`, { force: true })
    await rename(incoming, sqlitePath)
  } else {
    const pg = pgSettings()
    await run(
      'pg_restore',
      [
        ...pg.args,
        '--clean',
        '--if-exists',
        '--no-owner',
        '--single-transaction',
        '-d',
        pg.database,
        source,
      ],
      pg.env
    )
  }

  const { storageRoot } = await import('#config/drive')
  await mkdir(storageRoot, { recursive: true, mode: 0o700 })
  await copyTree(join(path, 'storage'), storageRoot)
  const { tightenTree } = await import('#core/file_modes')
  await tightenTree(storageRoot)
}

export { listFiles }
