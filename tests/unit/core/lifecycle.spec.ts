import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import {
  REVIEW_STATES,
  SHARED_STATES,
  checkEvents,
  defineLifecycle,
  endings,
  reviewEvents,
  stateLabelOf,
  TransitionRefused,
} from '#core/lifecycle'
import { auditActionLabel, auditValueLabel, registerAuditValues } from '#core/audit/audit_service'
import { isRuleError } from '#core/rule_error'

/**
 * The one lifecycle idiom: what a machine allows, what it refuses (in
 * Chinese), and the one audit entry of each transition.
 */
const parcel = defineLifecycle({
  name: 'tests.parcel',
  subject: 'test_parcel',
  noun: '包裹',
  states: {
    packed: { label: '已打包', tone: 'info' },
    shipped: { label: '已发货', tone: 'info' },
    delivered: { label: '已签收', tone: 'success' },
    lost: { label: '已丢失', tone: 'danger' },
  },
  events: {
    ship: { label: '发货', transitions: [['packed', 'shipped']] },
    arrive: {
      label: '送达',
      transitions: [
        ['shipped', 'delivered'],
        ['shipped', 'lost'],
      ],
      refusal: '只有已发货的包裹可以送达',
    },
  },
})

test.group('Core · lifecycle idiom', () => {
  test("an audit entry's states and coded values read in Chinese (操作日志)", ({ assert }) => {
    assert.equal(stateLabelOf('shipped', { action: 'tests.parcel.ship' }), '已发货')
    assert.equal(stateLabelOf('lost', { subjectType: 'test_parcel' }), '已丢失')
    assert.isUndefined(stateLabelOf('no_such_state', { action: 'tests.parcel.ship' }))
    registerAuditValues({ courier: { sf: '顺丰速运' } })
    registerAuditValues({ courier: { ems: 'EMS' } })
    assert.equal(auditValueLabel('courier', 'sf'), '顺丰速运')
    assert.equal(auditValueLabel('courier', 'ems'), 'EMS')
    assert.isUndefined(auditValueLabel('courier', 'zto'))
  })

  test('a machine built on the presets shows the shared labels and allows only their pairs', ({
    assert,
  }) => {
    const permit = defineLifecycle({
      name: 'tests.permit',
      subject: 'test_permit',
      noun: '许可',
      states: {
        pending: REVIEW_STATES.pending,
        granted: { label: '已生效', tone: 'success' },
        rejected: REVIEW_STATES.rejected,
        expired: SHARED_STATES.expired,
      },
      events: {
        ...reviewEvents('granted'),
        expire: { label: '到期', transitions: [['granted', 'expired']] },
      },
    })
    assert.deepEqual(permit.labels(), {
      pending: '待审核',
      granted: '已生效',
      rejected: '已驳回',
      expired: '已过期',
    })
    assert.equal(permit.tone('pending'), 'warning')
    assert.equal(permit.assert('approve', 'pending'), 'granted')
    assert.equal(permit.eventLabel('reject'), '审核驳回')
    assert.isFalse(permit.can('approve', 'rejected'))

    const pass = defineLifecycle({
      name: 'tests.pass',
      subject: 'test_pass',
      noun: '通行证',
      ...endings(
        'open',
        { label: '有效', tone: 'success' },
        {
          use: { label: '使用', to: 'used', state: { label: '已使用', tone: 'muted' } },
          cancel: { label: '作废', to: 'void', state: { label: '已作废', tone: 'danger' } },
        }
      ),
    })
    assert.deepEqual(pass.stateKeys, ['open', 'used', 'void'])
    assert.deepEqual(pass.events.cancel.transitions, [['open', 'void']])
    assert.equal(pass.label('used'), '已使用')
    assert.deepEqual(checkEvents('verifying').fail.transitions, [['verifying', 'failed']])
  })

  test('labels, tones and the allowed pairs come from one definition', ({ assert }) => {
    assert.equal(parcel.label('shipped'), '已发货')
    assert.equal(parcel.tone('delivered'), 'success')
    assert.deepEqual(parcel.targets('arrive', 'shipped'), ['delivered', 'lost'])
    assert.deepEqual(parcel.sources('arrive'), ['shipped'])
    assert.deepEqual(parcel.eventsFrom('packed'), ['ship'])
    assert.isTrue(parcel.can('arrive', 'shipped', 'lost'))
    assert.isFalse(parcel.can('ship', 'delivered'))
    assert.equal(auditActionLabel('tests.parcel.ship'), '包裹发货')
  })

  test('an event from a state it is not allowed from is refused in Chinese, as a rule error', ({
    assert,
  }) => {
    const refused = parcel.decide('ship', 'delivered')
    assert.deepEqual(refused, { ok: false, message: '包裹当前状态为“已签收”，不能发货' })
    assert.deepEqual(parcel.decide('arrive', 'packed'), {
      ok: false,
      message: '只有已发货的包裹可以送达',
    })
    try {
      parcel.assert('arrive', 'packed')
      assert.fail('should refuse')
    } catch (error) {
      assert.instanceOf(error, TransitionRefused)
      assert.isTrue(isRuleError(error))
      assert.equal((error as TransitionRefused).message, '只有已发货的包裹可以送达')
    }
    assert.throws(() => parcel.assert('arrive', 'shipped', 'packed'), '只有已发货的包裹可以送达')
  })

  test('with several targets, the caller chooses or refuses', ({ assert }) => {
    assert.deepEqual(
      parcel.decide('arrive', 'shipped', () => 'lost'),
      { ok: true, to: 'lost' }
    )
    assert.deepEqual(
      parcel.decide('arrive', 'shipped', () => ({ refuse: '快递公司尚未确认' })),
      { ok: false, message: '快递公司尚未确认' }
    )
    assert.isFalse(parcel.decide('arrive', 'shipped', () => 'packed').ok)
  })

  test('a definition naming an unknown state does not load', ({ assert }) => {
    assert.throws(
      () =>
        defineLifecycle({
          name: 'tests.broken',
          subject: 'x',
          noun: '坏',
          states: { a: { label: 'A', tone: 'info' } },
          events: { go: { label: '走', transitions: [['a', 'b' as 'a']] } },
        }),
      /unknown state/
    )
  })

  test('apply changes the status and writes one audit entry in the same transaction', async ({
    assert,
  }) => {
    const subject = {
      id: 'p-1',
      status: 'packed' as 'packed' | 'shipped' | 'delivered' | 'lost',
      saved: 0,
      async save() {
        this.saved++
      },
    }
    await db.transaction(async (trx) => {
      const change = await parcel.apply(subject, 'ship', trx, { data: { courier: '顺丰' } })
      assert.deepEqual(change, { from: 'packed', to: 'shipped' })
    })
    assert.equal(subject.status, 'shipped')
    assert.equal(subject.saved, 1)
    const entries = await db.from('audit_logs').where('action', 'tests.parcel.ship')
    assert.lengthOf(entries, 1)
    assert.equal(entries[0].subject_type, 'test_parcel')
    assert.deepEqual(JSON.parse(entries[0].data), {
      from: 'packed',
      to: 'shipped',
      courier: '顺丰',
    })

    await assert.rejects(() =>
      db.transaction((trx) => parcel.apply(subject, 'ship', trx).then(() => undefined))
    )
    assert.lengthOf(await db.from('audit_logs').where('action', 'tests.parcel.ship'), 1)
  })
})
