import { changePin as changeCloudPin, exportPkcs12 } from '#issuance/actions/cloud_keys'
import { IssuanceError } from '#issuance/actions/errors'
import type Certificate from '#certificates/models/certificate'
import { CertificateActionError } from '#certificates/errors'

export { CertificateActionError }

/**
 * The form field a refusal of the CA belongs to on the holder's forms.
 */
function fieldFor(code: string) {
  if (code === 'pin_wrong' || code === 'pin_locked' || code === 'pin_invalid') return 'pin'
  if (code === 'pin_same' || code === 'pin_weak') return 'new_pin'
  if (code === 'export_password_invalid') return 'export_password'
  return undefined
}

/**
 * Run an operation of the CA's key custody; its refusal becomes the
 * holder's, at the field of the form (the PIN when none other fits), and
 * back on the form's own page.
 */
async function asHolder<T>(
  run: () => Promise<T>,
  back?: CertificateActionError['redirect']
): Promise<T> {
  try {
    return await run()
  } catch (error) {
    if (error instanceof IssuanceError)
      throw new CertificateActionError(error.message, {
        field: fieldFor(error.code) ?? 'pin',
        code: error.code,
        status: error.status,
        redirect: back,
      })
    throw error
  }
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
    throw new CertificateActionError('uKey 证书的 PIN 码请在 uKey 管理工具中修改', 'pin')
  const credentialId = certificate.credentialId
  await asHolder(() => changeCloudPin({ credentialId, oldPin, newPin }))
}

/**
 * The PKCS#12 of a cloud certificate: the PIN opens the key, the export
 * password the holder chose protects the file. A refusal returns to the
 * export form on the certificate's page (#pkcs12).
 */
export async function downloadPkcs12(
  certificate: Certificate,
  pin: string,
  exportPassword: string,
  usage: 'sign' | 'encrypt' = 'sign'
) {
  const back = { route: 'certificates.show', params: { id: certificate.id }, hash: 'pkcs12' }
  if (!certificate.credentialId)
    throw new CertificateActionError('uKey 证书的私钥保存在 uKey 中，不能导出', {
      field: 'pin',
      redirect: back,
    })
  const credentialId = certificate.credentialId
  return asHolder(() => exportPkcs12({ credentialId, pin, exportPassword, usage }), back)
}
