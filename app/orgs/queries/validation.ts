import { isUuid } from '#core/ids'
import { formatDate } from '#core/time'
import Org from '#orgs/models/org'

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
}

export async function orgValidation(orgId: string): Promise<OrgValidation | null> {
  if (!isUuid(orgId)) return null
  const org = await Org.find(orgId)
  if (!org) return null
  const validated = Boolean(org.validatedAt) && org.status === 'claimed'
  return {
    validated,
    validatedAt: org.validatedAt,
    label: validated
      ? `营业执照已于 ${formatDate(org.validatedAt)} 通过 CA 审核`
      : '营业执照未经 CA 审核',
  }
}
