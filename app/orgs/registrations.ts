import { registerAuditActions } from '#core/audit/audit_service'
import { registerSmsPurposes } from '#core/sms/sms_service'
import '#orgs/lifecycles'
import { LEGAL_REP_CLAIM_PURPOSE } from '#orgs/actions/claims'
import '#orgs/actions/applications'
import '#orgs/actions/members'
import '#orgs/actions/cases'
import '#orgs/actions/signing'
import '#orgs/services/bank'

/**
 * What the organisations module registers at boot (its module.ts `boot`):
 * its lifecycles and reviews (each definition registers its audit labels
 * when loaded: the imports above), the consent SMS purpose (members), the
 * sandbox bank's banner line, and the audit labels below.
 */
registerAuditActions({
  'orgs.identity.switch': '切换身份',
})

registerSmsPurposes({ [LEGAL_REP_CLAIM_PURPOSE]: '机构认领审核结果（法定代表人）' })
