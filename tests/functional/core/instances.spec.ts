import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import { createStaff, createUser, DEFAULT_PASSWORD } from '#tests/helpers/factories'
import { eventually } from '#tests/helpers/eventually'
import audit from '#core/audit/audit_service'
import {
  Browser,
  ace,
  sideDatabase,
  startInstance,
  type Instance,
  type SideDatabase,
} from '#tests/helpers/instances'

/**
 * Two instances of the app (two processes, two ports) on one database of
 * their own — PostgreSQL when the suite runs on it, the SQLite file
 * otherwise — with the production stores: server-side sessions, database
 * rate limits, the database job queue, each instance running its own job
 * runner. What an office running several instances behind a proxy (or a
 * server next to an operator's ace command) would notice.
 */
let side: SideDatabase
let a: Instance
let b: Instance

async function staffBrowser(instance: Instance, username: string) {
  const browser = new Browser()
  const response = await browser.submit(
    `${instance.url}/admin/login`,
    `${instance.url}/admin/login`,
    { username, password: DEFAULT_PASSWORD }
  )
  if (response.location !== '/admin') throw new Error(`staff login failed: ${response.status}`)
  return browser
}

async function applicantBrowser(instance: Instance, phone: string) {
  const browser = new Browser()
  const response = await browser.submit(`${instance.url}/login`, `${instance.url}/login`, {
    account: phone,
    password: DEFAULT_PASSWORD,
  })
  if (response.status !== 302 || response.location === '/login')
    throw new Error(`applicant login failed: ${response.status} ${response.location}`)
  return browser
}

