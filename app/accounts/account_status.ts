import { USER_STATUSES } from '#accounts/models/user'

export type UserStatus = keyof typeof USER_STATUSES

/**
 * Allowed changes of an account's status: the applicant deregisters
 * (active → deregistered), an approved appeal restores the account
 * (deregistered → active), staff freeze and unfreeze.
 */
const TRANSITIONS: Record<UserStatus, readonly UserStatus[]> = {
  active: ['deregistered', 'frozen'],
  deregistered: ['active'],
  frozen: ['active'],
}

export const USER_STATUS_TONES: Record<UserStatus, string> = {
  active: 'success',
  deregistered: 'muted',
  frozen: 'danger',
}

export class AccountStateError extends Error {}

export function canTransitionUser(from: UserStatus, to: UserStatus) {
  return TRANSITIONS[from]?.includes(to) ?? false
}

export function assertUserTransition(from: UserStatus, to: UserStatus) {
  if (!canTransitionUser(from, to)) {
    throw new AccountStateError(
      `账号当前状态为“${USER_STATUSES[from]}”，不能变更为“${USER_STATUSES[to]}”`
    )
  }
}
