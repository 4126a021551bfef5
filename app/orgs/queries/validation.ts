import { isUuid } from '#core/ids'
import { formatDate } from '#core/time'
import Org from '#orgs/models/org'
import OrgClaim from '#orgs/models/org_claim'
import { CLAIM_METHODS, type ClaimMethod } from '#orgs/labels'

/**
 * Pre-validation (预核验), as commercial CAs do: once a CA review of the
 * org's licence passed (a claim approved by staff, or an approved org
 * change), later enterprise orders for it need not repeat the licence
 * review — unless the licence changed since (a newer licence that no
 * review has seen) or the product says so. The order review shows it.
 */
export interface OrgValidation {
  validated: boolean
  validatedAt: Org['validatedAt']
  /** 已于 2026-05-01 通过 CA 审核 / 未经 CA 审核 */
  label: string
  /** the claim path of the org's current claim (null: none found) */
  claimMethod: ClaimMethod | null
  /** 上传授权委托书（人工审核）, 法定代表人手机号认证 … */
  claimMethodLabel: string | null
  /** when that claim succeeded */
  claimedAt: Org['claimedAt']
}

export async function orgValidation(orgId: string): Promise<OrgValidation | null> {
  if (!isUuid(orgId)) return null
  const org = await Org.find(orgId)
  if (!org) return null
  const validated = Boolean(org.validatedAt) && org.status === 'claimed'
  /* the claim that made the org claimed: the latest one that succeeded */
  const claim = await OrgClaim.query()
    .where('org_id', org.id)
    .whereIn('status', ['passed', 'approved'])
    .orderBy('updated_at', 'desc')
    .first()
  return {
    validated,
    validatedAt: org.validatedAt,
    label: validated
      ? `营业执照已于 ${formatDate(org.validatedAt)} 通过 CA 审核`
      : '营业执照未经 CA 审核',
    claimMethod: claim?.method ?? null,
    claimMethodLabel: claim ? (CLAIM_METHODS[claim.method]?.label ?? claim.method) : null,
    claimedAt: org.claimedAt,
  }
}