test.group('Several instances on one database', (group) => {
  group.setup(async () => {
    side = await sideDatabase('instances')
    ;[a, b] = await Promise.all([startInstance(side.env), startInstance(side.env)])
    return async () => {
      await Promise.all([a?.stop(), b?.stop()])
      await side?.drop()
    }
  })

  test('a staff session started on one instance is valid on the other and ends on both at logout; a copied cookie is refused', async ({
    assert,
  }) => {
    const staff = await createStaff(['reviewer'], {}, { connection: side.connection })
    const browser = await staffBrowser(a, staff.username)
    const copied = browser.copy()
    assert.equal((await browser.get(`${b.url}/admin`)).status, 200)
    assert.equal((await copied.get(`${a.url}/admin`)).status, 200)

    const logout = await browser.submit(`${b.url}/admin`, `${b.url}/admin/logout`, {})
    assert.equal(logout.location, '/admin/login')
    for (const instance of [a, b]) {
      const again = await copied.get(`${instance.url}/admin`)
      assert.equal(again.status, 302, instance.url)
      assert.equal(again.location, '/admin/login')
    }
    const rows = await db.connection(side.connection).from('sessions').where('staff_id', staff.id)
    assert.lengthOf(rows, 0)
  })

  test('an applicant cookie copied before logout is refused after it, on both instances', async ({
    assert,
  }) => {
    const user = await createUser({}, { connection: side.connection })
    const browser = await applicantBrowser(b, user.phone)
    const copied = browser.copy()
    assert.equal((await copied.get(`${a.url}/account`)).status, 200)
    const logout = await browser.submit(`${a.url}/account`, `${a.url}/logout`, {})
    assert.equal(logout.status, 302)
    for (const instance of [a, b]) {
      const again = await copied.get(`${instance.url}/account`)
      assert.equal(again.status, 302, instance.url)
      assert.match(again.location ?? '', /^\/login/)
    }
  })

  test('deactivating a staff member, resetting a password or 设备下线 ends those sessions at once on every instance', async ({
    assert,
  }) => {
    const boss = await createStaff(['super_admin'], {}, { connection: side.connection })
    const victim = await createStaff(['reviewer'], {}, { connection: side.connection })
    const bossBrowser = await staffBrowser(a, boss.username)
    const victimBrowser = await staffBrowser(b, victim.username)
    assert.equal((await victimBrowser.get(`${a.url}/admin`)).status, 200)
    await bossBrowser.submit(
      `${a.url}/admin/staff/${victim.id}`,
      `${a.url}/admin/staff/${victim.id}/deactivate`,
      {}
    )
    assert.lengthOf(
      await db.connection(side.connection).from('sessions').where('staff_id', victim.id),
      0
    )
    assert.equal((await victimBrowser.get(`${b.url}/admin`)).location, '/admin/login')

    // an applicant signed in twice signs the other device out
    const user = await createUser({}, { connection: side.connection })
    const devicesOf = () =>
      db.connection(side.connection).from('user_devices').where('user_id', user.id)
    const phone = await applicantBrowser(a, user.phone)
    const [phoneDevice] = await devicesOf()
    const laptop = await applicantBrowser(b, user.phone)
    const laptopDevice = (await devicesOf()).find((d) => d.id !== phoneDevice.id)
    assert.lengthOf(
      await db.connection(side.connection).from('sessions').where('device_id', laptopDevice.id),
      1
    )
    await phone.submit(
      `${a.url}/account/devices`,
      `${a.url}/account/devices/${laptopDevice.id}/sign-out`,
      {}
    )
    assert.lengthOf(
      await db.connection(side.connection).from('sessions').where('device_id', laptopDevice.id),
      0
    )
    assert.match((await laptop.get(`${b.url}/account`)).location ?? '', /^\/login/)
    assert.equal((await phone.get(`${b.url}/account`)).status, 200)
  })

  test('a 1,629-character notice and a 20 KB form come back intact after a validation error', async ({
    assert,
  }) => {
    const operator = await createStaff(['super_admin'], {}, { connection: side.connection })
    const browser = await staffBrowser(a, operator.username)
    const create = `${a.url}/admin/content/notices/create`
    for (const body of [
      '办理数字证书须知：'.repeat(181).slice(0, 1629),
      '材料清单与填写说明。'.repeat(700),
    ]) {
      const response = await browser.submit(create, `${a.url}/admin/content/notices`, {
        _form: 'notice',
        title: '',
        body,
        status: 'draft',
      })
      assert.equal(response.status, 302)
      assert.equal(response.location, '/admin/content/notices/create')
      // the session cookie stays a session id, whatever was typed
      assert.isBelow(browser.cookieHeader.length, 400)
      const page = await browser.get(`${b.url}/admin/content/notices/create`)
      assert.include(page.text, body)
      assert.include(page.text, '标题')
    }
  })

  test('a job enqueued by one instance is run once, by one of them', async ({ assert }) => {
    const admin = await createStaff(['super_admin'], {}, { connection: side.connection })
    const browser = await staffBrowser(a, admin.username)
    const client = db.connection(side.connection)
    const ids: string[] = []
    for (let i = 0; i < 8; i++) {
      const id = `failed-${i}-${Date.now()}`
      ids.push(id)
      await client.table('queue_jobs').insert({
        id,
        queue: 'default',
        status: 'failed',
        data: JSON.stringify({ id, name: 'core.sessions_gc', payload: {}, attempts: 5 }),
        finished_at: Date.now(),
        error: '测试：上次失败',
      })
    }
    // 重试 on instance A puts each back on the queue; both instances' runners compete for them
    for (const id of ids) {
      const response = await browser.submit(
        `${a.url}/admin/jobs`,
        `${a.url}/admin/jobs/${id}/retry`,
        {}
      )
      assert.equal(response.location, '/admin/jobs')
    }
    await eventually(
      async () => {
        const left = await client.from('queue_jobs').whereIn('id', ids)
        assert.lengthOf(left, 0)
      },
      { timeoutMs: 90_000, everyMs: 200 }
    )
    const runs = await client.from('job_runs').whereIn('job_id', ids)
    assert.lengthOf(runs, ids.length)
    assert.deepEqual([...new Set(runs.map((r) => r.job_id))].sort(), [...ids].sort())
    assert.isTrue(runs.every((r) => r.outcome === 'completed'))
    const retries = await client.from('audit_logs').where('action', 'core.job.retry')
    assert.lengthOf(retries, ids.length)
  })

  test('an ace write command next to both servers writing: no 500 for users, the command succeeds', async ({
    assert,
  }) => {
    const operator = await createStaff(['super_admin'], {}, { connection: side.connection })
    const target = await createStaff(['reviewer'], {}, { connection: side.connection })
    let writing = true
    const statuses: number[] = []
    const writers = [a, b].map(async (instance) => {
      while (writing) {
        // a staff login writes its audit entry (reads the chain head, then writes) and the staff row
        const browser = new Browser()
        const response = await browser.submit(
          `${instance.url}/admin/login`,
          `${instance.url}/admin/login`,
          { username: operator.username, password: DEFAULT_PASSWORD }
        )
        statuses.push(response.status)
      }
    })
    const runs = []
    for (let i = 0; i < 3; i++) {
      runs.push(await ace(side.env, ['staff:reset-password', target.username]))
    }
    writing = false
    await Promise.all(writers)
    for (const run of runs) assert.equal(run.code, 0, run.output)
    assert.isAbove(statuses.length, 0)
    assert.deepEqual([...new Set(statuses)], [302])
  }).timeout(180_000) // three ace processes each boot the whole app

  test('audit verification while both servers write: 20 checks, never a false alarm', async ({
    assert,
  }) => {
    const operator = await createStaff(['super_admin'], {}, { connection: side.connection })
    let writing = true
    const writers = [a, b].map(async (instance) => {
      while (writing) {
        const browser = new Browser()
        await browser.submit(`${instance.url}/admin/login`, `${instance.url}/admin/login`, {
          username: operator.username,
          password: DEFAULT_PASSWORD,
        })
      }
    })
    const verdicts = []
    let before = -1
    for (let i = 0; i < 20; i++) {
      const verdict = await audit.verify({ connection: side.connection })
      verdicts.push(verdict)
      assert.isTrue(verdict.ok, JSON.stringify(verdict))
      assert.isAtLeast(verdict.checked, before)
      before = verdict.checked
    }
    const command = await ace(side.env, ['audit:verify'])
    writing = false
    await Promise.all(writers)
    assert.equal(command.code, 0, command.output)
    assert.include(command.output, '审计日志完整')
    // the chain grew while it was checked
    const final = await audit.verify({ connection: side.connection })
    assert.isTrue(final.ok)
    assert.isAbove(final.checked, verdicts[0].checked)
  })
})
