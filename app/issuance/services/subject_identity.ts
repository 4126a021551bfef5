import { createHmac } from 'node:crypto'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import issuanceConfig from '#config/issuance'
import { officeSecret } from '#issuance/services/office_secrets'
import { OID } from '#issuance/services/oids'
import type { Profile } from '#issuance/services/profiles'
import type { NameAttribute } from '#issuance/services/x509'

/**
 * What the subject's serialNumber attribute carries (issue 9, item 14).
 *
 * A certificate travels with every signature made with it, so a raw
 * resident ID number in the subject would reach every relying party
 * (PIPL). By default a person's certificate carries a keyed hash instead:
 *
 *   serialNumber = "H" + v + "-" + upper-case hex of the first 20 bytes of
 *                  HMAC-SHA256(K_v, UTF-8 bytes of the ID number)
 *
 * where K_v is version v of the office's `subject_id` secret (32 bytes,
 * kept with the CA keys, shown to an authorised relying party with
 * `node ace ca:subject-id-key`) and the ID number is as the RA stores it:
 * no spaces, letters upper case (a resident ID's check character "X").
 * A relying party that holds the number and the key computes the same
 * value and compares; without the key the small space of ID numbers
 * cannot be searched. The RA keeps the number itself (orders, 我的证书,
 * issued_certificates.subject_id_number). See app/issuance/README.md.
 */

export type IdentityMode = 'hmac' | 'raw' | 'none'

export function normaliseIdNumber(idNumber: string): string {
  return idNumber.replace(/\s+/g, '').toUpperCase()
}

export function subjectIdHash(key: Buffer, version: number, idNumber: string): string {
  const mac = createHmac('sha256', key).update(normaliseIdNumber(idNumber), 'utf8').digest()
  return `H${version}-${mac.subarray(0, 20).toString('hex').toUpperCase()}`
}

export function identityMode(profile: Profile): IdentityMode {
  const mode = issuanceConfig.subjectIdentity[profile]
  return mode === 'raw' || mode === 'none' ? mode : 'hmac'
}

/**
 * The serialNumber value of a profile's subject, or null for none.
 */
export async function identityValue(
  profile: Profile,
  idNumber: string,
  client?: TransactionClientContract
): Promise<string | null> {
  const mode = identityMode(profile)
  if (mode === 'none') return null
  if (mode === 'raw') return normaliseIdNumber(idNumber)
  // inside a caller's transaction the secret is read through it (never a second connection)
  const secret = await officeSecret('subject_id', undefined, client)
  return subjectIdHash(secret.key, secret.version, idNumber)
}

/**
 * An existing subject (renewal keeps the old Name) with its serialNumber
 * brought to the current rule: replaced, removed, or added last.
 */
export function withIdentity(
  attributes: NameAttribute[],
  identity: string | null
): NameAttribute[] {
  const out: NameAttribute[] = []
  let placed = false
  for (const a of attributes) {
    if (a.oid !== OID.serialNumber) out.push(a)
    else if (identity !== null && !placed) {
      out.push({ oid: OID.serialNumber, value: identity })
      placed = true
    }
  }
  if (identity !== null && !placed) out.push({ oid: OID.serialNumber, value: identity })
  return out
}
