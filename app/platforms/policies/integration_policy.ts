import { BackOfficePolicy } from '#core/staff'

/** 平台集成: the integrators (and super admins) configure platforms' adapters */
export default class IntegrationPolicy extends BackOfficePolicy {
  manage(actor: unknown) {
    return this.hasRole(actor, 'integrator')
  }
}
