import { signAsOffice, verifyOfficeSignature } from '#issuance/actions/pdf_signing'
import officeConfig from '#config/office'

/**
 * The office's signature over a seal's GB/T 38540 data: a detached CMS
 * SignedData (base64 DER, the signer's chain inside) by the office's
 * document signer of #issuance/actions/pdf_signing, over the canonical JSON
 * text as stored. Made before the seal's transaction opens (the signer's
 * first use issues a certificate on another connection). `openssl cms
 * -verify -binary -inform DER -content data.json -CAfile root.pem` checks it.
 */
export function officeIdentity() {
  return { name: officeConfig.name, uscc: officeConfig.uscc }
}

export async function signSealData(text: string, reference: string): Promise<string> {
  return signAsOffice(text, {
    office: officeIdentity(),
    purpose: '电子印章数据签名',
    reference,
  })
}

/** 验证: the stored signature against the stored data */
export async function verifySealData(text: string, signature: string | null) {
  if (!signature) return { valid: false, reason: '印章数据尚未由本中心签名', signer: null }
  const result = await verifyOfficeSignature(text, signature)
  return {
    valid: result.valid,
    reason: result.reason ?? null,
    signer: result.subjectDn,
    signedAt: result.signingTime,
  }
}
