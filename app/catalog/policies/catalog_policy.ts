import { BasePolicy } from '@adonisjs/bouncer'
import type { AuthorizerResponse } from '@adonisjs/bouncer/types'

/**
 * Staff members have roles; applicants do not (they never pass).
 */
export function staffRoles(actor: unknown): string[] | null {
  const candidate = actor as {
    constructor?: { name?: string }
    roles?: unknown
    isActive?: boolean
  } | null
  if (!candidate || candidate.constructor?.name !== 'Staff' || !candidate.isActive) return null
  return Array.isArray(candidate.roles) ? (candidate.roles as string[]) : []
}

/**
 * 业务目录: regions, platforms, products, materials, pickup points and
 * shipping origins are the super admin's (prices are the office's
 * commercial decisions).
 */
export default class CatalogPolicy extends BasePolicy {
  view(actor: unknown): AuthorizerResponse {
    return Boolean(staffRoles(actor)?.includes('super_admin'))
  }

  manage(actor: unknown): AuthorizerResponse {
    return Boolean(staffRoles(actor)?.includes('super_admin'))
  }
}
