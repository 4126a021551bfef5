import { test } from '@japa/runner'
import { TransitionRefused, type Lifecycle } from '#core/lifecycle'
import { accountLifecycle } from '#accounts/account_lifecycle'
import { appealReview } from '#accounts/actions/appeals'
import { phoneChangeReview } from '#accounts/actions/phone_changes'
import { realNameReview } from '#accounts/realname/real_name_review'
import { realNameCheckLifecycle } from '#accounts/realname/check_lifecycle'

/**
 * The accounts module's machines, each against its table written out
 * here (not read from the definition): its states with label and tone,
 * its events with the only [from, to] pairs they make, and the audit
 * action of each event. Every event tried from every other state is
 * refused, so that a transition added to a machine (say approved →
 * pending) fails this test until the table says so.
 */
interface Table {
  states: Record<string, [label: string, tone: string]>
  events: Record<string, { action: string; transitions: Array<[string, string]> }>
}

const REVIEW_STATES: Table['states'] = {
  pending: ['待审核', 'warning'],
  approved: ['已通过', 'success'],
  rejected: ['已驳回', 'danger'],
  cancelled: ['已撤回', 'muted'],
}

const TABLES: Array<[string, Lifecycle<string, string>, Table]> = [
  [
    '账号状态',
    accountLifecycle,
    {
      states: {
        active: ['正常', 'success'],
        frozen: ['已冻结', 'danger'],
        deregistered: ['已注销', 'muted'],
      },
      events: {
        deregister: {
          action: 'accounts.user.deregister',
          transitions: [['active', 'deregistered']],
        },
        freeze: { action: 'accounts.user.freeze', transitions: [['active', 'frozen']] },
        unfreeze: { action: 'accounts.user.unfreeze', transitions: [['frozen', 'active']] },
        restore: { action: 'accounts.user.restore', transitions: [['deregistered', 'active']] },
      },
    },
  ],
  [
    '账号申诉',
    appealReview.lifecycle,
    {
      states: REVIEW_STATES,
      events: {
        approve: { action: 'accounts.appeal.approve', transitions: [['pending', 'approved']] },
        reject: { action: 'accounts.appeal.reject', transitions: [['pending', 'rejected']] },
        cancel: { action: 'accounts.appeal.cancel', transitions: [['pending', 'cancelled']] },
      },
    },
  ],
  [
    '手机号变更申请',
    phoneChangeReview.lifecycle,
    {
      states: REVIEW_STATES,
      events: {
        approve: {
          action: 'accounts.phone_request.approve',
          transitions: [['pending', 'approved']],
        },
        reject: { action: 'accounts.phone_request.reject', transitions: [['pending', 'rejected']] },
        cancel: {
          action: 'accounts.phone_request.cancel',
          transitions: [['pending', 'cancelled']],
        },
      },
    },
  ],
  [
    '实名认证申请',
    realNameReview.lifecycle,
    {
      states: {
        pending: ['待审核', 'warning'],
        approved: ['审核通过', 'success'],
        rejected: ['审核未通过', 'danger'],
        cancelled: ['已撤回', 'muted'],
        passed: ['核验通过', 'success'],
        failed: ['核验未通过', 'danger'],
      },
      events: {
        approve: { action: 'accounts.real_name.approved', transitions: [['pending', 'approved']] },
        reject: { action: 'accounts.real_name.rejected', transitions: [['pending', 'rejected']] },
        cancel: { action: 'accounts.real_name.cancel', transitions: [['pending', 'cancelled']] },
      },
    },
  ],
  [
    '实名核验（身份证核验、人脸识别、银行卡四要素、运营商三要素）',
    realNameCheckLifecycle,
    {
      states: {
        pending: ['核验中', 'info'],
        passed: ['核验通过', 'success'],
        failed: ['核验未通过', 'danger'],
        expired: ['已过期', 'muted'],
      },
      events: {
        pass: { action: 'accounts.real_name_check.pass', transitions: [['pending', 'passed']] },
        fail: { action: 'accounts.real_name_check.fail', transitions: [['pending', 'failed']] },
        expire: {
          action: 'accounts.real_name_check.expire',
          transitions: [['pending', 'expired']],
        },
      },
    },
  ],
]

test.group('Accounts · lifecycles', () => {
  for (const [name, machine, table] of TABLES) {
    test(`${name}: states, events and audit actions are the table's`, ({ assert }) => {
      assert.deepEqual(
        Object.fromEntries(machine.stateKeys.map((s) => [s, [machine.label(s), machine.tone(s)]])),
        table.states
      )
      assert.deepEqual(
        Object.fromEntries(
          machine.eventKeys.map((e) => [
            e,
            {
              action: machine.action(e),
              transitions: machine.events[e].transitions.map(([from, to]) => [from, to]),
            },
          ])
        ),
        table.events
      )
    })

    test(`${name}: every event from every other state is refused`, ({ assert }) => {
      for (const [event, { transitions }] of Object.entries(table.events)) {
        for (const from of Object.keys(table.states)) {
          const allowed = transitions.find(([f]) => f === from)
          if (allowed) {
            assert.equal(machine.assert(event, from), allowed[1], `${event} from ${from}`)
            continue
          }
          assert.isFalse(machine.can(event, from), `${event} from ${from}`)
          assert.isFalse(machine.decide(event, from).ok, `${event} from ${from}`)
          assert.throws(() => machine.assert(event, from), TransitionRefused)
        }
      }
    })
  }

  test('a refusal says what the account is and what was asked, in Chinese', ({ assert }) => {
    assert.throws(
      () => accountLifecycle.assert('freeze', 'deregistered'),
      '账号当前状态为“已注销”，不能冻结'
    )
    assert.throws(() => accountLifecycle.assert('unfreeze', 'active'), '该账号未被冻结')
  })
})
