import type { ApplicationService } from '@adonisjs/core/types'

/**
 * Background work (schedulers, OCR workers) starts only when the app runs
 * as an HTTP server: never during tests' codegen or ace commands.
 * Modules register starters with `onServerReady` (app/core/background.ts).
 */
export default class AppProvider {
  constructor(protected app: ApplicationService) {}

  async ready() {
    if (this.app.getEnvironment() !== 'web') return
    const { startBackground } = await import('#core/background')
    await startBackground()
  }

  async shutdown() {
    const { stopBackground } = await import('#core/background')
    await stopBackground()
  }
}
