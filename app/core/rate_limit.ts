import limiter from '@adonisjs/limiter/services/main'
import { errors } from '@adonisjs/limiter'

const { E_TOO_MANY_REQUESTS: ThrottleException } = errors

export interface RateRule {
  /** requests allowed in the window */
  requests: number
  /** window, e.g. "60 sec", "1 day" */
  duration: string
  /** once exceeded, block for this long (defaults to the rest of the window) */
  blockDuration?: string
}

export type RateResult = { ok: true } | { ok: false; retryAfter: number }

/**
 * Consume one point of every rule; the first rule that is exhausted wins
 * and tells how many seconds to wait. Rules are checked in order, so put
 * the cheapest refusal first.
 */
export async function consumeRates(
  checks: Array<{ key: string; rule: RateRule }>
): Promise<RateResult> {
  for (const { key, rule } of checks) {
    const result = await peekRate(key, rule)
    if (!result.ok) return result
  }
  for (const { key, rule } of checks) {
    try {
      await limiter.use(rule).consume(key)
    } catch (error) {
      if (error instanceof ThrottleException) {
        return { ok: false, retryAfter: Math.max(1, error.response.availableIn) }
      }
      throw error
    }
  }
  return { ok: true }
}

/**
 * Whether a key is exhausted, without consuming.
 */
export async function peekRate(key: string, rule: RateRule): Promise<RateResult> {
  const l = limiter.use(rule)
  const response = await l.get(key)
  if ((await l.isBlocked(key)) || (response && response.remaining <= 0)) {
    return { ok: false, retryAfter: Math.max(1, await l.availableIn(key)) }
  }
  return { ok: true }
}

/**
 * Count a failure (e.g. a wrong password) against a key.
 */
export async function penalize(key: string, rule: RateRule): Promise<RateResult> {
  try {
    await limiter.use(rule).consume(key)
    return { ok: true }
  } catch (error) {
    if (error instanceof ThrottleException) {
      return { ok: false, retryAfter: Math.max(1, error.response.availableIn) }
    }
    throw error
  }
}

export async function resetRate(key: string, rule: RateRule) {
  await limiter.use(rule).delete(key)
}

export function describeWait(seconds: number): string {
  if (seconds < 60) return `${seconds} 秒`
  if (seconds < 3600) return `${Math.ceil(seconds / 60)} 分钟`
  return `${Math.ceil(seconds / 3600)} 小时`
}
