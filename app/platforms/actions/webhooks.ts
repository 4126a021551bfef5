import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { dispatchJob } from '#core/queue/jobs'
import PlatformWebhook from '#platforms/models/webhook'
import type Integration from '#platforms/models/integration'
import type { WebhookMessage } from '#platforms/adapters/contract'

/**
 * Queue a callback to the platform's URL (nothing when the adapter has
 * nothing to say or no callback URL is configured). The job signs it
 * like the platform's own calls and retries with backoff.
 */
export async function queueWebhook(
  integration: Integration,
  message: WebhookMessage | null | undefined,
  sessionId: string | null,
  trx?: TransactionClientContract,
  /** a callback that goes once per integration: a second one breaks the unique index */
  dedupKey: string | null = null
) {
  if (!message || !integration.callbackUrl) return null
  const webhook = await PlatformWebhook.create(
    {
      integrationId: integration.id,
      sessionId,
      dedupKey,
      event: message.event,
      url: integration.callbackUrl,
      body: JSON.stringify({
        ...message.body,
        platformCode: integration.platformCode,
        sentAt: new Date().toISOString(),
      }),
      state: 'pending',
      attempts: 0,
    },
    { client: trx }
  )
  const { default: DeliverWebhookJob } = await import('#platforms/jobs/deliver_webhook_job')
  await dispatchJob(DeliverWebhookJob, { webhookId: webhook.id }, { trx, dedupKey: webhook.id })
  return webhook
}
