import db from '@adonisjs/lucid/services/db'
import audit, { registerAuditActions } from '#core/audit/audit_service'
import verificationCodes, { registerCodePurposes } from '#core/sms/verification_codes'
import { checkPhoneHolder, REAL_NAME_CODE_PURPOSE } from '#accounts/actions/real_name_checks'
import { registerSmsPurposeRule, requestVerificationCode } from '#accounts/actions/sms_codes'
import { unlockPin } from '#issuance/actions/cloud_keys'
import { IssuanceError } from '#issuance/actions/errors'
import type { CertificateView } from '#certificates/queries/certificates'
import { decideFor } from '#certificates/queries/certificate_services'
import { unlockCheck } from '#certificates/service_rules'
import CertificateUnlock from '#certificates/models/certificate_unlock'
import { CertificateActionError } from '#certificates/errors'
import { normaliseChallenge, ukeyUnlockProvider } from '#certificates/services/ukey_unlock/index'

/**
 * 解锁 (free): the first unlock of a certificate needs the same identity
 * check as a new application (运营商三要素: the holder's name and ID number
 * with a phone, proven by an SMS code); later ones an SMS code to the
 * reserved phone (the account's). Then a cloud certificate gets a new PIN
 * (the CA unlocks its key and audits it); a uKey gets its 解锁授权码 for the
 * challenge code its tool shows (#certificates/services/ukey_unlock).
 */
export const UNLOCK_CODE_PURPOSE = 'certificate_unlock'
registerCodePurposes({ [UNLOCK_CODE_PURPOSE]: '证书解锁' })
/* the later unlocks' code only ever goes to the signed-in holder's own phone */
registerSmsPurposeRule(UNLOCK_CODE_PURPOSE, async ({ user }) =>
  user ? { send: true, phone: user.phone } : { send: false, message: '请先登录' }
)
registerAuditActions({
  'certificates.certificate.unlock': '证书解锁',
  'certificates.certificate.unlock_code': '生成 uKey 解锁授权码',
})

type Holder = Parameters<typeof checkPhoneHolder>[0]['applicant']

export async function previousUnlocks(certificateId: string) {
  const row = await CertificateUnlock.query()
    .where('certificate_id', certificateId)
    .count('* as total')
    .first()
  return Number(row?.$extras.total ?? 0)
}

/** which check this unlock needs: identity (first) or sms (later) */
export async function unlockMode(view: CertificateView) {
  return unlockCheck(await previousUnlocks(view.certificate.id))
}

export interface UnlockInput {
  /** identity check: the phone of the 运营商三要素 check */
  phone?: string | null
  smsCode?: string | null
  /** cloud */
  newPin?: string | null
  newPinConfirmation?: string | null
  /** uKey */
  challenge?: string | null
}

/**
 * 获取验证码 on the unlock form: the identity check's code goes to the phone
 * typed (purpose real_name), the later unlocks' to the account's phone.
 */
export async function sendUnlockCode(
  view: CertificateView,
  user: Holder,
  phone: string | null,
  ip: string | null
) {
  const mode = await unlockMode(view)
  const result = await requestVerificationCode({
    purpose: mode === 'identity' ? REAL_NAME_CODE_PURPOSE : UNLOCK_CODE_PURPOSE,
    phone: mode === 'identity' ? (phone ?? '') : user.phone,
    user,
    ip,
  })
  if (!result.ok)
    throw new CertificateActionError(
      result.message,
      result.field === 'phone' ? 'phone' : 'sms_code'
    )
  return result.message
}

async function checkHolder(
  view: CertificateView,
  user: Holder,
  input: UnlockInput,
  ip: string | null
) {
  const mode = await unlockMode(view)
  const c = view.certificate
  if (mode === 'identity') {
    if (!input.phone) throw new CertificateActionError('请填写手机号', 'phone')
    const check = await checkPhoneHolder({
      applicant: user,
      purpose: 'certificates.unlock',
      reference: c.serial,
      ip,
      name: c.subjectName,
      idNumber: c.subjectIdNumber ?? '',
      phone: input.phone,
      smsCode: input.smsCode ?? '',
      fields: { phone: 'phone', smsCode: 'sms_code' },
    })
    if (!check.passed)
      throw new CertificateActionError(
        `身份核验未通过：${check.message ?? '请核对后重试'}`,
        'phone'
      )
  } else {
    const verified = await verificationCodes.verify(user.phone, UNLOCK_CODE_PURPOSE, input.smsCode)
    if (!verified.ok) throw new CertificateActionError(verified.message, 'sms_code')
  }
  return mode
}

