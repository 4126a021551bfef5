import { randomBytes } from 'node:crypto'
import { exponentialBackoff } from '@adonisjs/queue'
import { DateTime } from 'luxon'
import { Job } from '#core/queue/jobs'

export const WEBHOOK_MAX_RETRIES = 6

/**
 * Deliver one callback to the platform: signed (X-App-Id, X-Timestamp,
 * X-Nonce, X-Signature over POST, the URL's path and query, the body),
 * 2xx = delivered; otherwise retried with exponential backoff, and
 * marked 失败 after the last attempt.
 */
export default class DeliverWebhookJob extends Job<{ webhookId: string }> {
  static options = {
    name: 'platforms.deliver_webhook',
    maxRetries: WEBHOOK_MAX_RETRIES,
    retry: { backoff: exponentialBackoff({ baseDelay: '10s', maxDelay: '30m' }) },
  }
  static label = '交易平台回调投递'

  async execute() {
    const { default: PlatformWebhook } = await import('#platforms/models/webhook')
    const { default: Integration } = await import('#platforms/models/integration')
    const { openSecrets } = await import('#platforms/services/secrets')
    const { signedHeaders } = await import('#platforms/services/signing')
    const webhook = await PlatformWebhook.find(this.payload.webhookId)
    if (!webhook || webhook.state === 'delivered') return
    const integration = await Integration.findOrFail(webhook.integrationId)
    const url = new URL(webhook.url)
    const headers = signedHeaders(
      { appId: integration.appId, secret: openSecrets(integration).apiSecret },
      'POST',
      url.pathname + url.search,
      webhook.body,
      randomBytes(16).toString('hex')
    )
    webhook.attempts += 1
    let failure: string | null = null
    try {
      const response = await fetch(webhook.url, {
        method: 'POST',
        headers: { ...headers, 'x-event': webhook.event },
        body: webhook.body,
        signal: AbortSignal.timeout(10_000),
      })
      webhook.lastStatus = response.status
      if (response.status < 200 || response.status >= 300) failure = `HTTP ${response.status}`
    } catch (error) {
      failure = String((error as Error).message).slice(0, 280)
    }
    if (!failure) {
      webhook.state = 'delivered'
      webhook.deliveredAt = DateTime.utc()
      webhook.lastError = null
      await webhook.save()
      return
    }
    webhook.lastError = failure
    webhook.state = webhook.attempts > WEBHOOK_MAX_RETRIES ? 'failed' : 'pending'
    await webhook.save()
    if (webhook.state === 'pending') throw new Error(`回调投递失败：${failure}`)
  }
}
