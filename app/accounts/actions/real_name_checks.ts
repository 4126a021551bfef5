import realNames, { REAL_NAME_CODE_PURPOSE } from '#accounts/realname/real_name_service'
import { onCheckFinished } from '#accounts/realname/checks'
import type RealNameRequest from '#accounts/realname/real_name_request'
import type User from '#accounts/models/user'
import { toCheckSummary, type RealNameCheckSummary } from '#accounts/queries/real_name'

/**
 * Real-name checks other modules ask for, through the same providers,
 * limits, lifecycle and audit as the applicant's own verification — but
 * for their own purpose: the check is recorded (real_name_requests, with
 * `purpose` and `reference`) and never verifies the asking account.
 * The organisations module checks a legal representative's phone
 * (运营商三要素) or bank card (银行卡四要素) this way, or starts a face
 * session for them.
 *
 * The SMS code is sent to the checked phone beforehand with the code
 * purpose REAL_NAME_CODE_PURPOSE ('real_name'): the sms_code component
 * with `purpose: 'real_name'`, or requestVerificationCode from
 * #accounts/actions/sms_codes for a form without JavaScript.
 *
 * Refusals before the provider is asked throw an AccountError (a
 * RuleError) at the field it belongs to — wrong or expired SMS code
 * (sms_code), too many attempts, provider unavailable (no field) — with
 * the caller's field names in `fields`. The provider's "no" is not a
 * refusal: it comes back as `passed: false` with its reason, so that the
 * caller may offer its manual path.
 */
export { REAL_NAME_CODE_PURPOSE }
export type { RealNameCheckSummary }

type Fields = Partial<Record<'name' | 'idNumber' | 'phone' | 'bankCard' | 'smsCode', string>>

export interface CheckAsk {
  /** the signed-in applicant asking (their attempts are counted) */
  applicant: User
  /** the asking module's purpose, e.g. 'orgs.claim' (never 'real_name') */
  purpose: string
  /** the asking module's own reference (a claim id …) */
  reference?: string | null
  ip?: string | null
  /** the caller's form field names, for refusals */
  fields?: Fields
}

function requester(ask: CheckAsk) {
  if (!ask.purpose || ask.purpose === REAL_NAME_CODE_PURPOSE) {
    throw new Error('a module check needs its own purpose')
  }
  return {
    user: ask.applicant,
    purpose: ask.purpose,
    reference: ask.reference ?? null,
    ip: ask.ip ?? null,
    fields: ask.fields,
  }
}

/**
 * 运营商三要素: does this phone belong to this person (name + resident ID
 * number)? The SMS code proves the phone is at hand.
 */
export async function checkPhoneHolder(
  ask: CheckAsk & { name: string; idNumber: string; phone: string; smsCode: string }
): Promise<RealNameCheckSummary> {
  const result = await realNames.checkOperator(requester(ask), {
    realName: ask.name,
    idNumber: ask.idNumber,
    phone: ask.phone,
    smsCode: ask.smsCode,
  })
  return toCheckSummary(result.check)
}

/**
 * 银行卡四要素: does this bank card (and its reserved phone) belong to this
 * person? The SMS code goes to the reserved phone.
 */
export async function checkBankCardHolder(
  ask: CheckAsk & {
    name: string
    idNumber: string
    bankCard: string
    phone: string
    smsCode: string
  }
): Promise<RealNameCheckSummary> {
  const result = await realNames.checkBankCard(requester(ask), {
    realName: ask.name,
    idNumber: ask.idNumber,
    bankCard: ask.bankCard,
    phone: ask.phone,
    smsCode: ask.smsCode,
  })
  return toCheckSummary(result.check)
}

/**
 * 人脸识别 for a person (a legal representative …): a session whose
 * `h5Url` the phone opens (show it as a QR code with #core/qr); the result
 * comes by the provider's callback — read it with findRealNameCheck, or
 * hear it with onRealNameCheckFinished(purpose, handler).
 */
export async function startFaceCheck(
  ask: CheckAsk & { name: string; idNumber: string }
): Promise<RealNameCheckSummary> {
  const check = await realNames.startFace(requester(ask), {
    realName: ask.name,
    idNumber: ask.idNumber,
  })
  return toCheckSummary(check)
}

/**
 * Be told when a check of your purpose ends (passed, failed or expired),
 * after its commit. Register at boot (your module's registrations.ts).
 */
export function onRealNameCheckFinished(
  purpose: string,
  handler: (check: RealNameCheckSummary) => Promise<void>
) {
  onCheckFinished(purpose, (check: RealNameRequest) => handler(toCheckSummary(check)))
}
