import type { TransactionClientContract } from '@adonisjs/lucid/types/database'

/**
 * What other modules do when an org becomes 已认领 (a registry filled at
 * boot): the invoices module makes the org's own 发票抬头 (its name and
 * credit code). Runs inside the claim's transaction: a refusal undoes the
 * claim.
 */
export interface ClaimedOrg {
  orgId: string
  name: string
  uscc: string
  /** the claimant, its first 管理员 */
  userId: string
  /** the claimant's email ('' when none) */
  email: string
}

export type OrgClaimedHook = (org: ClaimedOrg, trx: TransactionClientContract) => Promise<unknown>

const hooks: OrgClaimedHook[] = []

export function onOrgClaimed(hook: OrgClaimedHook) {
  hooks.push(hook)
  return () => hooks.splice(hooks.indexOf(hook), 1)
}

export async function runOrgClaimedHooks(org: ClaimedOrg, trx: TransactionClientContract) {
  for (const hook of [...hooks]) await hook(org, trx)
}
