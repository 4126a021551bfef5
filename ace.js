/*
|--------------------------------------------------------------------------
| JavaScript entrypoint for running ace commands
|--------------------------------------------------------------------------
|
| CertDesk needs Node.js 24. The machines we run on may have an older
| system Node, so the project pins Node 24 through the npm "node" package.
| npm scripts put node_modules/.bin first on the PATH; when somebody types
| `node ace …` by hand with an older Node, we re-run the same command
| with the pinned binary instead of failing with a cryptic error.
|
*/
import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

const major = Number(process.versions.node.split('.')[0])
if (major < 24) {
  const pinned = fileURLToPath(new URL('./node_modules/.bin/node', import.meta.url))
  if (!existsSync(pinned)) {
    console.error('CertDesk 需要 Node.js 24，请先运行 npm install（会安装固定版本的 Node 24）。')
    process.exit(1)
  }
  const result = spawnSync(pinned, process.argv.slice(1), { stdio: 'inherit' })
  process.exit(result.status ?? 1)
}

/**
 * Register hook to process TypeScript files
 */
await import('@poppinss/ts-exec')

/**
 * Import ace console entrypoint
 */
await import('./bin/console.js')
