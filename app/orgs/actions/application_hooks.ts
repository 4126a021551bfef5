import type { TransactionClientContract } from '@adonisjs/lucid/types/database'

/**
 * What other modules do when an org admin approves a member's application
 * in 审核管理 (a registry filled at boot): the seals module turns an
 * approved 用章权限 application into seal authorisations. Runs inside the
 * decision's transaction: a refusal undoes the approval.
 */
export interface ApprovedApplication {
  type: string
  orgId: string
  userId: string
  requestNo: string
  reason: string | null
}

export type ApplicationHook = (
  application: ApprovedApplication,
  trx: TransactionClientContract
) => Promise<unknown>

const hooks = new Map<string, ApplicationHook[]>()

export function onApplicationApproved(type: string, hook: ApplicationHook) {
  hooks.set(type, [...(hooks.get(type) ?? []), hook])
}

export async function runApplicationHooks(
  application: ApprovedApplication,
  trx: TransactionClientContract
) {
  const results: unknown[] = []
  for (const hook of hooks.get(application.type) ?? []) results.push(await hook(application, trx))
  return results
}
