import { test } from '@japa/runner'
import { spawnSync } from 'node:child_process'
import app from '@adonisjs/core/services/app'

/**
 * Times are stored in UTC; SQLite keeps them as text, and Lucid reads that
 * text in the process's zone. On a machine that exports TZ=Asia/Shanghai
 * (a common server and container setting here), every timestamp written
 * as UTC came back eight hours early: each SMS code was "已过期" at once.
 * Loading the environment puts the process in UTC, whatever the machine says.
 */
test.group('Process time zone', () => {
  test('the app runs in UTC even when the machine exports TZ=Asia/Shanghai', ({ assert }) => {
    const child = spawnSync(
      process.execPath,
      [
        '--import=@poppinss/ts-exec',
        '--input-type=module',
        '-e',
        "await import('#start/env'); console.log(JSON.stringify({ tz: process.env.TZ, offset: new Date(Date.UTC(2026, 0, 1)).getTimezoneOffset() }))",
      ],
      {
        cwd: app.makePath(),
        env: { ...process.env, TZ: 'Asia/Shanghai', NODE_ENV: 'test' },
        encoding: 'utf8',
      }
    )
    assert.equal(child.status, 0, child.stderr)
    const seen = JSON.parse(child.stdout.trim().split('\n').pop()!)
    assert.deepEqual(seen, { tz: 'UTC', offset: 0 })
  })
})
