import { RuleError } from '#core/rule_error'

/** the platforms module's refusals (a rule error: message at the field, JSON for API callers) */
export class PlatformError extends RuleError {}
