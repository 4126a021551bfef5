import { DateTime } from 'luxon'
import { onCertificatesRevoked } from '#issuance/actions/revocation_hooks'
import { onCertificateIssued } from '#certificates/actions/issue_hooks'
import { onApplicationApproved } from '#orgs/actions/application_hooks'
import { registerAuditActions } from '#core/audit/audit_service'
import '#seals/lifecycles'
import '#seals/actions/reviews'
import { makeAutomaticNameSeal, revokeSealsBoundTo } from '#seals/actions/seals'
import { grantSeals } from '#seals/actions/grants'
import Seal from '#seals/models/seal'

/**
 * What the seals module registers at boot (module.ts `boot`): its
 * lifecycles and review (audit labels), and three hooks into the modules
 * below it —
 *  - a revoked certificate revokes the seals bound to it (issuance),
 *  - a person's first certificate makes their 个人名章 (certificates),
 *  - an approved 用章权限 application in an org's 审核管理 authorises the
 *    org's seals in force (not the legal representative's own 法人章 and
 *    法人手写签名) to the member for one year (orgs).
 */
registerAuditActions({
  'seals.package.grant': '开通印章套餐',
  'seals.package.extend': '印章套餐延期',
  'seals.package.use': '扣减印章套餐',
  'seals.package.return': '退回印章套餐',
})

onCertificatesRevoked('seals', (serials) => revokeSealsBoundTo(serials))

onCertificateIssued('seals', async (certificate) => {
  if (certificate.previousCount > 0) return
  await makeAutomaticNameSeal(certificate)
})

export const SEAL_PERMISSION_YEARS = 1

onApplicationApproved('seal', async (application, trx) => {
  const seals = await Seal.query({ client: trx })
    .where('org_id', application.orgId)
    .where('status', 'active')
    .whereNotIn('kind', ['legal_rep', 'legal_rep_signature'])
  if (!seals.length) return []
  const today = DateTime.now().setZone('Asia/Shanghai')
  return grantSeals(
    application.orgId,
    {
      userIds: [application.userId],
      sealIds: seals.map((s) => s.id),
      from: today.toISODate()!,
      to: today.plus({ years: SEAL_PERMISSION_YEARS }).minus({ days: 1 }).toISODate()!,
    },
    undefined,
    trx
  )
})
