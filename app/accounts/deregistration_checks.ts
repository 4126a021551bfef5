/**
 * What stops an applicant from deregistering, without accounts knowing
 * other modules' tables: certificates registers "active certificates",
 * orders registers "unfinished orders", each from its own routes.ts:
 *
 *   registerDeregistrationCheck('certificates', async (userId) =>
 *     count ? `您有 ${count} 张有效证书，请先注销或等待证书到期` : null)
 *
 * A check returns a Chinese sentence when it blocks, null otherwise.
 */
export type DeregistrationCheck = (userId: string) => Promise<string | null>

const checks = new Map<string, DeregistrationCheck>()

/**
 * Register (or replace, by name) a check.
 */
export function registerDeregistrationCheck(name: string, check: DeregistrationCheck): void
export function registerDeregistrationCheck(check: DeregistrationCheck): void
export function registerDeregistrationCheck(
  nameOrCheck: string | DeregistrationCheck,
  maybeCheck?: DeregistrationCheck
) {
  if (typeof nameOrCheck === 'function') {
    checks.set(`check-${checks.size + 1}`, nameOrCheck)
  } else if (maybeCheck) {
    checks.set(nameOrCheck, maybeCheck)
  }
}

export function unregisterDeregistrationCheck(name: string) {
  checks.delete(name)
}

/**
 * Every reason that blocks this user's deregistration (empty: allowed).
 */
export async function deregistrationBlockers(userId: string): Promise<string[]> {
  const reasons: string[] = []
  for (const check of checks.values()) {
    const reason = await check(userId)
    if (reason) reasons.push(reason)
  }
  return reasons
}
