import { registerAuditActions, registerAuditValues } from '#core/audit/audit_service'
import { registerSmsPurposes } from '#core/sms/sms_service'
import '#orgs/lifecycles'
import { LEGAL_REP_CLAIM_PURPOSE } from '#orgs/actions/claims'
import '#orgs/actions/applications'
import '#orgs/actions/members'
import '#orgs/actions/cases'
import '#orgs/actions/signing'
import { TRANSFER_CHANNELS, TRANSFER_LINK_SMS } from '#orgs/actions/transfers'
import '#orgs/services/bank'

/**
 * What the organisations module registers at boot (its module.ts `boot`):
 * its lifecycles and reviews (each definition registers its audit labels
 * when loaded: the imports above), the consent SMS purposes (members, the
 * transfer's signing link), the
 * sandbox bank's banner line, and the audit labels below.
 */
registerAuditActions({
  'orgs.identity.switch': '切换身份',
})

registerSmsPurposes({
  [LEGAL_REP_CLAIM_PURPOSE]: '机构认领审核结果（法定代表人）',
  [TRANSFER_LINK_SMS]: '管理员移交签署链接（法定代表人）',
})

/* 操作日志 shows how a transfer was signed by its name, not its code */
registerAuditValues({ channel: TRANSFER_CHANNELS })
