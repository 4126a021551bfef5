import { isUuid } from '#core/ids'
import Integration from '#platforms/models/integration'
import PlatformCall from '#platforms/models/call'
import PlatformWebhook from '#platforms/models/webhook'

export async function listIntegrations() {
  return Integration.query().orderBy('platform_name', 'asc')
}

export async function findIntegration(id: unknown) {
  return isUuid(id) ? Integration.find(id) : null
}

export async function callsOf(integrationId: string, page = 1) {
  return PlatformCall.query()
    .where('integration_id', integrationId)
    .orderBy('created_at', 'desc')
    .paginate(page, 30)
}

export async function webhooksOf(integrationId: string, page = 1) {
  return PlatformWebhook.query()
    .where('integration_id', integrationId)
    .orderBy('created_at', 'desc')
    .paginate(page, 30)
}

export async function failedWebhookCount() {
  const row = await PlatformWebhook.query().where('state', 'failed').count('* as total').first()
  return Number(row?.$extras.total ?? 0)
}
