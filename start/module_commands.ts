import { FsLoader } from '@adonisjs/core/ace'
import { fileURLToPath } from 'node:url'
import { MODULES } from '#app/modules'

/**
 * Ace loader for the commands of every module of the manifest
 * (app/<module>/commands/*.ts), so that each module keeps its operator
 * commands next to its code.
 */
const loaders = MODULES.map(
  ({ name }) =>
    new FsLoader<any>(fileURLToPath(new URL(`../app/${name}/commands/`, import.meta.url)))
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
