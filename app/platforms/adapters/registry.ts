import { existsSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import app from '@adonisjs/core/services/app'
import type { PlatformAdapter } from './contract.js'

/**
 * The adapters: every folder under app/platforms/adapters/ holding an
 * `adapter.ts` (`adapter.js` once built), found at boot. Adding a
 * platform's adapter is adding its folder.
 */
const adapters = new Map<string, PlatformAdapter>()
let loading: Promise<void> | null = null

export function adapterFolders(root = app.makePath('app/platforms/adapters')): string[] {
  if (!existsSync(root)) return []
  return readdirSync(root, { withFileTypes: true })
    .filter(
      (entry) =>
        entry.isDirectory() &&
        /^[a-z][a-z0-9_]*$/.test(entry.name) &&
        (existsSync(join(root, entry.name, 'adapter.ts')) ||
          existsSync(join(root, entry.name, 'adapter.js')))
    )
    .map((entry) => entry.name)
    .sort()
}

export function loadAdapters(): Promise<void> {
  loading ??= (async () => {
    for (const name of adapterFolders()) {
      const file = await import(`#platforms/adapters/${name}/adapter`)
      adapters.set(name, { ...file.default, name })
    }
  })()
  return loading
}

export async function allAdapters(): Promise<PlatformAdapter[]> {
  await loadAdapters()
  return [...adapters.values()]
}

export async function adapterNamed(name: string): Promise<PlatformAdapter | null> {
  await loadAdapters()
  return adapters.get(name) ?? null
}
