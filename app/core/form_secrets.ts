/**
 * Form fields whose values must never go back into the session (flashed
 * input lives in the session cookie) nor into a page: passwords and PINs,
 * whatever the form calls them (password_confirmation, new_pin,
 * new_pin_confirmation, old_pin…).
 */
export function isSecretField(name: string): boolean {
  return /password|(^|_)pin($|_)/i.test(name)
}

/**
 * The secret fields of a request's input, for session.flashExcept().
 */
export function secretFields(input: Record<string, unknown>): string[] {
  return Object.keys(input).filter(isSecretField)
}
