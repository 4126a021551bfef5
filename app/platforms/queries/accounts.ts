import { isUuid } from '#core/ids'
import PlatformAccount from '#platforms/models/account'
import Integration from '#platforms/models/integration'
import PlatformPackage, { type PackageOwner } from '#platforms/models/package'
import { adapterNamed } from '#platforms/adapters/registry'

/** 我的交易平台: the platforms the holder has opened, with the bound certificate */
export async function myPlatforms(userId: string) {
  const accounts = await PlatformAccount.query()
    .where('user_id', userId)
    .orderBy('created_at', 'desc')
  const out = []
  for (const account of accounts) {
    const integration = await Integration.find(account.integrationId)
    if (!integration) continue
    const adapter = await adapterNamed(integration.adapter)
    out.push({ account, integration, canBind: Boolean(adapter?.capabilities.includes('bind')) })
  }
  return out
}

/** 套餐余量: the owner's packages on each platform, oldest first */
export async function packagesByPlatform(owner: PackageOwner) {
  const rows = await (
    owner.orgId
      ? PlatformPackage.query().where('org_id', owner.orgId)
      : PlatformPackage.query().where('user_id', owner.userId!).whereNull('org_id')
  ).orderBy('created_at', 'asc')
  const byPlatform = new Map<string, PlatformPackage[]>()
  for (const row of rows)
    byPlatform.set(row.integrationId, [...(byPlatform.get(row.integrationId) ?? []), row])
  return byPlatform
}

export async function ownAccount(userId: string, id: unknown) {
  if (!isUuid(id)) return null
  return PlatformAccount.query().where('user_id', userId).where('id', id).first()
}

/** platforms with an enabled integration the holder has not opened yet (开通新交易平台) */
export async function platformsToOpen(userId: string) {
  const opened = await PlatformAccount.query().where('user_id', userId).select('integration_id')
  return Integration.query()
    .where('enabled', true)
    .whereNotIn(
      'id',
      opened.map((a) => a.integrationId)
    )
    .orderBy('platform_name', 'asc')
}
