import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import audit, { registerAuditActions, type AuditActor } from '#core/audit/audit_service'
import { RuleError } from '#core/rule_error'

/**
 * The one idiom for every lifecycle (orders, payments, account status,
 * reviews, certificates, and the ones to come: refunds, invoices, orgs,
 * seals, QR sessions): states with a Chinese label and a tone, events as
 * the allowed [from, to] pairs, `decide`/`assert` to ask the machine, and
 * `apply`/`record` to make a transition and write its one audit entry
 * (`<name>.<event>`, data `{ from, to, … }`).
 *
 *   export const appealLifecycle = defineLifecycle({
 *     name: 'accounts.appeal', subject: 'account_appeal', noun: '账号申诉',
 *     states: { pending: { label: '待审核', tone: 'warning' }, approved: { … } },
 *     events: { approve: { label: '审核通过', transitions: [['pending', 'approved']] } },
 *   })
 *   const to = appealLifecycle.assert('approve', appeal.status)   // RuleError if not allowed
 *   await appealLifecycle.apply(appeal, 'approve', trx, { data: { reason } })
 *
 * Every machine defined here is listed by `lifecycles()`, so that one
 * test can walk each event from each state.
 *
 * A machine does not redeclare what others have: SHARED_STATES holds the
 * states many machines show alike (待审核, 已驳回, 核验中…), and presets
 * give the recurring shapes to extend (REVIEW_STATES + reviewEvents,
 * checkEvents, endings; member grants' in #core/member_grant).
 */
export type Tone = 'success' | 'warning' | 'danger' | 'info' | 'muted'

export interface StateDefinition {
  label: string
  tone: Tone
}

export interface EventDefinition<S extends string> {
  /** what happened, in Chinese ("审核通过"); the audit label is noun + label */
  label: string
  /** the only transitions this event makes */
  transitions: ReadonlyArray<readonly [S, S]>
  /** the Chinese refusal when the subject is in none of the `from` states */
  refusal?: string
  /** its audit action when one was written before the idiom (default `<name>.<event>`) */
  action?: string
  /** its audit label when the log has always shown another than noun + label ("冻结证书") */
  auditLabel?: string
}

export interface LifecycleDefinition<S extends string, E extends string> {
  /** audit action prefix, module.thing ("orders.order") */
  name: string
  /** audit subject type ("order") */
  subject: string
  /** the thing in Chinese ("订单"): audit labels and default refusals */
  noun: string
  states: Record<S, StateDefinition>
  events: Record<E, EventDefinition<S>>
  /** extra audit labels of the same subject that are not transitions */
  auditActions?: Record<string, string>
}

/**
 * The states many machines share, each with the one label and tone users
 * learn once: 待审核 is always a warning, 已驳回 always danger, 核验中 always
 * info… A machine (or a state table outside a machine) takes them by name
 * and declares only the states of its own.
 */
export const SHARED_STATES = {
  normal: { label: '正常', tone: 'success' },
  awaitingReview: { label: '待审核', tone: 'warning' },
  rejected: { label: '已驳回', tone: 'danger' },
  withdrawn: { label: '已撤回', tone: 'muted' },
  expired: { label: '已过期', tone: 'muted' },
  deregistered: { label: '已注销', tone: 'muted' },
  verifying: { label: '核验中', tone: 'info' },
  verified: { label: '核验通过', tone: 'success' },
  notVerified: { label: '核验未通过', tone: 'danger' },
  verifyFailed: { label: '核验失败', tone: 'danger' },
  awaitingPayment: { label: '待支付', tone: 'warning' },
  paid: { label: '已支付', tone: 'success' },
  refunding: { label: '退款中', tone: 'warning' },
  refunded: { label: '已退款', tone: 'muted' },
} as const satisfies Record<string, StateDefinition>

/**
 * The review preset (#core/review builds every staff review on it; a
 * machine with a review step, such as a seal's, extends it): 待审核 →
 * 已通过 | 已驳回 | 已撤回.
 */
export const REVIEW_STATES = {
  pending: SHARED_STATES.awaitingReview,
  approved: { label: '已通过', tone: 'success' },
  rejected: SHARED_STATES.rejected,
  cancelled: SHARED_STATES.withdrawn,
} as const satisfies Record<string, StateDefinition>

export type ReviewState = keyof typeof REVIEW_STATES

/**
 * The review preset's decisions from 待审核 (pending): 审核通过 to
 * `approvedTo` (approved, or the machine's own state such as a seal's
 * active) and 审核驳回 to rejected. `actions` keeps audit action names
 * written before the idiom.
 */
