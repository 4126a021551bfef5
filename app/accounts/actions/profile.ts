import db from '@adonisjs/lucid/services/db'
import audit from '#core/audit/audit_service'
import User from '#accounts/models/user'
import { ACCOUNT_TEXTS } from '#accounts/messages'
import { isUniqueViolation } from '#core/db_errors'
import { AccountError } from '#accounts/errors'

export interface ProfileInput {
  name?: string | null
  orgName?: string
  legalRepName?: string
  regionCode: string
  email?: string | null
}

/**
 * 修改个人信息 (manual 001 §5.1): an organisation changes its name, legal
 * representative and region; a person their name (until verified),
 * region and email. The phone has its own page; ID numbers and the
 * credit code are changed by the office only.
 */
export async function updateProfile(user: User, input: ProfileInput): Promise<string[]> {
  const email = input.email ? input.email.toLowerCase() : null
  if (email && email !== user.email) {
    const other = await User.query()
      .whereRaw('lower(email) = ?', [email])
      .whereNot('id', user.id)
      .first()
    if (other) throw new AccountError(ACCOUNT_TEXTS.emailTaken, 'email')
  }

  const changes: Record<string, unknown> = { regionCode: input.regionCode, email }
  if (user.accountType === 'org') {
    changes.orgName = input.orgName
    changes.legalRepName = input.legalRepName
  } else if (!user.isVerified && input.name) {
    changes.name = input.name
  }
  /* the audit entry names the form's fields (操作日志 labels them) */
  const fieldNames: Record<string, string> = {
    regionCode: 'region_code',
    email: 'email',
    orgName: 'org_name',
    legalRepName: 'legal_rep_name',
    name: 'name',
  }
  const changed = Object.keys(changes).filter((key) => (user as any)[key] !== changes[key])
  if (!changed.length) return []

  try {
    await db.transaction(async (trx) => {
      user.merge(changes as Partial<User>)
      await audit.save(user, trx, {
        action: 'accounts.profile.update',
        subjectType: 'user',
        data: { fields: changed.map((k) => fieldNames[k]) },
      })
    })
  } catch (error) {
    if (isUniqueViolation(error)) throw new AccountError(ACCOUNT_TEXTS.emailTaken, 'email')
    throw error
  }
  return changed.map((k) => fieldNames[k])
}
