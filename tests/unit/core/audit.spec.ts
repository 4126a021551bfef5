import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import app from '@adonisjs/core/services/app'
import audit, {
  GENESIS_HASH,
  auditActionLabel,
  auditActionLabels,
  hashEntry,
  registerAuditActions,
} from '#core/audit/audit_service'
import AuditLog from '#core/audit/audit_log'
import SmsMessage from '#core/sms/sms_message'

async function appendSome(n: number) {
  const entries = []
  for (let i = 1; i <= n; i++) {
    entries.push(
      await audit.record({
        action: 'core.test.step',
        actor: { type: 'staff', id: `staff-${i}`, name: `员工${i}` },
        subjectType: 'order',
        subjectId: `100000000000000000${i}`,
        data: { step: i, note: '测试' },
        ip: '198.51.100.7',
        userAgent: 'japa',
      })
    )
  }
  return entries
}

async function runVerifyCommand() {
  const ace = await app.container.make('ace')
  ace.ui.switchMode('raw')
  try {
    const command = await ace.exec('audit:verify', [])
    const output = ace.ui.logger
      .getLogs()
      .map((l: any) => l.message)
      .join('\n')
    ace.ui.logger.flushLogs()
    return { exitCode: command.exitCode, output }
  } finally {
    ace.ui.switchMode('normal')
  }
}

test.group('Audit log: hash chain', () => {
  test('each entry links to the previous one, numbered without gaps', async ({ assert }) => {
    const entries = await appendSome(5)
    assert.deepEqual(
      entries.map((e) => Number(e.seq)),
      [1, 2, 3, 4, 5]
    )
    assert.equal(entries[0].prevHash, GENESIS_HASH)
    for (let i = 1; i < entries.length; i++) assert.equal(entries[i].prevHash, entries[i - 1].hash)

    const stored = await AuditLog.query().orderBy('seq', 'asc')
    for (const row of stored) {
      const recomputed = hashEntry({ ...row.$attributes, seq: Number(row.seq) } as any)
      assert.equal(recomputed, row.hash)
    }
    assert.equal(stored[2].actorName, '员工3')
    assert.deepEqual(stored[2].details, { step: 3, note: '测试' })
    assert.match(stored[2].createdAt, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/)
    const head = await db.from('audit_chain').where('id', 1).first()
    assert.equal(Number(head.last_seq), 5)
    assert.equal(head.last_hash, entries[4].hash)
  })

  test('the hash covers every field', ({ assert }) => {
    const base = {
      prevHash: GENESIS_HASH,
      seq: 1,
      createdAt: '2026-05-01T00:00:00.000Z',
      actorType: 'staff',
      actorId: 'a',
      actorName: '甲',
      action: 'x.y.z',
      subjectType: 'order',
      subjectId: '1',
      data: '{"a":1}',
      ip: '127.0.0.1',
      userAgent: 'ua',
    }
    const hash = hashEntry(base)
    assert.match(hash, /^[0-9a-f]{64}$/)
    for (const key of Object.keys(base) as Array<keyof typeof base>) {
      const changed = { ...base, [key]: key === 'seq' ? 2 : `${base[key]}!` }
      assert.notEqual(hashEntry(changed as any), hash, key)
    }
  })

  test('verify() passes an untouched chain, and an empty one', async ({ assert }) => {
    assert.deepEqual(await audit.verify(), { ok: true, checked: 0 })
    await appendSome(4)
    assert.deepEqual(await audit.verify(), { ok: true, checked: 4 })
  })

  test('a changed field is detected at its entry', async ({ assert }) => {
    await appendSome(5)
    await db
      .from('audit_logs')
      .where('seq', 3)
      .update({ data: JSON.stringify({ step: 3, note: '改过' }) })
    const result = await audit.verify()
    assert.deepEqual(result, {
      ok: false,
      checked: 2,
      brokenAt: 3,
      reason: '第 3 条记录的内容已被改动',
    })
  })

  test('a rewritten entry with a recomputed hash still breaks the link of the next one', async ({
    assert,
  }) => {
    await appendSome(4)
    const row = await AuditLog.findByOrFail('seq', 2)
    const forged = { ...row.$attributes, actorName: '冒名者', seq: 2 } as any
    await db
      .from('audit_logs')
      .where('seq', 2)
      .update({ actor_name: '冒名者', hash: hashEntry(forged) })
    const result = await audit.verify()
    assert.isFalse(result.ok)
    assert.equal(result.brokenAt, 3)
    assert.equal(result.reason, '第 3 条记录与上一条的链接不符')
  })

  test('a deleted entry is detected, in the middle and at the end', async ({ assert }) => {
    await appendSome(5)
    await db.from('audit_logs').where('seq', 5).delete()
    assert.deepEqual(await audit.verify(), {
      ok: false,
      checked: 4,
      brokenAt: 5,
      reason: '链尾应为第 5 条，实际为第 4 条（记录被删除）',
    })
    await db.from('audit_logs').where('seq', 2).delete()
    const middle = await audit.verify()
    assert.equal(middle.brokenAt, 2)
    assert.equal(middle.reason, '缺少第 2 条记录')
  })

  test('an entry written in a transaction that rolls back leaves no trace in the chain', async ({
    assert,
  }) => {
    await appendSome(2)
    await db
      .transaction(async (trx) => {
        await audit.record({ action: 'core.test.step', actor: { type: 'system' } }, trx)
        throw new Error('rollback')
      })
      .catch(() => undefined)
    const next = await audit.record({ action: 'core.test.step', actor: { type: 'system' } })
    assert.equal(Number(next.seq), 3)
    assert.deepEqual(await audit.verify(), { ok: true, checked: 3 })
  })

  test('concurrent appends stay one unbroken chain', async ({ assert }) => {
    await Promise.all(
      Array.from({ length: 25 }, (_, i) =>
        audit.record({ action: 'core.test.step', actor: { type: 'system' }, data: { i } })
      )
    )
    const result = await audit.verify()
    assert.deepEqual(result, { ok: true, checked: 25 })
  })

  test('outside a request the actor is the system; labels are registered per module', async ({
    assert,
  }) => {
    const entry = await audit.record({ action: 'core.test.label' })
    assert.equal(entry.actorType, 'system')
    assert.isNull(entry.ip)
    registerAuditActions({ 'core.test.label': '测试操作' })
    assert.equal(auditActionLabel('core.test.label'), '测试操作')
    assert.equal(auditActionLabel('core.test.unknown'), 'core.test.unknown')
    assert.deepEqual(auditActionLabels('core.test.'), { 'core.test.label': '测试操作' })
  })
})

