/**
 * uKey PIN unlock (解锁授权码): the key's management tool shows a challenge
 * code; the office answers it with a response computed from the key's own
 * secret (its SO PIN / admin key), which the office holds per key. The
 * computation belongs to the key's vendor, so it is an adapter:
 * `sandbox` (offline, documented below) or `http` (the vendor's service).
 */
export interface UkeyUnlockProvider {
  readonly name: string
  /** 沙箱: the page says so */
  readonly sandbox: boolean
  /** what the sandbox does, shown next to the 沙箱 label */
  readonly rules?: string
  unlockCode(input: { serial: string; challenge: string }): Promise<string>
}

/** 挑战码: 16 hexadecimal characters (spaces and dashes ignored), upper case */
export function normaliseChallenge(raw: string): string | null {
  const clean = (raw ?? '').replace(/[\s-]/g, '').toUpperCase()
  return /^[0-9A-F]{16}$/.test(clean) ? clean : null
}

/** 1234ABCD5678EF90 → 1234-ABCD-5678-EF90 */
export function groupCode(code: string) {
  return code.match(/.{1,4}/g)!.join('-')
}