async function allowed(view: CertificateView) {
  const decision = await decideFor(view, 'unlock')
  if (!decision.allowed) throw new CertificateActionError(decision.reason, { status: 409 })
}

/**
 * 解锁: the form's own rules first (so that a weak PIN or a mistyped
 * challenge code does not cost the SMS code), then the holder's check,
 * then by medium: a cloud certificate gets the new PIN (6 digits, typed
 * twice), a uKey the 解锁授权码 for its challenge code.
 */
export async function unlockCertificate(
  view: CertificateView,
  user: Holder,
  input: UnlockInput,
  ip: string | null = null
): Promise<{ mode: 'identity' | 'sms'; code?: string; challenge?: string }> {
  await allowed(view)
  if (view.certificate.credentialId) {
    const pin = checkedNewPin(input)
    const mode = await checkHolder(view, user, input, ip)
    await setNewPin(view.certificate.credentialId, pin, mode)
    await record(view, user, mode, null, 'certificates.certificate.unlock')
    return { mode }
  }
  const challenge = checkedChallenge(input)
  const mode = await checkHolder(view, user, input, ip)
  const code = await unlockCodeFor(view.certificate.serial, challenge)
  await record(view, user, mode, challenge, 'certificates.certificate.unlock_code')
  return { mode, code, challenge }
}

/** the new PIN by the CA's rule: 6 digits, not all the same or in a row, typed twice */
function checkedNewPin(input: UnlockInput) {
  const pin = input.newPin ?? ''
  if (!/^\d{6}$/.test(pin)) throw new CertificateActionError('PIN 码为 6 位数字', 'new_pin')
  if (/^(.)\1+$/.test(pin) || '01234567890'.includes(pin) || '09876543210'.includes(pin))
    throw new CertificateActionError(
      'PIN 码过于简单（不能为相同或连续的数字），请重新设置',
      'new_pin'
    )
  if (input.newPinConfirmation !== pin)
    throw new CertificateActionError('两次输入的新 PIN 码不一致', 'new_pin_confirmation')
  return pin
}

async function setNewPin(credentialId: string, pin: string, mode: 'identity' | 'sms') {
  try {
    await unlockPin({
      credentialId,
      newPin: pin,
      note: `持有人自助解锁（${mode === 'identity' ? '身份核验' : '短信验证'}）`,
    })
  } catch (error) {
    if (error instanceof IssuanceError) throw new CertificateActionError(error.message, 'new_pin')
    throw error
  }
}

/** the uKey tool's challenge code: 16 hex digits */
function checkedChallenge(input: UnlockInput) {
  const challenge = normaliseChallenge(input.challenge ?? '')
  if (!challenge)
    throw new CertificateActionError(
      '挑战码为 16 位数字或字母（A-F），请按 uKey 管理工具显示的填写',
      'challenge'
    )
  return challenge
}

async function unlockCodeFor(serial: string, challenge: string) {
  try {
    return await ukeyUnlockProvider().unlockCode({ serial, challenge })
  } catch {
    throw new CertificateActionError('解锁服务暂时不可用，请稍后重试', {
      field: 'challenge',
      status: 503,
    })
  }
}

async function record(
  view: CertificateView,
  user: Holder,
  mode: 'identity' | 'sms',
  challenge: string | null,
  action: string
) {
  await db.transaction(async (trx) => {
    await CertificateUnlock.create(
      {
        certificateId: view.certificate.id,
        userId: user.id,
        method: mode,
        medium: view.certificate.medium,
        challenge,
      },
      { client: trx }
    )
    await audit.record(
      {
        action,
        subjectType: 'certificate',
        subjectId: view.certificate.serial,
        data: {
          method: mode,
          medium: view.certificate.medium,
          ...(challenge ? { challenge } : {}),
        },
      },
      trx
    )
  })
}