export function reviewEvents<To extends string>(
  approvedTo: To,
  actions: { approve?: string; reject?: string } = {}
) {
  return {
    approve: {
      label: '审核通过',
      transitions: [['pending', approvedTo]],
      action: actions.approve,
    },
    reject: {
      label: '审核驳回',
      transitions: [['pending', 'rejected']],
      action: actions.reject,
    },
  } satisfies Record<string, EventDefinition<'pending' | 'rejected' | To>>
}

/**
 * The endings preset: one open state that each event ends in a state of
 * its own (a membership is left or removed, a voucher confirmed or
 * returned); each ending names its event, its state and their labels
 * once.
 *
 *   ...endings('active', { label: '在职', tone: 'success' }, {
 *     leave: { label: '退出机构', to: 'left', state: { label: '已退出', tone: 'muted' } },
 *   })
 */
export function endings<
  const Open extends string,
  const E extends string,
  const End extends string,
>(
  open: Open,
  openState: StateDefinition,
  ends: Record<E, { label: string; to: End; state: StateDefinition }>
) {
  const states = { [open]: openState } as Record<Open | End, StateDefinition>
  const events = {} as Record<E, EventDefinition<Open | End>>
  for (const [event, end] of Object.entries(ends) as Array<[E, (typeof ends)[E]]>) {
    states[end.to] = end.state
    events[event] = { label: end.label, transitions: [[open, end.to]] }
  }
  return { states, events }
}

/**
 * The automatic-check preset (a real-name check, an org claim's phone or
 * deposit check): from its open state (核验中) the provider's answer
 * passes (通过 → passed) or fails (未通过 → failed) it.
 */
export function checkEvents<Open extends string>(open: Open) {
  return {
    pass: { label: '通过', transitions: [[open, 'passed']] },
    fail: { label: '未通过', transitions: [[open, 'failed']] },
  } satisfies Record<string, EventDefinition<Open | 'passed' | 'failed'>>
}

export type Decision<S extends string> = { ok: true; to: S } | { ok: false; message: string }

/**
 * A transition the machine refuses: a rule error, shown to the user.
 */
export class TransitionRefused extends RuleError {
  constructor(
    message: string,
    public readonly event?: string,
    public readonly from?: string
  ) {
    super(message, { code: 'transition_refused', status: 409 })
  }
}

export interface ApplyOptions<S extends string> {
  /** the target when the event allows several from this state (else the only one) */
  to?: S
  /** audit entry data besides from/to */
  data?: Record<string, unknown>
  /** audit subject id (default: the subject's `id`) */
  subjectId?: string | number
  /** who (default: the current request's user/staff, else system) */
  actor?: AuditActor
}

interface Stateful<S extends string> {
  status: S
  save(): Promise<unknown>
  useTransaction?(trx: TransactionClientContract): unknown
  id?: unknown
}

export class Lifecycle<S extends string, E extends string> {
  readonly name: string
  readonly subject: string
  readonly noun: string
  readonly states: Readonly<Record<S, StateDefinition>>
  readonly events: Readonly<Record<E, EventDefinition<S>>>

  constructor(definition: LifecycleDefinition<S, E>) {
    this.name = definition.name
    this.subject = definition.subject
    this.noun = definition.noun
    this.states = definition.states
    this.events = definition.events
    for (const [event, def] of Object.entries(definition.events) as Array<
      [E, EventDefinition<S>]
    >) {
      for (const [from, to] of def.transitions) {
        if (!(from in definition.states) || !(to in definition.states)) {
          throw new Error(`${definition.name}.${event}: unknown state in [${from}, ${to}]`)
        }
      }
    }
  }

  get stateKeys(): S[] {
    return Object.keys(this.states) as S[]
  }

  get eventKeys(): E[] {
    return Object.keys(this.events) as E[]
  }

  isState(value: unknown): value is S {
    return typeof value === 'string' && value in this.states
  }

  label(state: string): string {
    return (this.states as Record<string, StateDefinition>)[state]?.label ?? state
  }

  tone(state: string): Tone {
    return (this.states as Record<string, StateDefinition>)[state]?.tone ?? 'muted'
  }

  /** { key: label } for filters and selects */
  labels(): Record<S, string> {
    return Object.fromEntries(this.stateKeys.map((s) => [s, this.states[s].label])) as Record<
      S,
      string
    >
  }

  eventLabel(event: E): string {
    return this.events[event].label
  }

  /** the states an event may lead to from `from` */
  targets(event: E, from: S): S[] {
    return this.events[event].transitions.filter(([f]) => f === from).map(([, to]) => to)
  }

  /** the states an event may start from */
  sources(event: E): S[] {
    return [...new Set(this.events[event].transitions.map(([from]) => from))]
  }

