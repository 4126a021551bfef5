/*
|--------------------------------------------------------------------------
| JavaScript entrypoint of `npm start`
|--------------------------------------------------------------------------
|
| Same Node 24 guard as ace.js, then the TypeScript loader, then the
| primary process (bin/start.ts): prepare once, one job runner, one HTTP
| worker per core, 已就绪 when the port answers.
|
*/
import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

const major = Number(process.versions.node.split('.')[0])
if (major < 24) {
  const pinned = fileURLToPath(new URL('../node_modules/.bin/node', import.meta.url))
  if (!existsSync(pinned)) {
    console.error('CertDesk 需要 Node.js 24，请先运行 npm install（会安装固定版本的 Node 24）。')
    process.exit(1)
  }
  const result = spawnSync(pinned, process.argv.slice(1), { stdio: 'inherit' })
  process.exit(result.status ?? 1)
}

await import('@poppinss/ts-exec')
await import('./start.ts')
