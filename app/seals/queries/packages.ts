import { isUuid } from '#core/ids'
import { activeOrgCertificateCount } from '#certificates/queries/certificates'
import SealPackage from '#seals/models/seal_package'
import { packageInForce, sealsLeft } from '#seals/services/quota'
import { bindableCertificates, type SealOwner } from '#seals/actions/seals'

/**
 * 印章套餐 as the org sees them (印章管理, 我的交易平台 → 套餐余量) and
 * what the seal package pages of other modules ask: the org's packages,
 * how many seals are left, one package of the org (延期), and whether the
 * org may buy one (数信签 §8.2: it needs a certificate service first).
 */
export interface SealQuota {
  packages: (SealPackage & { inForce: boolean })[]
  left: number
}

export async function sealQuotaOf(orgId: string): Promise<SealQuota> {
  const packages = await SealPackage.query()
    .where('org_id', orgId)
    .orderBy('created_at', 'asc')
    .orderBy('id', 'asc')
  return {
    packages: packages.map((p) => Object.assign(p, { inForce: packageInForce(p) })),
    left: sealsLeft(packages),
  }
}

/** the org's package (延期), or null: another org's is not found */
export async function findSealPackageOf(orgId: string, id: unknown) {
  if (!isUuid(id)) return null
  return SealPackage.query().where('org_id', orgId).where('id', id).first()
}

/**
 * Why the org may not buy a seal package yet (null: it may): it needs a
 * valid certificate of its own (the org's, or one its admin holds with the
 * org's USCC).
 */
export async function sealPackageRefusal(owner: Extract<SealOwner, { type: 'org' }>) {
  if ((await activeOrgCertificateCount(owner.orgId)) > 0) return null
  const certificates = await bindableCertificates(owner)
  if (certificates.length > 0) return null
  return '本机构还没有有效的机构数字证书：请先办理机构证书服务，再购买印章套餐'
}
