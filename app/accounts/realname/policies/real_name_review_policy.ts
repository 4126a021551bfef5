import { BasePolicy } from '@adonisjs/bouncer'
import Staff from '#admin/models/staff'

/**
 * Manual real-name reviews: reviewers (and super admins) only.
 */
export default class RealNameReviewPolicy extends BasePolicy {
  view(actor: unknown) {
    return actor instanceof Staff && actor.isActive && actor.hasRole('reviewer')
  }

  review(actor: unknown) {
    return actor instanceof Staff && actor.isActive && actor.hasRole('reviewer')
  }
}
