import { NotFoundError, RuleError, type RuleErrorOptions } from '#core/rule_error'
import { ORG_TEXTS } from '#orgs/labels'

/**
 * The organisations module refuses with the core's RuleError (shown at the
 * form's field by the exception handler). Another org's page, a guessed
 * id, or an org the person has left is a 404, never a hint that it exists.
 */
export class OrgError extends RuleError {
  constructor(message: string, fieldOrOptions?: string | RuleErrorOptions) {
    super(
      message,
      typeof fieldOrOptions === 'string' ? { field: fieldOrOptions } : (fieldOrOptions ?? {})
    )
  }
}

export function orgNotFound(): never {
  throw new NotFoundError(ORG_TEXTS.notFound)
}

export function adminOnly(): never {
  throw new OrgError(ORG_TEXTS.adminOnly, { status: 403, code: 'admin_only' })
}
