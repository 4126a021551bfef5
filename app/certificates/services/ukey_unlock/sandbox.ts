import { createHmac } from 'node:crypto'
import { groupCode, type UkeyUnlockProvider } from './contract.js'

/**
 * 沙箱 uKey unlock, offline and deterministic, documented so that a test
 * key (or a person with OpenSSL) can check it:
 *
 *   keySecret = HMAC-SHA256(office secret, "ukey-so:" + serial (lower-case hex))
 *   code      = UPPER(HEX(HMAC-SHA256(keySecret, challenge (16 upper-case hex))))[0..16)
 *
 * shown in groups of four (1234-ABCD-5678-EF90). The office secret is the
 * configured `UKEY_UNLOCK_SANDBOX_SECRET` (default: derived from APP_KEY).
 */
export class SandboxUkeyUnlock implements UkeyUnlockProvider {
  readonly name = 'sandbox'
  readonly sandbox = true
  readonly rules =
    '沙箱规则：解锁授权码 = HMAC-SHA256(每把 uKey 的密钥, 挑战码) 的前 16 位十六进制；每把 uKey 的密钥 = HMAC-SHA256(办公室密钥, "ukey-so:" + 证书序列号)。'

  constructor(private officeSecret: string) {}

  keySecret(serial: string) {
    return createHmac('sha256', this.officeSecret)
      .update(`ukey-so:${serial.toLowerCase()}`)
      .digest()
  }

  async unlockCode(input: { serial: string; challenge: string }) {
    const mac = createHmac('sha256', this.keySecret(input.serial))
      .update(input.challenge)
      .digest('hex')
    return groupCode(mac.slice(0, 16).toUpperCase())
  }
}
