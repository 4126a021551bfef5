import db from '@adonisjs/lucid/services/db'
import audit from '#core/audit/audit_service'
import verificationCodes from '#core/sms/verification_codes'
import User from '#accounts/models/user'
import { ACCOUNT_TEXTS } from '#accounts/messages'
import { isUniqueViolation } from '#core/db_errors'
import { AccountError } from '#accounts/errors'

export type RegistrationInput =
  | {
      accountType: 'person'
      name: string
      phone: string
      idType: string
      idNumber: string
      regionCode: string
      password: string
      smsCode: string
    }
  | {
      accountType: 'org'
      orgName: string
      uscc: string
      regionCode: string
      phone: string
      legalRepName: string
      password: string
      smsCode: string
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
  const code = await verificationCodes.verify(input.phone, 'register', input.smsCode)
  if (!code.ok) throw new AccountError(code.message, 'sms_code')
  await assertPhoneFree(input.phone)

  try {
    return await db.transaction(async (trx) => {
      const user = new User()
      user.useTransaction(trx)
      user.merge({
        accountType: input.accountType,
        phone: input.phone,
        regionCode: input.regionCode,
        password: input.password,
        passwordSet: true,
        status: 'active',
        realNameStatus: 'none',
      })
      if (input.accountType === 'person') {
        user.merge({ name: input.name, idType: input.idType, idNumber: input.idNumber })
      } else {
        user.merge({
          orgName: input.orgName,
          uscc: input.uscc,
          legalRepName: input.legalRepName,
        })
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
