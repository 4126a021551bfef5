import db from '@adonisjs/lucid/services/db'
import audit from '#core/audit/audit_service'
import verificationCodes from '#core/sms/verification_codes'
import User from '#accounts/models/user'
import { ACCOUNT_TEXTS } from '#accounts/messages'
import { AccountError, isUniqueViolation } from '#accounts/errors'

export type RegistrationInput =
  | {
      account_type: 'person'
      name: string
      phone: string
      id_type: string
      id_number: string
      region_code: string
      password: string
      sms_code: string
    }
  | {
      account_type: 'org'
      org_name: string
      uscc: string
      region_code: string
      phone: string
      legal_rep_name: string
      password: string
      sms_code: string
    }

/**
 * Refuses a phone that already has an account; a deregistered account's
 * phone points to 账号申诉.
 */
export async function assertPhoneFree(phone: string, field = 'phone') {
  const existing = await User.findBy('phone', phone)
  if (existing?.status === 'deregistered')
    throw new AccountError(ACCOUNT_TEXTS.phoneDeregistered, field)
  if (existing) throw new AccountError(ACCOUNT_TEXTS.phoneTaken, field)
}

/**
 * 用户注册 (自然人 or 机构/企业), after the SMS code of the phone. The
 * code is checked first: a code is only ever sent to a free phone, so the
 * form tells nobody without one whether a phone is registered.
 */
export async function registerApplicant(input: RegistrationInput): Promise<User> {
  const code = await verificationCodes.verify(input.phone, 'register', input.sms_code)
  if (!code.ok) throw new AccountError(code.message, 'sms_code')
  await assertPhoneFree(input.phone)

  try {
    return await db.transaction(async (trx) => {
      const user = new User()
      user.useTransaction(trx)
      user.accountType = input.account_type
      user.phone = input.phone
      user.regionCode = input.region_code
      user.password = input.password
      user.passwordSet = true
      user.status = 'active'
      user.realNameStatus = 'none'
      if (input.account_type === 'person') {
        user.name = input.name
        user.idType = input.id_type
        user.idNumber = input.id_number
      } else {
        user.orgName = input.org_name
        user.uscc = input.uscc
        user.legalRepName = input.legal_rep_name
      }
      await user.save()
      await audit.record(
        {
          action: 'accounts.user.register',
          actor: { type: 'user', id: user.id, name: user.displayName },
          subjectType: 'user',
          subjectId: user.id,
          data: { accountType: user.accountType, phone: user.phone },
        },
        trx
      )
      return user
    })
  } catch (error) {
    if (isUniqueViolation(error)) throw new AccountError(ACCOUNT_TEXTS.phoneTaken, 'phone')
    throw error
  }
}
