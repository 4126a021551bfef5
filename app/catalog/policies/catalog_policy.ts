import { BackOfficePolicy } from '#core/staff'

/**
 * 业务目录: regions, platforms, products, materials, pickup points and
 * shipping origins are the super admin's (prices are the office's
 * commercial decisions).
 */
export default class CatalogPolicy extends BackOfficePolicy {
  view(actor: unknown) {
    return this.hasRole(actor, 'super_admin')
  }

  manage(actor: unknown) {
    return this.hasRole(actor, 'super_admin')
  }
}
