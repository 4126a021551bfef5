import {
  createPrivateKey,
  createPublicKey,
  createSign,
  createVerify,
  X509Certificate,
  type KeyObject,
} from 'node:crypto'
import { existsSync, readFileSync } from 'node:fs'

/**
 * Key material from configuration: PEM text (line breaks may be written
 * as "\n"), a path to a PEM file, or bare base64 DER (as the Alipay
 * console shows keys).
 */
function material(value: string): string {
  const text = value.trim()
  if (!text) throw new Error('empty key')
  if (text.includes('-----BEGIN')) return text.replace(/\\n/g, '\n')
  if (!/^[A-Za-z0-9+/=\s]+$/.test(text) || text.length < 100) {
    if (existsSync(text)) return readFileSync(text, 'utf8')
  }
  return text.replace(/\s+/g, '')
}

function loadPrivateKey(value: string): KeyObject {
  const text = material(value)
  if (text.includes('-----BEGIN')) return createPrivateKey(text)
  const der = Buffer.from(text, 'base64')
  try {
    return createPrivateKey({ key: der, format: 'der', type: 'pkcs8' })
  } catch {
    return createPrivateKey({ key: der, format: 'der', type: 'pkcs1' })
  }
}

/**
 * A public key, or the public key of an X.509 certificate.
 */
function loadPublicKey(value: string): KeyObject {
  const text = material(value)
  if (text.includes('-----BEGIN CERTIFICATE')) return new X509Certificate(text).publicKey
  if (text.includes('-----BEGIN')) return createPublicKey(text)
  const der = Buffer.from(text, 'base64')
  try {
    return createPublicKey({ key: der, format: 'der', type: 'spki' })
  } catch {
    return createPublicKey({ key: der, format: 'der', type: 'pkcs1' })
  }
}

/**
 * Configured and loadable (a typo in a key disables the gateway rather
 * than failing at the first payment).
 */
function keyLoads(load: () => KeyObject): boolean {
  try {
    load()
    return true
  } catch {
    return false
  }
}

/**
 * The two keys of a gateway that signs with RSA (WeChat Pay, Alipay): our
 * private key, which signs our requests, and the gateway's public key,
 * which verifies its answers and notifications. Each is loaded from the
 * configuration once, when first used.
 */
export class GatewayKeys {
  #own?: KeyObject
  #gateway?: KeyObject

  constructor(
    private readonly ownKey: string,
    private readonly gatewayKey: string
  ) {}

  get own(): KeyObject {
    return (this.#own ??= loadPrivateKey(this.ownKey))
  }

  get gateway(): KeyObject {
    return (this.#gateway ??= loadPublicKey(this.gatewayKey))
  }

  /** both configured and loadable */
  load(): boolean {
    return keyLoads(() => this.own) && keyLoads(() => this.gateway)
  }
}

/**
 * SHA256-with-RSA, base64: how WeChat Pay signs (WECHATPAY2-SHA256-RSA2048)
 * and what Alipay calls RSA2.
 */
export function rsaSha256Sign(privateKey: KeyObject | string, message: string): string {
  return createSign('RSA-SHA256').update(message, 'utf8').sign(privateKey, 'base64')
}

export function rsaSha256Verify(
  publicKey: KeyObject | string,
  message: string,
  signature: string
): boolean {
  try {
    return createVerify('RSA-SHA256').update(message, 'utf8').verify(publicKey, signature, 'base64')
  } catch {
    return false
  }
}
