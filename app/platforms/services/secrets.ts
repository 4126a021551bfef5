import encryption from '@adonisjs/core/services/encryption'
import type Integration from '#platforms/models/integration'

/**
 * An integration's secrets (the API secret and the adapter's secret
 * fields), encrypted with the app key (AES-256-GCM) as one JSON value.
 */
export interface IntegrationSecrets {
  apiSecret: string
  fields: Record<string, string>
}

export function sealSecrets(secrets: IntegrationSecrets): string {
  return encryption.encrypt(JSON.stringify(secrets))
}

export function openSecrets(integration: Integration): IntegrationSecrets {
  const plain = integration.secretsEnc ? encryption.decrypt<string>(integration.secretsEnc) : null
  if (!plain) return { apiSecret: '', fields: {} }
  return JSON.parse(plain)
}
