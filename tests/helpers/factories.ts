import { randomBytes } from 'node:crypto'
import User from '#accounts/models/user'
import Staff, { type StaffRole } from '#admin/models/staff'
import { residentIdCheckChar, usccCheckChar } from '#core/validation/identity'

let counter = 0

/**
 * A fresh, valid mainland mobile number (unique within the run).
 */
export function uniquePhone(): string {
  counter++
  const tail = String((Date.now() % 1_000_000) * 100 + (counter % 100))
    .padStart(8, '0')
    .slice(-8)
  return `139${tail}`
}

/**
 * A valid resident ID number (GB 11643) born on the given date.
 */
export function residentId(birth = '19900307', region = '110105', seq = '123'): string {
  const first17 = `${region}${birth}${seq}`
  return first17 + residentIdCheckChar(first17)
}

/**
 * A valid unified social credit code (GB 32100).
 */
export function usccCode(body = '9111010508776345'): string {
  const first17 = (body + '0000000000000000').slice(0, 16)
  const seventeen = first17 + 'X'.replace('X', String(counter % 10))
  return seventeen + usccCheckChar(seventeen)
}

export const DEFAULT_PASSWORD = 'Passw0rd123'

export async function createUser(
  overrides: Partial<User> = {},
  options: { connection?: string } = {}
) {
  return User.create(
    {
      accountType: 'person',
      name: '张三',
      phone: uniquePhone(),
      email: null,
      idType: 'resident_id',
      idNumber: residentId(),
      regionCode: '110105',
      password: DEFAULT_PASSWORD,
      status: 'active',
      realNameStatus: 'none',
      passwordSet: true,
      ...overrides,
    } as any,
    options
  )
}

export async function createStaff(
  roles: StaffRole[] = ['reviewer'],
  overrides: Partial<Staff> = {},
  options: { connection?: string } = {}
) {
  counter++
  return Staff.create(
    {
      username: `staff${counter}${randomBytes(2).toString('hex')}`,
      name: `员工${counter}`,
      password: DEFAULT_PASSWORD,
      roles,
      isActive: true,
      mustChangePassword: false,
      ...overrides,
    } as any,
    options
  )
}
