/**
 * What stops an org from deregistering, without orgs knowing the higher
 * modules' tables: certificates registers "active certificates of the
 * org", orders "open orders of the org", each at its boot:
 *
 *   registerOrgDeregistrationCheck('certificates', async (orgId) =>
 *     count ? `该机构有 ${count} 张有效证书，请先注销` : null)
 *
 * A check returns a Chinese sentence when it blocks, null otherwise.
 */
export type OrgDeregistrationCheck = (orgId: string) => Promise<string | null>

const checks = new Map<string, OrgDeregistrationCheck>()

/** register (or replace, by name) a check */
export function registerOrgDeregistrationCheck(name: string, check: OrgDeregistrationCheck) {
  checks.set(name, check)
}

export function unregisterOrgDeregistrationCheck(name: string) {
  checks.delete(name)
}

/** every reason that blocks this org's deregistration (empty: allowed) */
export async function orgDeregistrationBlockers(orgId: string): Promise<string[]> {
  const reasons: string[] = []
  for (const check of checks.values()) {
    const reason = await check(orgId)
    if (reason) reasons.push(reason)
  }
  return reasons
}
