import smsConfig from '#config/sms'
import verificationCodes, { isCodePurpose, type CodePurpose } from '#core/sms/verification_codes'
import { consumeRates, describeWait } from '#core/rate_limit'
import { isChinaMobile, PHONE_RULE_MESSAGE } from '#core/validation/identity'
import User from '#accounts/models/user'
import { ACCOUNT_TEXTS, codeSentMessage } from '#accounts/messages'

/**
 * Who may ask for a verification code of which purpose, for which phone.
 *
 * - register: a code only for a phone no account uses; a registered
 *   phone is answered exactly like a free one (nothing is sent, so the
 *   form cannot tell who is registered); a deregistered account's phone
 *   points to 账号申诉.
 * - login: any phone (an unknown one is registered on the fly), except
 *   a deregistered or frozen account's.
 * - reset_password: answered the same way whether or not the phone is
 *   registered; the code is only sent to an active account's phone.
 * - change_phone: a phone no other account uses.
 * - deregister: always the signed-in user's own phone.
 * - verify_phone: any phone (账号申诉's contact phone).
 * - other purposes (order, pin_reset, …): signed-in users only, unless
 *   their module registers its own rule with registerSmsPurposeRule.
 */
export interface CodeRequestContext {
  purpose: string
  phone: string
  user: User | null
  ip: string | null
}

export type PurposeDecision =
  | { send: true; phone: string }
  /** answer as if sent, send nothing (do not reveal whether the phone is registered) */
  | { send: false; silent: true; phone: string }
  | { send: false; silent?: false; message: string; field?: 'phone' }

export type PurposeRule = (ctx: CodeRequestContext) => Promise<PurposeDecision>

export type CodeRequestResult =
  | { ok: true; message: string; cooldown: number; phone: string }
  | { ok: false; message: string; retryAfter?: number; field: 'phone' | 'code' }

const LOOKUP_RULE = { requests: 60, duration: '1 hour' }

const rules = new Map<string, PurposeRule>()

export function registerSmsPurposeRule(purpose: CodePurpose, rule: PurposeRule) {
  rules.set(purpose, rule)
}

async function accountOf(phone: string) {
  return User.findBy('phone', phone)
}

registerSmsPurposeRule('register', async ({ phone }) => {
  const existing = await accountOf(phone)
  if (existing?.status === 'deregistered')
    return { send: false, message: ACCOUNT_TEXTS.phoneDeregistered, field: 'phone' }
  // a registered phone gets the same answer as a free one, and no code (issue 9 #8)
  if (existing) return { send: false, silent: true, phone }
  return { send: true, phone }
})

registerSmsPurposeRule('login', async ({ phone }) => {
  const existing = await accountOf(phone)
  if (existing?.status === 'deregistered')
    return { send: false, message: ACCOUNT_TEXTS.phoneDeregistered, field: 'phone' }
  if (existing?.status === 'frozen')
    return { send: false, message: ACCOUNT_TEXTS.accountFrozen, field: 'phone' }
  return { send: true, phone }
})

registerSmsPurposeRule('reset_password', async ({ phone }) => {
  const existing = await accountOf(phone)
  if (existing?.status === 'active') return { send: true, phone }
  return { send: false, silent: true, phone }
})

registerSmsPurposeRule('change_phone', async ({ phone, user }) => {
  if (user && user.phone === phone)
    return { send: false, message: ACCOUNT_TEXTS.phoneSameAsCurrent, field: 'phone' }
  const existing = await accountOf(phone)
  if (existing) return { send: false, message: ACCOUNT_TEXTS.phoneUsedByOther, field: 'phone' }
  return { send: true, phone }
})

registerSmsPurposeRule('deregister', async ({ user }) => {
  if (!user) return { send: false, message: '请先登录' }
  return { send: true, phone: user.phone }
})

registerSmsPurposeRule('verify_phone', async ({ phone }) => ({ send: true, phone }))

const signedInOnly: PurposeRule = async ({ user, phone }) => {
  if (!user) return { send: false, message: '请先登录' }
  return { send: true, phone }
}

/**
 * Issue a code for a form or the /sms/codes endpoint: the purpose's rule
 * first, then verificationCodes.send (60 s cool-down per phone and
 * purpose, daily cap per phone, hourly cap per IP).
 */
export async function requestVerificationCode(ctx: CodeRequestContext): Promise<CodeRequestResult> {
  if (!isCodePurpose(ctx.purpose)) {
    return { ok: false, message: '验证码用途无效', field: 'code' }
  }
  const purpose = ctx.purpose as CodePurpose
  const rule = rules.get(purpose) ?? signedInOnly
  const phone = (ctx.phone ?? '').trim()
  const ownPhone = purpose === 'deregister'
  if (!ownPhone && !phone) return { ok: false, message: '请填写手机号', field: 'phone' }
  if (!ownPhone && !isChinaMobile(phone))
    return { ok: false, message: PHONE_RULE_MESSAGE, field: 'phone' }

  if (ctx.ip) {
    const lookup = await consumeRates([{ key: `sms:lookup:${ctx.ip}`, rule: LOOKUP_RULE }])
    if (!lookup.ok) {
      return {
        ok: false,
        message: `操作过于频繁，请 ${describeWait(lookup.retryAfter)}后再试`,
        retryAfter: lookup.retryAfter,
        field: 'code',
      }
    }
  }

  const decision = await rule({ ...ctx, phone })
  if (!decision.send && !decision.silent) {
    return { ok: false, message: decision.message, field: decision.field ?? 'code' }
  }

  if (!decision.send) {
    /**
     * Nothing is sent, but the same limits are consumed so that the
     * answers for registered and unknown phones look alike.
     */
    const codes = smsConfig.codes
    const checks = [
      { key: `sms:cooldown:${decision.phone}:${purpose}`, rule: codes.perPhoneCooldown },
      { key: `sms:daily:${decision.phone}`, rule: codes.perPhoneDaily },
    ]
    if (ctx.ip) checks.push({ key: `sms:ip:${ctx.ip}`, rule: codes.perIpHourly })
    const rate = await consumeRates(checks)
    if (!rate.ok) return { ok: false, ...tooOften(rate.retryAfter), field: 'code' }
    return {
      ok: true,
      message:
        purpose === 'reset_password'
          ? `如该手机号已注册，${codeSentMessage(decision.phone)}`
          : codeSentMessage(decision.phone),
      cooldown: 60,
      phone: decision.phone,
    }
  }

  const result = await verificationCodes.send(decision.phone, purpose, ctx.ip)
  if (!result.ok) {
    return { ok: false, message: result.message, retryAfter: result.retryAfter, field: 'code' }
  }
  const message =
    purpose === 'reset_password'
      ? `如该手机号已注册，${codeSentMessage(decision.phone)}`
      : codeSentMessage(decision.phone)
  return { ok: true, message, cooldown: result.cooldown, phone: decision.phone }
}

function tooOften(retryAfter: number) {
  return {
    message:
      retryAfter <= 60
        ? `验证码发送过于频繁，请 ${retryAfter} 秒后再试`
        : `验证码发送次数已达上限，请 ${describeWait(retryAfter)}后再试`,
    retryAfter,
  }
}
