import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import { TransitionRefused } from '#core/lifecycle'
import { auditActionLabel } from '#core/audit/audit_service'
import {
  CERTIFICATE_STATUSES,
  STATUS_TONES,
  certificateLifecycle,
  refusalOf,
  type CertificateEvent,
  type StoredStatus,
} from '#issuance/certificate_lifecycle'
import { issueFromCsr } from '#issuance/actions/issue_certificate'
import { resume, revoke, suspend } from '#issuance/actions/certificate_status'
import { IssuanceError } from '#issuance/actions/errors'
import { dbTime } from '#issuance/services/db_time'
import { ensureCa, opensslCsr } from '#tests/unit/issuance/support'
import { residentId } from '#tests/helpers/factories'

/**
 * The certificate lifecycle against its table written out here (not read
 * from the definition): a transition added to app/issuance/certificate_lifecycle.ts
 * (say revoked → valid) fails this test until the table says so.
 */
const STATES: Record<StoredStatus, [label: string, tone: string]> = {
  valid: ['正常', 'success'],
  suspended: ['冻结', 'warning'],
  revoked: ['已注销', 'danger'],
}

const EVENTS: Record<
  CertificateEvent,
  { action: string; label: string; transitions: Array<[StoredStatus, StoredStatus]> }
> = {
  suspend: {
    action: 'issuance.certificate.suspend',
    label: '冻结证书',
    transitions: [['valid', 'suspended']],
  },
  resume: {
    action: 'issuance.certificate.resume',
    label: '解冻证书',
    transitions: [['suspended', 'valid']],
  },
  revoke: {
    action: 'issuance.certificate.revoke',
    label: '注销证书',
    transitions: [
      ['valid', 'revoked'],
      ['suspended', 'revoked'],
    ],
  },
}

/** what the CA says when an event does not fit the state */
const REFUSALS: Array<[CertificateEvent, StoredStatus, string]> = [
  ['suspend', 'suspended', '证书已处于冻结状态'],
  ['suspend', 'revoked', '证书已注销，不能冻结'],
  ['resume', 'valid', '证书未被冻结，无需解冻'],
  ['resume', 'revoked', '证书已注销，不能解冻'],
  ['revoke', 'revoked', '证书已注销，不能重复注销'],
]

const ACTIONS = {
  suspend: (serial: string) => suspend(serial, { note: '测试' }),
  resume: (serial: string) => resume(serial, { note: '测试' }),
  revoke: (serial: string) => revoke(serial, 'unspecified', { note: '测试' }),
}

async function issue() {
  const { csrPem } = await opensslCsr()
  return issueFromCsr({
    csrPem,
    profile: 'personal',
    subject: { name: '周八', idNumber: residentId() },
  })
}

/** the refusal a promise ends with (a success is returned, and fails the assertions) */
const failure = (promise: Promise<unknown>) =>
  promise.then(
    (value) => value as IssuanceError,
    (error) => error as IssuanceError
  )

const rowOf = (serial: string) => db.from('issued_certificates').where('serial', serial).first()

