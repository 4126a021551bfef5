/*
|--------------------------------------------------------------------------
| Bouncer abilities
|--------------------------------------------------------------------------
|
| Policies (app/<module>/policies/*_policy.ts) carry the rules; this file
| keeps the abilities that belong to no single resource.
|
*/
import { Bouncer } from '@adonisjs/bouncer'

/**
 * Any signed-in, active staff member may open the back office dashboard.
 */
export const accessBackOffice = Bouncer.ability((actor: any) => {
  return Boolean(actor && actor.constructor?.name === 'Staff' && actor.isActive)
})
