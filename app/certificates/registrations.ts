import { registerDeregistrationCheck } from '#accounts/actions/deregistration'
import { registerOrgDeregistrationCheck } from '#orgs/actions/deregistration'
import {
  activeCertificateCount,
  activeOrgCertificateCount,
} from '#certificates/queries/certificates'
import { homeSections } from '#core/home_sections'
import { renewalsDue } from '#certificates/queries/certificate_services'
import '#certificates/background'
import '#certificates/actions/reminders'
import '#certificates/actions/unlock'

/**
 * What the certificates module registers at boot (its module.ts `boot`):
 * an applicant with certificates in use cannot deregister.
 */
registerDeregistrationCheck('certificates', async (userId) => {
  const count = await activeCertificateCount(userId)
  return count
    ? `您有 ${count} 张正在使用的证书（正常或冻结），请先注销证书或等待证书失效后再注销账号`
    : null
})

/* an org with certificates in use cannot deregister (#orgs/actions/deregistration) */
registerOrgDeregistrationCheck('certificates', async (orgId) => {
  const count = await activeOrgCertificateCount(orgId)
  return count ? `该机构有 ${count} 张正在使用的证书（正常或冻结），请先注销证书后再注销机构` : null
})

/* 首页: the holder's certificates due for renewal, with 续期 */
homeSections.provideRenewals(renewalsDue)
