import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import audit, { type AuditActor } from '#core/audit/audit_service'
import { checkQuotaCount, newQuota, runOn, takeOneUse } from '#core/quota'
import type Integration from '#platforms/models/integration'
import PlatformPackage, { type PackageOwner } from '#platforms/models/package'
import { PlatformError } from '#platforms/errors'
import { findApplicantByPhone } from '#accounts/queries/users'
import { findOrgByUscc } from '#orgs/queries/orgs'

/**
 * 套餐余量 and 按量扣费 (中标一证通 §18): on a platform that charges per
 * use, each completed scan takes one use from a package of whoever scanned
 * — the org when acting for it (切换身份), else the person — the package
 * that expires first. With nothing left the scan is refused before the
 * PIN is asked. The use is taken in the transaction that completes the
 * session, so a scan is charged once or not at all.
 */
/** the packages' table (#core/quota: the mechanics shared with 印章套餐) */
const PACKAGE_QUOTA = { table: 'platform_packages', total: 'total_uses', used: 'used_uses' }

/** the platform is opened for the owner: it does not charge per use, or a package has uses left */
export async function hasPackageLeft(integration: Integration, owner: PackageOwner) {
  if (!integration.chargePerUse) return true
  return Boolean(await PlatformPackage.inForce(integration.id, owner).first())
}

/** refused before the PIN when the platform charges and nothing is left */
export async function assertPackageLeft(integration: Integration, owner: PackageOwner) {
  if (!(await hasPackageLeft(integration, owner)))
    throw new PlatformError(
      `${integration.platformName}按次计费，${owner.orgId ? '本机构' : '您'}的套餐余量不足，请先在我的交易平台续购套餐`,
      { code: 'package_exhausted', status: 402 }
    )
}

/**
 * Take one use (inside the session's transaction): a conditional update
 * (#core/quota), so two scans at once cannot both take the last one.
 */
export async function chargeOneUse(
  integration: Integration,
  owner: PackageOwner,
  trx: TransactionClientContract
) {
  if (!integration.chargePerUse) return null
  const candidates = await PlatformPackage.inForce(integration.id, owner, trx).orderByRaw(
    'case when expires_at is null then 1 else 0 end, expires_at asc, created_at asc'
  )
  const taken = await takeOneUse(trx, PACKAGE_QUOTA, candidates)
  if (taken) return taken.id
  throw new PlatformError(
    `${integration.platformName}按次计费，套餐余量不足，请先在我的交易平台续购套餐`,
    { code: 'package_exhausted', status: 402 }
  )
}

/** 开通套餐: uses granted to a person or an org (back office, or a paid order) */
export async function grantPackage(
  integration: Integration,
  owner: PackageOwner,
  input: { name: string; totalUses: number; days?: number | null; source: string },
  actor?: AuditActor,
  outer?: TransactionClientContract
) {
  const uses = checkQuotaCount(input.totalUses, { max: 100_000, noun: '次数', field: 'total_uses' })
  const name = input.name.trim()
  if (!name) throw new PlatformError('请填写套餐名称', { field: 'name' })
  const pkg = new PlatformPackage().merge({
    integrationId: integration.id,
    userId: owner.orgId ? null : owner.userId!,
    orgId: owner.orgId ?? null,
    name: name.slice(0, 100),
    totalUses: uses,
    usedUses: 0,
    ...newQuota(input),
  })
  /* in the caller's transaction (a paid order's), else in one of its own */
  return audit.save(pkg, outer ?? null, {
    action: 'platforms.package.grant',
    subjectType: 'platform_integration',
    subjectId: integration.id,
    data: { package: pkg.name, uses, owner: owner.orgId ? 'org' : 'person' },
    actor,
  })
}

/**
 * 套餐延期 (中标一证通 §13: 延期 of an opened platform; a paid order, in its
 * transaction): the package's validity runs on by `days` — from its
 * expiry, or from now when it has expired. Its uses stay as they are (the
 * remaining ones can be used for longer); more uses are 新办 of a package.
 */
export async function extendPackage(
  pkg: PlatformPackage,
  input: { days: number; source: string },
  actor: AuditActor | undefined,
  trx: TransactionClientContract
) {
  const before = pkg.expiresAt
  pkg.expiresAt = runOn(pkg.expiresAt, input.days)
  await audit.save(pkg, trx, {
    action: 'platforms.package.extend',
    subjectType: 'platform_integration',
    subjectId: pkg.integrationId,
    data: {
      package: pkg.name,
      days: input.days,
      from: before?.toISO() ?? null,
      until: pkg.expiresAt.toISO(),
      source: input.source,
    },
    actor,
  })
  return pkg
}

/**
 * 开通套餐 from the back office: the holder named by a phone number (a
 * person) or a unified social credit code (an org).
 */
export async function grantPackageTo(
  integration: Integration,
  input: { holder: string; name: string; totalUses: number; days?: number | null },
  actor?: AuditActor
) {
  const holder = input.holder.trim()
  let owner: PackageOwner | null = null
  if (/^1\d{10}$/.test(holder)) {
    const person = await findApplicantByPhone(holder)
    if (person) owner = { userId: person.id }
  } else {
    const org = await findOrgByUscc(holder)
    if (org) owner = { orgId: org.id }
  }
  if (!owner)
    throw new PlatformError('未找到该手机号的用户或该统一社会信用代码的机构', { field: 'holder' })
  return grantPackage(integration, owner, { ...input, source: '后台开通' }, actor)
}
