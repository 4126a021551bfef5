import { NotFoundError } from '#core/rule_error'

/**
 * The catalog refuses with the core's RuleError (#core/rule_error, shown
 * at the form's field by the exception handler); an unknown, unpublished
 * or malformed id is the Chinese 404 page.
 */
export function notFound(): never {
  throw new NotFoundError('您访问的内容不存在或已下线')
}
