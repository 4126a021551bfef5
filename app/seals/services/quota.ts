import { DateTime } from 'luxon'
import { runOn } from '#core/quota'

/**
 * The quota rule of 印章套餐 (pure, unit-tested):
 *  - an org's seal (公章, 法人章, 专用章, 自定义, 法人手写签名; from a template,
 *    a photo or the pad) takes one use from a package of the org;
 *  - a person's own seals are free: the 个人名章 made with their first
 *    certificate (数信签 §9.1: "拥有数字证书服务后，系统会自动签发电子印章"),
 *    their name seals and 个人手写签名 (§9.1.2 asks only for the PIN);
 *  - a package is in force while it has seals left and has not expired;
 *    the one that expires first is used first (one without expiry last,
 *    then the oldest), so nothing bought runs out unused;
 *  - 延期 runs the validity on from the expiry, or from now when expired
 *    (a package without expiry stays so), and adds the seals bought.
 */
export interface QuotaPackage {
  id: string
  totalSeals: number
  usedSeals: number
  expiresAt: DateTime | null
  createdAt: DateTime
}

export function sealNeedsQuota(ownerType: 'person' | 'org') {
  return ownerType === 'org'
}

export function packageInForce(pkg: QuotaPackage, now: DateTime = DateTime.utc()) {
  return pkg.usedSeals < pkg.totalSeals && (!pkg.expiresAt || pkg.expiresAt > now)
}

/** the packages a use is taken from, in order (first the one expiring first) */
export function packagesInUseOrder<T extends QuotaPackage>(
  packages: T[],
  now: DateTime = DateTime.utc()
): T[] {
  const never = Number.POSITIVE_INFINITY
  return packages
    .filter((p) => packageInForce(p, now))
    .sort(
      (a, b) =>
        (a.expiresAt?.toMillis() ?? never) - (b.expiresAt?.toMillis() ?? never) ||
        a.createdAt.toMillis() - b.createdAt.toMillis()
    )
}

/** seals left in all packages in force */
export function sealsLeft(packages: QuotaPackage[], now: DateTime = DateTime.utc()) {
  return packages
    .filter((p) => packageInForce(p, now))
    .reduce((sum, p) => sum + (p.totalSeals - p.usedSeals), 0)
}

/** the expiry after a 延期 of `days` (null: a package without expiry stays so) */
export function extendedExpiry(
  expiresAt: DateTime | null,
  days: number | null,
  now: DateTime = DateTime.utc()
) {
  if (!days || !expiresAt) return expiresAt
  return runOn(expiresAt, days, now)
}
