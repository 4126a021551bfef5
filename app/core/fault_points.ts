/**
 * Fault injection for the crash tests (issue 9: "a test hook that throws
 * at each step"). Code that must survive a crash between two steps marks
 * the place:
 *
 *   faultPoint('issuance.after_ca_insert')
 *
 * which does nothing unless a test armed that point:
 *
 *   armFault('issuance.after_ca_insert')          // the next pass throws InjectedFault
 *   armFault('orders.approve.after_commit', { times: 2 })
 *   disarmFaults()                                 // in the test's cleanup
 *
 * A thrown InjectedFault stands for the process dying there: whatever the
 * surrounding transaction wrote is rolled back, what was committed before
 * stays. Arming is refused outside NODE_ENV=test, so a production process
 * can never be made to fail by it; unarmed, a fault point is one Map
 * lookup on an empty map.
 *
 * Every point is named in FAULT_POINTS (the tests loop over them).
 */
export const FAULT_POINTS = {
  /* payment notification (one transaction: payment → order → commit) */
  'payments.notify.after_lock': '支付通知：锁定支付记录之后',
  'orders.pay.after_transition': '支付通知：订单已记为已支付、支付记录尚未更新',
  'payments.settle.after_paid': '支付通知：支付记录已更新、尚未提交',
  'payments.notify.after_commit': '支付通知：已提交、尚未应答网关',
  /* approval (one transaction: order → review → job), then issuance (one transaction) */
  'orders.approve.before_commit': '审核通过：订单已通过、签发任务已入队、尚未提交',
  'orders.approve.after_commit': '审核通过：已提交、尚未签发',
  'issuance.after_ca_insert': '签发：CA 已写入证书、尚未写入密钥与审计',
  'issuance.after_ca_audit': '签发：CA 已写入证书与审计、尚未写入我的证书',
  'certificates.after_record': '签发：我的证书已写入、订单尚未完成',
  'orders.issue.after_transition': '签发：订单已完成、尚未提交',
  'orders.issue.after_commit': '签发：已提交、提交后的工作（如初始 PIN 短信）尚未进行',
  /* seals: making (one transaction: seal → audit → review request), approval (one transaction) */
  'seals.create.after_insert': '制作印章：印章已写入、审计与审核申请尚未写入',
  'seals.review.after_apply': '印章审核：印章已生效、尚未提交',
  /* orders: a paid package order (one transaction: grant → order 已完成) */
  'orders.package.after_grant': '开通套餐：套餐已开通、订单尚未完成与提交',
  /* platforms: 开通 during a scan (the order commits, then the applicant is sent to pay) */
  'platforms.scan.after_order': '扫码开通：套餐订单已提交、尚未转到支付',
  /* orgs: a claim's 对公打款 (claim + transfer commit, then the bank, then its answer) */
  'orgs.deposit.after_intent': '对公打款：认领与打款指令已提交、尚未调用银行',
  'orgs.deposit.after_bank': '对公打款：银行已受理、结果尚未记录',
  /* orgs: 管理员移交 (the legal representative's signature commits, then the roles change in one transaction) */
  'orgs.transfer.after_consent': '管理员移交：法定代表人签署已提交、角色尚未变更',
  'orgs.transfer.after_roles': '管理员移交：角色已变更、尚未提交',
} as const

export type FaultPointName = keyof typeof FAULT_POINTS

export class InjectedFault extends Error {
  constructor(readonly point: string) {
    super(`injected fault at ${point}`)
    this.name = 'InjectedFault'
  }
}

const armed = new Map<string, { remaining: number }>()

export function faultPoint(name: FaultPointName): void {
  if (armed.size === 0) return
  const fault = armed.get(name)
  if (!fault) return
  fault.remaining--
  if (fault.remaining <= 0) armed.delete(name)
  throw new InjectedFault(name)
}

/**
 * Make the next `times` passes through `name` throw (tests only).
 */
export function armFault(name: FaultPointName, options: { times?: number } = {}) {
  if (process.env.NODE_ENV !== 'test') {
    throw new Error('fault points can only be armed in tests (NODE_ENV=test)')
  }
  if (!(name in FAULT_POINTS)) throw new Error(`unknown fault point ${name}`)
  armed.set(name, { remaining: options.times ?? 1 })
}

export function disarmFaults() {
  armed.clear()
}

/** the points still armed (a test checks its fault was actually hit) */
export function armedFaults(): string[] {
  return [...armed.keys()]
}
