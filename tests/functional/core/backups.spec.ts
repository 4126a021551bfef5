import { test } from '@japa/runner'
import { createHash } from 'node:crypto'
import { readFile, rm } from 'node:fs/promises'
import { join } from 'node:path'
import app from '@adonisjs/core/services/app'
import db from '@adonisjs/lucid/services/db'
import { storageRoot } from '#config/drive'
import { createBackup, listFiles, readManifest, restoreBackup } from '#core/backups'
import { createStaff } from '#tests/helpers/factories'
import { asApplicant, asStaff } from '#tests/helpers/auth'
import { ensureCa } from '#tests/unit/issuance/support'
import { ace, sideDatabase } from '#tests/helpers/instances'
import {
  catalogFixture,
  fillApplication,
  payWithSandbox,
  verifiedApplicant,
} from '#tests/functional/orders/support'

/**
 * 备份与恢复 as an office would do it (issue 9 #18): `backup:create` while
 * the server runs, then `backup:restore` on a fresh install (another
 * database, another storage folder, another process): every order,
 * payment, certificate and private file is there, and the audit chain
 * verifies.
 *
 * A backup reads committed data only, so this test commits what it
 * creates; it takes a backup of the test database first and restores it
 * at the end, leaving the database as it found it.
 */
const sha = async (path: string) =>
  createHash('sha256')
    .update(await readFile(path))
    .digest('hex')

test.group('Backups', (group) => {
  group.setup(async () => {
    await ensureCa()
  })

  test('a backup restored on a fresh install has every order, payment, certificate and file; the audit chain verifies', async ({
    client,
    assert,
  }) => {
    const backups = app.tmpPath(`test-backups-${process.pid}`)
    // work outside the test's transaction (a backup only sees what is committed)
    await db.commitGlobalTransaction()
    let start: Awaited<ReturnType<typeof createBackup>> | null = null
    let side: Awaited<ReturnType<typeof sideDatabase>> | null = null
    try {
      start = await createBackup(backups)
      side = await sideDatabase('restore')
      const { cloud, cloudMaterial } = await catalogFixture()
      const user = await verifiedApplicant()
      const order = await fillApplication(client, user, cloud.id, cloudMaterial.id)
      await asApplicant(client.post(`/orders/${order.orderNo}/apply/confirm`), user)
        .withCsrfToken()
        .redirects(0)
      await payWithSandbox(client, user, order.orderNo)
      const reviewer = await createStaff(['reviewer'])
      const approve = await asStaff(client.post(`/admin/orders/${order.orderNo}/approve`), reviewer)
        .withCsrfToken()
        .redirects(0)
      approve.assertStatus(302)

      const orders = await db.from('orders').select('id', 'order_no', 'status').orderBy('id')
      const payments = await db.from('payments').select('id', 'status').orderBy('id')
      const certificates = await db.from('certificates').select('id').orderBy('id')
      const issued = await db.from('issued_certificates').select('serial').orderBy('serial')
      assert.isAbove(orders.length, 0)
      assert.isAbove(payments.length, 0)
      assert.isAbove(certificates.length, 0)
      const materials = await db.from('order_materials').select('file_key')
      assert.isAbove(materials.length, 0)

      // taken by a process of its own while this one (the server) runs
      const created = await ace(await currentInstallEnv(), ['backup:create', '--to', backups])
      assert.equal(created.code, 0, created.output)
      const path = /备份完成：(\S+)/.exec(created.output)![1]
      const manifest = await readManifest(path)
      assert.equal(manifest.tables.orders, orders.length)

      const restored = await ace(side.env, ['backup:restore', path])
      assert.equal(restored.code, 0, restored.output)
      assert.include(restored.output, '审计日志完整')

      const copy = db.connection(side.connection)
      assert.deepEqual(
        await copy.from('orders').select('id', 'order_no', 'status').orderBy('id'),
        orders
      )
      assert.deepEqual(await copy.from('payments').select('id', 'status').orderBy('id'), payments)
      assert.deepEqual(await copy.from('certificates').select('id').orderBy('id'), certificates)
      assert.deepEqual(
        await copy.from('issued_certificates').select('serial').orderBy('serial'),
        issued
      )
      // the CA keys come back encrypted, as they were
      const caKeys = await db
        .from('certificate_authorities')
        .select('id', 'encrypted_key')
        .orderBy('id')
      assert.deepEqual(
        await copy.from('certificate_authorities').select('id', 'encrypted_key').orderBy('id'),
        caKeys
      )
      // every private file, byte for byte
      const sideStorage = side.env.STORAGE_PATH
      for (const file of await listFiles(storageRoot)) {
        assert.equal(
          await sha(join(sideStorage, file.path)),
          await sha(join(storageRoot, file.path)),
          file.path
        )
      }
      for (const material of materials) {
        assert.equal(
          await sha(join(sideStorage, material.file_key)),
          await sha(join(storageRoot, material.file_key))
        )
      }
      const verified = await ace(side.env, ['audit:verify'])
      assert.equal(verified.code, 0, verified.output)

      // a second restore onto the now non-empty install needs --force
      const refused = await ace(side.env, ['backup:restore', path])
      assert.equal(refused.code, 1)
      assert.include(refused.output, '--force')
    } finally {
      await side?.drop()
      // the test database as it was before this test
      if (start) await restoreBackup(start.path, start.manifest)
      await rm(backups, { recursive: true, force: true })
      await db.beginGlobalTransaction()
    }
  }).timeout(240_000)
})

/** the test database and storage, for a process of its own */
async function currentInstallEnv(): Promise<Record<string, string>> {
  const config = app.config.get<any>(`database.connections.${db.primaryConnectionName}`)
  const database: Record<string, string> =
    db.primaryConnectionName === 'pg'
      ? { DB_CONNECTION: 'pg', PG_DB_NAME: String(config.connection.database) }
      : { DB_CONNECTION: 'sqlite', SQLITE_PATH: String(config.connection.filename) }
  return { NODE_ENV: 'test', STORAGE_PATH: storageRoot, ...database }
}
