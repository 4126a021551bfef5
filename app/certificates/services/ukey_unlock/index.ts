import env from '#start/env'
import { createHash } from 'node:crypto'
import type { UkeyUnlockProvider } from './contract.js'
import { SandboxUkeyUnlock } from './sandbox.js'
import { HttpUkeyUnlock } from './http.js'

/**
 * The configured uKey unlock provider: `UKEY_UNLOCK_DRIVER` = `sandbox`
 * (default) or `http` (`UKEY_UNLOCK_HTTP_URL`, `UKEY_UNLOCK_HTTP_SECRET`).
 */
let provider: UkeyUnlockProvider | null = null

function read(
  key:
    | 'UKEY_UNLOCK_DRIVER'
    | 'UKEY_UNLOCK_SANDBOX_SECRET'
    | 'UKEY_UNLOCK_HTTP_URL'
    | 'UKEY_UNLOCK_HTTP_SECRET'
) {
  return env.get(key) || undefined
}

export function ukeyUnlockProvider(): UkeyUnlockProvider {
  if (provider) return provider
  if (read('UKEY_UNLOCK_DRIVER') === 'http') {
    provider = new HttpUkeyUnlock({
      url: read('UKEY_UNLOCK_HTTP_URL') ?? '',
      secret: read('UKEY_UNLOCK_HTTP_SECRET') ?? '',
    })
  } else {
    const secret =
      read('UKEY_UNLOCK_SANDBOX_SECRET') ??
      createHash('sha256')
        .update(`ukey-unlock:${env.get('APP_KEY').release()}`)
        .digest('hex')
    provider = new SandboxUkeyUnlock(secret)
  }
  return provider
}

/** tests: use this provider (null: back to the configured one) */
export function useUkeyUnlockProvider(next: UkeyUnlockProvider | null) {
  provider = next
}

export { normaliseChallenge, groupCode, type UkeyUnlockProvider } from './contract.js'
export { SandboxUkeyUnlock } from './sandbox.js'
export { HttpUkeyUnlock } from './http.js'
