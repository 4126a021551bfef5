import { changePin as changeCloudPin, exportPkcs12 } from '#issuance/actions/cloud_keys'
import { IssuanceError } from '#issuance/actions/errors'
import type Certificate from '#certificates/models/certificate'

export class CertificateActionError extends Error {
  constructor(
    message: string,
    public field?: string
  ) {
    super(message)
  }
}

function fieldFor(code: string) {
  if (code === 'pin_wrong' || code === 'pin_locked' || code === 'pin_invalid') return 'pin'
  if (code === 'pin_same' || code === 'pin_weak') return 'new_pin'
  if (code === 'export_password_invalid') return 'export_password'
  return undefined
}

/**
 * PIN change of a cloud certificate (the default PIN is the last 6
 * digits of the phone: the holder is prompted to change it). The CA
 * module audits it.
 */
export async function changeCertificatePin(
  certificate: Certificate,
  oldPin: string,
  newPin: string
) {
  if (!certificate.credentialId)
    throw new CertificateActionError('uKey 证书的 PIN 码请在 uKey 管理工具中修改')
  try {
    await changeCloudPin({ credentialId: certificate.credentialId, oldPin, newPin })
  } catch (error) {
    if (error instanceof IssuanceError)
      throw new CertificateActionError(error.message, fieldFor(error.code))
    throw error
  }
}

/**
 * The PKCS#12 of a cloud certificate: the PIN opens the key, the export
 * password the holder chose protects the file.
 */
export async function downloadPkcs12(
  certificate: Certificate,
  pin: string,
  exportPassword: string,
  usage: 'sign' | 'encrypt' = 'sign'
) {
  if (!certificate.credentialId)
    throw new CertificateActionError('uKey 证书的私钥保存在 uKey 中，不能导出')
  try {
    return await exportPkcs12({
      credentialId: certificate.credentialId,
      pin,
      exportPassword,
      usage,
    })
  } catch (error) {
    if (error instanceof IssuanceError)
      throw new CertificateActionError(error.message, fieldFor(error.code))
    throw error
  }
}