test.group('Issuance · the certificate lifecycle (table)', () => {
  test('states, events and audit actions are the table', ({ assert }) => {
    assert.deepEqual(
      Object.fromEntries(
        certificateLifecycle.stateKeys.map((s) => [
          s,
          [certificateLifecycle.label(s), certificateLifecycle.tone(s)],
        ])
      ),
      STATES
    )
    assert.deepEqual(
      Object.fromEntries(
        certificateLifecycle.eventKeys.map((e) => [
          e,
          {
            action: certificateLifecycle.action(e),
            label: auditActionLabel(certificateLifecycle.action(e)),
            transitions: certificateLifecycle.events[e].transitions.map(([from, to]) => [from, to]),
          },
        ])
      ),
      EVENTS
    )
  })

  test('every event from every other state is refused; revoked is final', ({ assert }) => {
    for (const [event, { transitions }] of Object.entries(EVENTS) as Array<
      [CertificateEvent, (typeof EVENTS)[CertificateEvent]]
    >) {
      for (const from of Object.keys(STATES) as StoredStatus[]) {
        const allowed = transitions.find(([f]) => f === from)
        if (allowed) {
          assert.equal(
            certificateLifecycle.assert(event, from),
            allowed[1],
            `${event} from ${from}`
          )
          continue
        }
        assert.isFalse(certificateLifecycle.can(event, from), `${event} from ${from}`)
        assert.isFalse(certificateLifecycle.decide(event, from).ok, `${event} from ${from}`)
        assert.throws(() => certificateLifecycle.assert(event, from), TransitionRefused)
      }
    }
    assert.deepEqual(certificateLifecycle.eventsFrom('revoked'), [])
    for (const [event, from, message] of REFUSALS) {
      assert.equal(refusalOf(event, from), message, `${event} from ${from}`)
    }
  })

  test('"expired" is derived from notAfter, never a state of the machine', ({ assert }) => {
    assert.notInclude(certificateLifecycle.stateKeys, 'expired')
    assert.deepEqual(CERTIFICATE_STATUSES, {
      valid: '正常',
      suspended: '冻结',
      revoked: '已注销',
      expired: '已过期',
    })
    assert.deepEqual(STATUS_TONES, {
      valid: 'success',
      suspended: 'warning',
      revoked: 'danger',
      expired: 'muted',
    })
  })
})

test.group('Issuance · the certificate lifecycle applied', (group) => {
  group.setup(async () => {
    await ensureCa()
  })

  test('each refused event is an IssuanceError transition_invalid (409) and changes nothing', async ({
    assert,
  }) => {
    for (const [event, from, message] of REFUSALS) {
      const cert = await issue()
      await db.from('issued_certificates').where('serial', cert.serial).update({ status: from })
      const before = await rowOf(cert.serial)
      const error = await failure(ACTIONS[event](cert.serial))
      assert.instanceOf(error, IssuanceError)
      assert.equal(error.code, 'transition_invalid', `${event} from ${from}`)
      assert.equal(error.status, 409)
      assert.equal(error.message, message)
      const after = await rowOf(cert.serial)
      assert.equal(after.status, from)
      assert.equal(String(after.status_changed_at), String(before.status_changed_at))
      const entries = await db
        .from('audit_logs')
        .where('subject_id', cert.serial)
        .where('action', certificateLifecycle.action(event))
      assert.lengthOf(entries, 0)
    }
  })

  test('an expired certificate takes no event (expired, 409)', async ({ assert }) => {
    const cert = await issue()
    await db
      .from('issued_certificates')
      .where('serial', cert.serial)
      .update({ not_after: dbTime(new Date(Date.now() - 86_400_000)) })
    for (const event of ['suspend', 'revoke'] as const) {
      const error = await failure(ACTIONS[event](cert.serial))
      assert.equal(error.code, 'expired')
      assert.equal(error.status, 409)
      assert.equal(error.message, `证书已过期，不能${event === 'suspend' ? '冻结' : '注销'}`)
    }
    assert.equal((await rowOf(cert.serial)).status, 'valid')
  })

  test('each allowed transition writes one audit entry with from and to', async ({ assert }) => {
    const cert = await issue()
    await suspend(cert.serial, { note: '挂失' })
    await resume(cert.serial, { note: '找回' })
    await suspend(cert.serial, { note: '再挂失' })
    await revoke(cert.serial, 'keyCompromise', { note: '遗失' })
    const entries = await db
      .from('audit_logs')
      .where('subject_id', cert.serial)
      .whereLike('action', 'issuance.certificate.%')
      .whereNot('action', 'issuance.certificate.issue')
      .orderBy('seq')
    assert.deepEqual(
      entries.map((e) => {
        const data = JSON.parse(e.data)
        return [e.action, data.from, data.to, data.note]
      }),
      [
        ['issuance.certificate.suspend', 'valid', 'suspended', '挂失'],
        ['issuance.certificate.resume', 'suspended', 'valid', '找回'],
        ['issuance.certificate.suspend', 'valid', 'suspended', '再挂失'],
        ['issuance.certificate.revoke', 'suspended', 'revoked', '遗失'],
      ]
    )
    assert.equal(JSON.parse(entries[3].data).reason, 'keyCompromise')
    assert.equal(JSON.parse(entries[0].data).reason, 'certificateHold')
  })
})
