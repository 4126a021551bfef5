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

/** what a call's outcome code means (接口调用) */
export const CALL_OUTCOMES: Record<string, string> = {
  ok: '成功',
  unsigned: '缺少签名',
  app_unknown: '应用标识无效或未启用',
  timestamp_stale: '时间戳超出范围',
  nonce_invalid: '随机串格式错误',
  signature_invalid: '签名错误',
  nonce_replayed: '重复请求',
  not_found: '不存在',
  type_invalid: '类型错误',
  capability_missing: '适配器不支持',
  hash_invalid: '摘要格式错误',
  envelope_missing: '缺少数字信封',
  open_at_invalid: '开标时间格式错误',
  open_id_unknown: '用户标识无效',
  title_invalid: '标题错误',
}
