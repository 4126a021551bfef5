import { readdir, readFile } from 'node:fs/promises'
import { join, relative, sep } from 'node:path'
import app from '@adonisjs/core/services/app'
import logger from '@adonisjs/core/services/logger'

/**
 * Modules register the Chinese labels of their audit actions and SMS
 * purposes when their action/service files are first imported, which in
 * a running server may not have happened yet (controllers load lazily).
 * The back-office pages that list every label (audit log filters, SMS
 * outbox) call this first: it imports, once per process, every file under
 * app/ that registers labels.
 */
const MARKERS = ['registerAuditActions(', 'registerSmsPurposes(']
let loading: Promise<void> | null = null

async function* sourceFiles(dir: string): AsyncGenerator<string> {
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) {
      if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue
      yield* sourceFiles(path)
    } else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts')) {
      yield path
    }
  }
}

async function load() {
  const root = app.makePath('app')
  for await (const file of sourceFiles(root)) {
    const rel = relative(root, file).split(sep).join('/')
    if (rel.startsWith('core/audit/') || rel.startsWith('core/sms/sms_service') || rel === 'admin/registrations.ts') continue
    const source = await readFile(file, 'utf8')
    if (!MARKERS.some((m) => source.includes(m))) continue
    try {
      await import(`#app/${rel.replace(/\.ts$/, '')}`)
    } catch (error) {
      logger.warn({ err: error, file: rel }, 'could not load audit/SMS labels')
    }
  }
}

export function ensureLabelsRegistered(): Promise<void> {
  loading ??= load()
  return loading
}
