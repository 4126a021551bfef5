import db from '@adonisjs/lucid/services/db'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import type { ModelAttributes } from '@adonisjs/lucid/types/model'
import audit, { type AuditInput } from '#core/audit/audit_service'
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
 * A new account, active and not yet real-name verified, in the caller's
 * transaction, with its audit entry (the new user is the actor):
 * 用户注册 and the first 短信登录 of an unknown phone.
 */
export async function insertAccount(
  trx: TransactionClientContract,
  fields: Partial<ModelAttributes<User>>,
  entry: Omit<AuditInput, 'actor' | 'subjectType' | 'subjectId'>
) {
  const user = new User()
  user.merge({ ...fields, status: 'active', realNameStatus: 'none' })
  await audit.save(user, trx, {
    ...entry,
    actor: { type: 'user', id: user.id, name: user.displayName },
    subjectType: 'user',
  })
  return user
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
    const holder =
      input.accountType === 'person'
        ? { name: input.name, idType: input.idType, idNumber: input.idNumber }
        : { orgName: input.orgName, uscc: input.uscc, legalRepName: input.legalRepName }
    return await db.transaction((trx) =>
      insertAccount(
        trx,
        {
          accountType: input.accountType,
          phone: input.phone,
          regionCode: input.regionCode,
          password: input.password,
          passwordSet: true,
          ...holder,
        },
        {
          action: 'accounts.user.register',
          data: { accountType: input.accountType, phone: input.phone },
        }
      )
    )
  } catch (error) {
    if (isUniqueViolation(error)) throw new AccountError(ACCOUNT_TEXTS.phoneTaken, 'phone')
    throw error
  }
}
