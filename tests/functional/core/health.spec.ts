import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import { ensureCa } from '#tests/unit/issuance/support'

/**
 * GET /health as a load balancer sees it: JSON, no session cookie, 200
 * when the instance can serve (database, disk, a job runner alive, the CA
 * key opens), 503 with the failing check named when it cannot; nothing
 * secret in it.
 */
async function beat(seenAt = Date.now()) {
  await db
    .table('job_workers')
    .insert({ id: `test-${seenAt}`, host: 'test', pid: 1, started_at: seenAt, seen_at: seenAt })
}

test.group('GET /health', () => {
  test('200 with every check ok when the database, disk, jobs and CA are fine; no cookie', async ({
    client,
    assert,
  }) => {
    await ensureCa()
    await beat()
    const response = await client.get('/health')
    const body = response.body()
    assert.deepEqual(Object.keys(body.checks).sort(), ['ca', 'database', 'disk', 'jobs'])
    assert.equal(body.checks.database.status, 'ok')
    assert.equal(body.checks.jobs.status, 'ok')
    assert.equal(body.checks.ca.status, 'ok')
    // the disk check depends on this machine: ok, or a warning that still answers 200
    assert.notEqual(body.checks.disk.status, 'error')
    response.assertStatus(200)
    assert.match(response.header('content-type') ?? '', /application\/json/)
    assert.isUndefined(response.header('set-cookie'))
    assert.equal(response.header('cache-control'), 'no-store')
  })

  test('503 naming the job runners when none is alive; nothing secret in the answer', async ({
    client,
    assert,
  }) => {
    await ensureCa()
    await beat(Date.now() - 10 * 60_000)
    const response = await client.get('/health')
    response.assertStatus(503)
    const body = response.body()
    assert.equal(body.status, 'error')
    assert.equal(body.checks.jobs.status, 'error')
    assert.include(body.checks.jobs.message, '没有正在运行的后台任务进程')
    const text = JSON.stringify(body)
    for (const secret of ['passphrase', 'PASSPHRASE', 'tmp/', '/work', 'sqlite3', 'APP_KEY']) {
      assert.notInclude(text, secret)
    }
    assert.notProperty(body, 'debugInfo')
  })
})
