import db from '@adonisjs/lucid/services/db'
import audit from '#core/audit/audit_service'
import { isUniqueViolation } from '#core/db_errors'
import type { IssuedCertificate } from '#certificates/actions/issue_hooks'
import Integration from '#platforms/models/integration'
import PlatformWebhook from '#platforms/models/webhook'
import { adapterNamed } from '#platforms/adapters/registry'
import { queueWebhook } from './webhooks.js'

/**
 * notifyIssued: a certificate issued for an order of a trading platform
 * whose integration is enabled (and whose adapter notifies) is told to
 * the platform by webhook — queued, signed, retried like every callback.
 * Called by the certificates module's issue hook once the issuance has
 * committed (a rolled-back issuance tells nobody). The webhook's key
 * `issued:<serial>` holds it to one per integration: a retried issuance
 * or a hook run twice queues nothing more.
 */
export async function notifyIssued(certificate: IssuedCertificate) {
  if (!certificate.platformId || !certificate.orderNo) return []
  const integrations = await Integration.query()
    .where('platform_id', certificate.platformId)
    .where('enabled', true)
  const queued: PlatformWebhook[] = []
  for (const integration of integrations) {
    const adapter = await adapterNamed(integration.adapter)
    if (!adapter?.capabilities.includes('notifyIssued') || !integration.callbackUrl) continue
    const message = adapter.hooks.onIssued?.({
      serial: certificate.serial,
      subjectName: certificate.subjectName,
      subjectIdNumber: certificate.subjectIdNumber,
      certKind: certificate.certKind,
      orderNo: certificate.orderNo,
      notAfter: certificate.notAfter.toUTC().toISO()!,
      platformCode: integration.platformCode,
    })
    if (!message) continue
    const key = `issued:${certificate.serial}`
    const sent = await PlatformWebhook.query()
      .where('integration_id', integration.id)
      .where('dedup_key', key)
      .first()
    if (sent) continue
    try {
      const webhook = await db.transaction(async (trx) => {
        const made = await queueWebhook(integration, message, null, trx, key)
        await audit.record(
          {
            action: 'platforms.certificate.notify',
            subjectType: 'platform_integration',
            subjectId: integration.id,
            data: { serial: certificate.serial, orderNo: certificate.orderNo },
          },
          trx
        )
        return made
      })
      if (webhook) queued.push(webhook)
    } catch (error) {
      /* another process queued it first */
      if (!isUniqueViolation(error)) throw error
    }
  }
  return queued
}
