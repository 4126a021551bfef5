import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { DateTime } from 'luxon'
import audit, { type AuditActor } from '#core/audit/audit_service'
import { dbTime } from '#core/db_time'
import { RuleError } from '#core/rule_error'
import { checkQuotaCount, giveBackUse, newQuota, takeOneUse } from '#core/quota'
import SealPackage from '#seals/models/seal_package'
import type Seal from '#seals/models/seal'
import { extendedExpiry, packagesInUseOrder } from '#seals/services/quota'

/**
 * 印章套餐 (issue 13): an org's quota of seals. Granted or extended by a
 * paid seal package order (the orders module runs the fulfiller that the
 * platforms module registers for `seal_package`, in the order's
 * transaction); making an org seal takes one use in the seal's
 * transaction (a conditional update: of two seals made at once with one
 * left, one is refused); a seal refused in review, or withdrawn before it
 * came into force, gives its use back. Rules: services/quota.ts.
 */
export const NO_QUOTA_MESSAGE =
  '本机构没有可用的印章套餐（未购买、已用完或已过期），请先购买印章套餐后再制作机构印章'

function noQuota(): never {
  throw new RuleError(NO_QUOTA_MESSAGE, { field: 'quota', code: 'no_seal_quota' })
}

export interface SealPackageGrant {
  orgId: string
  platformId: string
  platformName: string
  name: string
  seals: number
  days?: number | null
  source: string
}

/** the packages' table (#core/quota: the mechanics shared with 交易平台套餐) */
const SEAL_QUOTA = { table: 'seal_packages', total: 'total_seals', used: 'used_seals' }

function checkCount(seals: number) {
  return checkQuotaCount(seals, { max: 1000, noun: '印章数', field: 'seals' })
}

/** 新办: a package granted to the org (a paid order's fulfiller, in its transaction) */
export async function grantSealPackage(
  input: SealPackageGrant,
  actor: AuditActor | undefined,
  trx: TransactionClientContract
) {
  const seals = checkCount(input.seals)
  const pkg = new SealPackage().merge({
    orgId: input.orgId,
    platformId: input.platformId,
    platformName: input.platformName.slice(0, 100),
    name: input.name.trim().slice(0, 100) || '电子印章套餐',
    totalSeals: seals,
    usedSeals: 0,
    ...newQuota(input),
  })
  await audit.save(pkg, trx, {
    action: 'seals.package.grant',
    subjectType: 'seal_package',
    data: {
      orgId: pkg.orgId,
      package: pkg.name,
      seals,
      expiresAt: pkg.expiresAt?.toISO() ?? null,
      source: pkg.source,
    },
    actor,
  })
  return pkg
}

/**
 * 延期: the org's package gains the seals bought and its validity runs on
 * by `days` (from its expiry, or from now when expired). Another org's
 * package is not found.
 */
export async function extendSealPackage(
  orgId: string,
  packageId: string,
  input: { seals: number; days?: number | null; source: string },
  actor: AuditActor | undefined,
  trx: TransactionClientContract
) {
  const pkg = await SealPackage.query({ client: trx })
    .where('id', packageId)
    .where('org_id', orgId)
    .forUpdate()
    .first()
  if (!pkg) throw new RuleError('该印章套餐不存在', { status: 404 })
  const seals = checkCount(input.seals)
  pkg.totalSeals = pkg.totalSeals + seals
  pkg.expiresAt = extendedExpiry(pkg.expiresAt, input.days ?? null)
  await audit.save(pkg, trx, {
    action: 'seals.package.extend',
    subjectType: 'seal_package',
    data: {
      orgId,
      package: pkg.name,
      seals,
      days: input.days ?? null,
      expiresAt: pkg.expiresAt?.toISO() ?? null,
      source: input.source,
    },
    actor,
  })
  return pkg
}

function packagesOf(orgId: string, client?: TransactionClientContract) {
  return SealPackage.query({ client }).where('org_id', orgId)
}

/** refused before anything is drawn or signed: the org has no seal left */
export async function assertSealQuota(orgId: string) {
  if (!packagesInUseOrder(await packagesOf(orgId)).length) noQuota()
}

/**
 * One use taken for a new org seal, in the seal's transaction: each
 * candidate (expiring first, first) by a conditional update that only
 * succeeds while a seal is left — the row's lock makes a second taker
 * wait and then see the count it left. Refused when none is left.
 */
export async function takeSealUse(
  orgId: string,
  trx: TransactionClientContract,
  actor?: AuditActor
) {
  const now = DateTime.utc()
  const pkg = await takeOneUse(
    trx,
    SEAL_QUOTA,
    packagesInUseOrder(await packagesOf(orgId, trx), now),
    now
  )
  if (!pkg) noQuota()
  await audit.record(
    {
      action: 'seals.package.use',
      subjectType: 'seal_package',
      subjectId: pkg.id,
      data: { orgId, package: pkg.name, left: pkg.totalSeals - pkg.usedSeals - 1 },
      actor,
    },
    trx
  )
  return pkg.id
}

/**
 * The use of a seal that never came into force (驳回 in review, or 注销
 * while still 待审核) goes back to its package, once: the seal forgets
 * its package in the same transaction.
 */
export async function returnSealUse(
  seal: Seal,
  reason: string,
  trx: TransactionClientContract,
  actor?: AuditActor
) {
  if (!seal.packageId) return false
  const packageId = seal.packageId
  await giveBackUse(trx, SEAL_QUOTA, packageId)
  await trx
    .from('seals')
    .where('id', seal.id)
    .update({ package_id: null, updated_at: dbTime(new Date()) })
  seal.packageId = null
  await audit.record(
    {
      action: 'seals.package.return',
      subjectType: 'seal_package',
      subjectId: packageId,
      data: { orgId: seal.orgId, sealId: seal.id, seal: seal.name, reason },
      actor,
    },
    trx
  )
  return true
}