test.group('Audit log: node ace audit:verify', () => {
  test('exits 0 and says the log is intact', async ({ assert }) => {
    await appendSome(3)
    const { exitCode, output } = await runVerifyCommand()
    assert.equal(exitCode, 0)
    assert.include(output, '审计日志完整：已校验 3 条记录')
  })

  test('exits 1 and names the first broken entry after tampering', async ({ assert }) => {
    await appendSome(4)
    await db.from('audit_logs').where('seq', 2).update({ ip: '10.0.0.1' })
    const { exitCode, output } = await runVerifyCommand()
    assert.equal(exitCode, 1)
    assert.include(
      output,
      '审计日志在第 2 条记录处断开：第 2 条记录的内容已被改动（此前 1 条完整）'
    )
  })
})

test.group('Audit log: a saved row and its entry', () => {
  function outboxRow() {
    const row = new SmsMessage()
    row.fill({
      phone: '13800138000',
      content: '测试短信',
      purpose: 'core_test',
      driver: 'outbox',
      status: 'sent',
    })
    return row
  }

  test('audit.save saves the row and writes one entry about it, in one transaction', async ({
    assert,
  }) => {
    const row = await db.transaction((trx) =>
      audit.save(outboxRow(), trx, {
        action: 'core.test.sms',
        subjectType: 'sms_message',
        data: { purpose: 'core_test' },
      })
    )
    assert.isTrue(row.$isPersisted)
    const entry = await AuditLog.query().where('action', 'core.test.sms').firstOrFail()
    assert.equal(entry.subjectId, row.id)
    assert.deepEqual(entry.details, { purpose: 'core_test' })
    assert.deepEqual(await audit.verify(), { ok: true, checked: 1 })
  })

  test('a rolled-back transaction keeps neither the row nor the entry', async ({ assert }) => {
    const row = outboxRow()
    await db
      .transaction(async (trx) => {
        await audit.save(row, trx, { action: 'core.test.sms', subjectType: 'sms_message' })
        throw new Error('rollback')
      })
      .catch(() => undefined)
    assert.isNull(await SmsMessage.query().where('purpose', 'core_test').first())
    assert.isNull(await AuditLog.query().where('action', 'core.test.sms').first())
  })

  test('without a transaction: both in one of their own; another subject id when named', async ({
    assert,
  }) => {
    const row = await audit.save(outboxRow(), null, {
      action: 'core.test.sms',
      subjectType: 'order',
      subjectId: '1000000000000000001',
    })
    assert.isNotNull(await SmsMessage.find(row.id))
    const entry = await AuditLog.query().where('action', 'core.test.sms').firstOrFail()
    assert.equal(entry.subjectType, 'order')
    assert.equal(entry.subjectId, '1000000000000000001')
  })
})