  can(event: E, from: S, to?: S): boolean {
    const targets = this.targets(event, from)
    return to === undefined ? targets.length > 0 : targets.includes(to)
  }

  /** the events allowed from a state */
  eventsFrom(from: S): E[] {
    return this.eventKeys.filter((event) => this.can(event, from))
  }

  refusal(event: E, from: S): string {
    return (
      this.events[event].refusal ??
      `${this.noun}当前状态为“${this.label(from)}”，不能${this.events[event].label}`
    )
  }

  /**
   * The target of an event from a state, or why not. With several
   * targets, `choose` picks one (it may refuse with a message), else the
   * first is taken.
   */
  decide(event: E, from: S, choose?: (targets: S[]) => S | { refuse: string }): Decision<S> {
    const targets = this.targets(event, from)
    if (!targets.length) return { ok: false, message: this.refusal(event, from) }
    if (!choose) return { ok: true, to: targets[0] }
    const picked = choose(targets)
    if (typeof picked === 'object') return { ok: false, message: picked.refuse }
    if (!targets.includes(picked)) return { ok: false, message: this.refusal(event, from) }
    return { ok: true, to: picked }
  }

  /**
   * The target, or a TransitionRefused (a rule error with the Chinese
   * refusal). With `to`, that exact transition must be allowed.
   */
  assert(event: E, from: S, to?: S): S {
    const targets = this.targets(event, from)
    if (to !== undefined ? !targets.includes(to) : !targets.length) {
      throw new TransitionRefused(this.refusal(event, from), event, from)
    }
    return to ?? targets[0]
  }

  /** the audit action of an event ("orders.order.approve") */
  action(event: E): string {
    return this.events[event].action ?? `${this.name}.${event}`
  }

  /**
   * Write the audit entry of a transition made by the caller (in its
   * transaction, so that both commit or neither).
   */
  async record(
    event: E,
    change: { from: S; to: S; subjectId: string | number; data?: Record<string, unknown> },
    trx: TransactionClientContract,
    actor?: AuditActor
  ) {
    await audit.record(
      {
        action: this.action(event),
        subjectType: this.subject,
        subjectId: change.subjectId,
        data: { from: change.from, to: change.to, ...change.data },
        actor,
      },
      trx
    )
  }

  /**
   * Apply an event to a model inside the caller's transaction: check the
   * machine, set and save the status (with whatever the caller merged
   * before), and write the audit entry. Returns from/to.
   */
  async apply<M extends Stateful<S>>(
    subject: M,
    event: E,
    trx: TransactionClientContract,
    options: ApplyOptions<S> = {}
  ): Promise<{ from: S; to: S }> {
    const from = subject.status
    const to = this.assert(event, from, options.to)
    subject.useTransaction?.(trx)
    subject.status = to
    await subject.save()
    await this.record(
      event,
      { from, to, subjectId: String(options.subjectId ?? subject.id), data: options.data },
      trx,
      options.actor
    )
    return { from, to }
  }

  /** the audit labels of this machine's events ("订单审核通过") */
  auditLabels(): Record<string, string> {
    return Object.fromEntries(
      this.eventKeys.map((event) => {
        const { auditLabel, label } = this.events[event]
        return [this.action(event), auditLabel ?? `${this.noun}${label}`]
      })
    )
  }
}

const registry: Array<Lifecycle<any, any>> = []

export function defineLifecycle<S extends string, E extends string>(
  definition: LifecycleDefinition<S, E>
): Lifecycle<S, E> {
  const lifecycle = new Lifecycle(definition)
  registry.push(lifecycle)
  registerAuditActions({ ...lifecycle.auditLabels(), ...definition.auditActions })
  return lifecycle
}

/** every machine defined so far (for the table tests and the audit viewer) */
export function lifecycles(): ReadonlyArray<Lifecycle<any, any>> {
  return registry
}

/**
 * The Chinese label of a state named in an audit entry (its from, to or
 * status): by the lifecycle that wrote the action, else by its subject
 * type, else by any lifecycle that has the state. Undefined when no
 * lifecycle knows it.
 */
export function stateLabelOf(
  state: string,
  entry: { action?: string | null; subjectType?: string | null } = {}
): string | undefined {
  const action = entry.action ?? ''
  const known = (l: Lifecycle<any, any>) => Object.hasOwn(l.states, state)
  const owner =
    registry.find(
      (l) =>
        known(l) &&
        (action.startsWith(`${l.name}.`) ||
          (l.eventKeys as string[]).some((event) => l.action(event) === action))
    ) ??
    registry.find((l) => known(l) && entry.subjectType && l.subject === entry.subjectType) ??
    registry.find(known)
  return owner?.label(state)
}
