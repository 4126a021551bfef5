import { FsLoader } from '@adonisjs/core/ace'
import { fileURLToPath } from 'node:url'

/**
 * Ace loader for the commands of every module (app/<module>/commands/*.ts),
 * so that each module keeps its operator commands next to its code.
 */
const MODULES = [
  'core',
  'accounts',
  'orgs',
  'catalog',
  'orders',
  'certificates',
  'issuance',
  'seals',
  'ocr',
  'platforms',
  'admin',
]

const loaders = MODULES.map(
  (name) => new FsLoader<any>(fileURLToPath(new URL(`../../${name}/commands/`, import.meta.url)))
)

const owner = new Map<string, FsLoader<any>>()

export async function getMetaData() {
  const all = []
  for (const loader of loaders) {
    for (const meta of await loader.getMetaData()) {
      owner.set(meta.commandName, loader)
      all.push(meta)
    }
  }
  return all
}

export async function getCommand(meta: { commandName: string }) {
  if (!owner.size) await getMetaData()
  const loader = owner.get(meta.commandName)
  return loader ? loader.getCommand(meta as any) : null
}
