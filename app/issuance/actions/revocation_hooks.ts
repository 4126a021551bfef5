import logger from '@adonisjs/core/services/logger'

/**
 * What other modules do when certificates are revoked (a registry filled
 * at boot by the modules above issuance): e.g. the seals module revokes
 * the seals bound to them. Called after the revocation committed, with
 * every serial revoked (a cloud pair's both); a failing hook is logged and
 * does not undo the revocation.
 */
export type RevocationHook = (serials: string[]) => Promise<unknown>

const hooks = new Map<string, RevocationHook>()

/** register (or replace) the hook of this name */
export function onCertificatesRevoked(name: string, hook: RevocationHook) {
  hooks.set(name, hook)
}

export async function runRevocationHooks(serials: string[]) {
  for (const [name, hook] of hooks) {
    try {
      await hook(serials)
    } catch (error) {
      logger.error({ err: error, hook: name, serials }, 'certificate revocation hook failed')
    }
  }
}
