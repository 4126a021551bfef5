import { createPrivateKey, createPublicKey, X509Certificate, type KeyObject } from 'node:crypto'
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

export function loadPrivateKey(value: string): KeyObject {
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
export function loadPublicKey(value: string): KeyObject {
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
export function keyLoads(load: () => KeyObject): boolean {
  try {
    load()
    return true
  } catch {
    return false
  }
}
