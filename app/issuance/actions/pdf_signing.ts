import { createHash, randomBytes } from 'node:crypto'
import encryption from '@adonisjs/core/services/encryption'
import { SignPdf } from '@signpdf/signpdf'
import { plainAddPlaceholder } from '@signpdf/placeholder-plain'
import { Signer, SUBFILTER_ETSI_CADES_DETACHED } from '@signpdf/utils'
import settings from '#core/settings'
import { withLock } from '#core/locks'
import type { AuditActor } from '#core/audit/audit_service'
import { issueCloudPair } from '#issuance/actions/issue_certificate'
import { signData, signHash, verifySignature } from '#issuance/actions/signing'
import { certificateStatus } from '#issuance/queries/certificates'
import { credentialState } from '#issuance/actions/cloud_keys'

/**
 * PAdES signatures by the office itself, for any document the office
 * issues (e-invoices, the seals module's e-contracts), and detached CMS
 * signatures by the same signer over data (the seals' GB/T 38540 data):
 *
 *   const signed = await signPdfAsOffice(pdf, { reason: '电子发票', location: '示例市' })
 *
 * The office signs with a document-signing certificate of its own CA (an
 * `enterprise` cloud credential in the office's name, made at the first
 * signature and renewed when it is no longer in force), never with a CA
 * key. The PDF gets an incremental-update signature dictionary
 * (ETSI.CAdES.detached) whose CMS is `signHash`'s detached SignedData over
 * the byte ranges (signingCertificateV2 included), so `pdfsig` reports
 * "Signature is Valid" and names the office; the chain up to our root is in
 * the CMS. Each signature writes the credential's sign audit entry.
 */
const SETTING = 'issuance.document_signer'

export interface OfficeIdentity {
  /** the office's name (the certificate's O and CN) */
  name: string
  /** its unified social credit code (GB 32100) */
  uscc: string
}

interface StoredSigner {
  credentialId: string
  pin: string
}

async function storedSigner(): Promise<StoredSigner | null> {
  const raw = await settings.get(SETTING)
  if (!raw) return null
  const value = encryption.decrypt<StoredSigner>(raw)
  return value && typeof value === 'object' ? value : null
}

async function usable(signer: StoredSigner | null): Promise<boolean> {
  if (!signer) return false
  const state = await credentialState(signer.credentialId).catch(() => null)
  if (!state || state.status !== 'active' || !state.signSerial) return false
  const status = await certificateStatus(state.signSerial).catch(() => null)
  return status?.status === 'valid' && !state.locked
}

/**
 * The office's document signer (made once, across processes).
 */
export async function officeDocumentSigner(office: OfficeIdentity, actor?: AuditActor) {
  const current = await storedSigner()
  if (await usable(current)) return current!
  return withLock('issuance-document-signer', async () => {
    const again = await storedSigner()
    if (await usable(again)) return again!
    const pin = randomBytes(12)
      .toString('base64url')
      .replace(/[^A-Za-z0-9]/g, 'a')
      .slice(0, 16)
    const pair = await issueCloudPair({
      profile: 'enterprise',
      subject: { name: office.name, idNumber: office.uscc, organization: office.name },
      validity: { years: 2 },
      pin,
      reference: 'document-signer',
      actor,
    })
    const signer = { credentialId: pair.credentialId, pin }
    await settings.set(SETTING, encryption.encrypt(signer))
    return signer
  })
}

class OfficeSigner extends Signer {
  constructor(
    private readonly signer: StoredSigner,
    private readonly purpose: string,
    private readonly reference: string | null,
    private readonly actor?: AuditActor
  ) {
    super()
  }

  async sign(content: Buffer): Promise<Buffer> {
    const result = await signHash({
      credentialId: this.signer.credentialId,
      pin: this.signer.pin,
      hash: createHash('sha256').update(content).digest(),
      format: 'cms',
      purpose: this.purpose,
      reference: this.reference,
      actor: this.actor,
    })
    return result.signature
  }
}

export interface SignPdfOptions {
  office: OfficeIdentity
  /** /Reason of the signature ("电子发票") */
  reason: string
  location?: string
  contactInfo?: string
  /** a reference for the audit entry (an invoice number) */
  reference?: string | null
  actor?: AuditActor
}

/**
 * The PDF, signed by the office (PAdES, an invisible signature).
 */
export async function signPdfAsOffice(pdf: Buffer, options: SignPdfOptions): Promise<Buffer> {
  const signer = await officeDocumentSigner(options.office, options.actor)
  const prepared = plainAddPlaceholder({
    pdfBuffer: pdf,
    reason: options.reason,
    contactInfo: options.contactInfo ?? '',
    name: options.office.name,
    location: options.location ?? '',
    signatureLength: 16384,
    subFilter: SUBFILTER_ETSI_CADES_DETACHED,
    appName: 'CertDesk',
  })
  return new SignPdf().sign(
    prepared,
    new OfficeSigner(signer, options.reason, options.reference ?? null, options.actor)
  )
}

/**
 * A detached CMS SignedData by the office's document signer over `data`
 * (e.g. a seal's GB/T 38540 data): base64 DER, the chain inside. Make it
 * outside any transaction (the signer's first use issues its certificate).
 */
export async function signAsOffice(
  data: Buffer | string,
  options: {
    office: OfficeIdentity
    purpose: string
    reference?: string | null
    actor?: AuditActor
  }
) {
  const signer = await officeDocumentSigner(options.office, options.actor)
  const result = await signData({
    credentialId: signer.credentialId,
    pin: signer.pin,
    data,
    format: 'cms',
    purpose: options.purpose,
    reference: options.reference ?? null,
    actor: options.actor,
  })
  return result.signatureBase64
}

/**
 * Checks such a signature: valid, made by a certificate of our CA, and
 * whose (its subject DN, its status now).
 */
export async function verifyOfficeSignature(data: Buffer | string, signatureBase64: string) {
  return verifySignature({ format: 'cms', signature: signatureBase64, data })
}
