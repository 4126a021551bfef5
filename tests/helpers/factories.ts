import { randomBytes } from 'node:crypto'
import User from '#accounts/models/user'
import Staff, { type StaffRole } from '#admin/models/staff'
import { orgCodeCheckChar, residentIdCheckChar, usccCheckChar } from '#core/validation/identity'

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
 * A valid unified social credit code (GB 32100) from its first 16
 * characters: the embedded organisation code's check character (GB 11714,
 * position 17) and the code's own (position 18) are computed. Without a
 * body, a fresh one within the run.
 */
export function usccCode(body?: string): string {
  if (!body) {
    counter++
    body = `91110105${String(8776345 + counter)
      .padStart(8, '0')
      .slice(-8)}`
  }
  const first16 = (body + '0000000000000000').slice(0, 16)
  const seventeen = first16 + orgCodeCheckChar(first16.slice(8, 16))
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
