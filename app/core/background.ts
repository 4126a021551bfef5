import logger from '@adonisjs/core/services/logger'

type Starter = () =>
  Promise<(() => Promise<void> | void) | void> | (() => Promise<void> | void) | void

const starters: Array<{ name: string; start: Starter }> = []
const stoppers: Array<() => Promise<void> | void> = []

/**
 * Register work to start when the HTTP server is ready; the starter may
 * return a stop function called on shutdown.
 */
export function onServerReady(name: string, start: Starter) {
  starters.push({ name, start })
}

export async function startBackground() {
  for (const { name, start } of starters) {
    try {
      const stop = await start()
      if (typeof stop === 'function') stoppers.push(stop)
    } catch (error) {
      logger.error({ err: error }, `background task "${name}" failed to start`)
    }
  }
}

export async function stopBackground() {
  for (const stop of stoppers.splice(0)) {
    try {
      await stop()
    } catch {
      /* shutting down */
    }
  }
}
