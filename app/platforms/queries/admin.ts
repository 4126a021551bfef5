import { isUuid } from '#core/ids'
import Integration from '#platforms/models/integration'
import PlatformCall from '#platforms/models/call'
import PlatformWebhook from '#platforms/models/webhook'
import PlatformPackage from '#platforms/models/package'
import { applicantsByIds } from '#accounts/queries/users'
import { findOrg } from '#orgs/queries/orgs'

export async function listIntegrations() {
  return Integration.query().orderBy('platform_name', 'asc')
}

export async function findIntegration(id: unknown) {
  return isUuid(id) ? Integration.find(id) : null
}

/** 套餐 of the platform, newest first, with the holder's name */
export async function packagesOfIntegration(integrationId: string) {
  const rows = await PlatformPackage.query()
    .where('integration_id', integrationId)
    .orderBy('created_at', 'desc')
    .limit(200)
  const people = await applicantsByIds(rows.map((r) => r.userId ?? '').filter(Boolean))
  const orgs = new Map<string, string>()
  for (const id of new Set(rows.map((r) => r.orgId).filter((v): v is string => Boolean(v)))) {
    const org = await findOrg(id)
    orgs.set(id, org?.name ?? '—')
  }
  return rows.map((pkg) => ({
    pkg,
    holder: pkg.orgId
      ? `机构 · ${orgs.get(pkg.orgId)}`
      : `个人 · ${people.get(pkg.userId ?? '')?.name ?? '—'}`,
  }))
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
