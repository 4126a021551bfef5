/*
|--------------------------------------------------------------------------
| HTTP server entrypoint
|--------------------------------------------------------------------------
|
| `npm start` (bin/start.ts) prepares once and runs this file in each HTTP
| worker (node:cluster); `node bin/server.js` runs it as one process on
| its own. bin/server.js registers the TypeScript loader first: there is
| no separate build step.
|
*/
await import('reflect-metadata')
const { Ignitor, prettyPrintError } = await import('@adonisjs/core')

const APP_ROOT = new URL('../', import.meta.url)

const IMPORTER = (filePath: string) => {
  if (filePath.startsWith('./') || filePath.startsWith('../')) {
    return import(new URL(filePath, APP_ROOT).href)
  }
  return import(filePath)
}

new Ignitor(APP_ROOT, { importer: IMPORTER })
  .tap((app) => {
    app.booting(async () => {
      await import('#start/env')
    })
    /**
     * Drain and stop: the server finishes the requests in flight, the
     * providers close (database, job runner). A process started by the
     * `npm start` primary keeps an IPC channel open that would keep it
     * alive: it exits once terminated. Under the primary (or pm2) Ctrl-C
     * drains like SIGTERM.
     */
    const underPrimary = Boolean(process.send)
    const stop = async () => {
      await app.terminate()
      if (underPrimary) process.exit(process.exitCode ?? 0)
    }
    app.listen('SIGTERM', stop)
    app.listenIf(app.managedByPm2 || underPrimary, 'SIGINT', stop)
  })
  .httpServer()
  .start()
  .catch((error) => {
    process.exitCode = 1
    prettyPrintError(error)
  })
