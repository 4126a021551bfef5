import { test } from '@japa/runner'
import { TransitionRefused, type Lifecycle } from '#core/lifecycle'
import {
  claimCheckLifecycle,
  depositLifecycle,
  membershipLifecycle,
  orgLifecycle,
  transferLifecycle,
} from '#orgs/lifecycles'
import { claimReview } from '#orgs/actions/claims'
import { applicationReview } from '#orgs/actions/applications'
import {
  orgDeregistrationBlockers,
  registerOrgDeregistrationCheck,
  unregisterOrgDeregistrationCheck,
} from '#orgs/actions/deregistration'

/**
 * The organisations' machines as a table, written out by hand: a
 * transition added to a machine fails here until the table says so too.
 */
type Table = {
  machine: Lifecycle<any, any>
  states: Record<string, string>
  events: Record<string, Array<[string, string]>>
}

const TABLE: Record<string, Table> = {
  'orgs.org': {
    machine: orgLifecycle,
    states: { unclaimed: '未认领', claimed: '已认领', deregistered: '已注销' },
    events: {
      claim: [
        ['unclaimed', 'claimed'],
        ['deregistered', 'claimed'],
      ],
      deregister: [['claimed', 'deregistered']],
    },
  },
  'orgs.membership': {
    machine: membershipLifecycle,
    states: { active: '在职', left: '已退出', removed: '已移除' },
    events: { leave: [['active', 'left']], remove: [['active', 'removed']] },
  },
  'orgs.claim_check': {
    machine: claimCheckLifecycle,
    states: { verifying: '核验中', passed: '核验通过', failed: '核验失败' },
    events: { pass: [['verifying', 'passed']], fail: [['verifying', 'failed']] },
  },
  'orgs.deposit': {
    machine: depositLifecycle,
    states: { pending: '打款处理中', sent: '已打款', refused: '银行未受理' },
    events: { send: [['pending', 'sent']], refuse: [['pending', 'refused']] },
  },
  'orgs.transfer': {
    machine: transferLifecycle,
    states: {
      pending: '待法定代表人签署',
      signed: '已签署，生效中',
      completed: '已移交',
      cancelled: '已撤回',
      expired: '已过期',
      failed: '移交失败',
    },
    events: {
      sign: [['pending', 'signed']],
      complete: [['signed', 'completed']],
      fail: [['signed', 'failed']],
      cancel: [['pending', 'cancelled']],
      expire: [['pending', 'expired']],
    },
  },
}

test.group('Orgs · lifecycles', () => {
  for (const [name, row] of Object.entries(TABLE)) {
    test(`${name}: states and transitions are exactly the table's`, ({ assert }) => {
      const machine = row.machine
      assert.equal(machine.name, name)
      assert.deepEqual(machine.labels(), row.states)
      assert.sameMembers(machine.eventKeys, Object.keys(row.events))
      for (const event of machine.eventKeys) {
        for (const from of machine.stateKeys) {
          const allowed = row.events[event].filter(([f]) => f === from).map(([, to]) => to)
          assert.deepEqual(machine.targets(event, from), allowed, `${event} from ${from}`)
          if (!allowed.length) assert.throws(() => machine.assert(event, from), TransitionRefused)
        }
      }
    })
  }

  test('a claimed org refuses a second claim with the sentence users read', ({ assert }) => {
    assert.throws(() => orgLifecycle.assert('claim', 'claimed'), /已被认领/)
  })

  test('the reviews: claims show their automatic-check states; 审核管理 uses its own 驳回类型', ({
    assert,
  }) => {
    assert.equal(claimReview.label('failed'), '核验失败')
    assert.equal(claimReview.label('pending'), '待审核')
    assert.equal(applicationReview.reasonTypeLabel('not_staff'), '非本单位人员')
  })
})

test.group('Orgs · deregistration registry', () => {
  test('higher modules register what blocks an org’s deregistration', async ({ assert }) => {
    registerOrgDeregistrationCheck('test-certs', async (orgId) =>
      orgId === 'blocked' ? '该机构有 1 张有效证书' : null
    )
    try {
      assert.deepEqual(await orgDeregistrationBlockers('blocked'), ['该机构有 1 张有效证书'])
      assert.deepEqual(await orgDeregistrationBlockers('free'), [])
    } finally {
      unregisterOrgDeregistrationCheck('test-certs')
    }
  })
})
