import type { HttpContext } from '@adonisjs/core/http'
import { NotFoundError, RuleError } from '#core/rule_error'
import type { Applicant } from '#accounts/queries/users'
import { actingIdentityOf } from '#orgs/queries/acting'
import type { SealOwner } from '#seals/actions/seals'
import type { OwnerRef } from '#seals/queries/seals'
import { findSealOf } from '#seals/queries/seals'
import { sealQuotaOf } from '#seals/queries/packages'

/**
 * Whose seals a page shows: the acting identity's (切换身份) — the org's
 * when acting for an org, else the person's own.
 */
export interface SealContext {
  applicant: Applicant
  owner: SealOwner
  ref: OwnerRef
  /** may make, replace, revoke and authorise (a person for themselves; an org's admin) */
  manages: boolean
  orgName: string | null
}

export async function sealContext(ctx: HttpContext): Promise<SealContext> {
  const applicant = ctx.auth.use('web').user as unknown as Applicant
  const acting = await actingIdentityOf(ctx)
  if (acting?.kind === 'org') {
    return {
      applicant,
      owner: {
        type: 'org',
        userId: applicant.id,
        orgId: acting.org.id,
        orgName: acting.org.name,
        uscc: acting.org.uscc,
      },
      ref: { type: 'org', orgId: acting.org.id },
      manages: acting.isAdmin,
      orgName: acting.org.name,
    }
  }
  return {
    applicant,
    owner: {
      type: 'person',
      userId: applicant.id,
      name: applicant.realName ?? applicant.name ?? '',
      idNumber: applicant.realIdNumber ?? null,
    },
    ref: { type: 'person', userId: applicant.id },
    manages: true,
    orgName: null,
  }
}

export function requireManager(context: SealContext) {
  if (!context.manages) throw new RuleError('只有机构管理员可以进行此操作', { status: 403 })
}

export async function ownSeal(context: SealContext, id: unknown) {
  const seal = await findSealOf(context.ref, id)
  if (!seal) throw new NotFoundError('印章不存在')
  return seal
}

/** the org's 印章套餐 and seals left (null for a person: their seals are free) */
export async function quotaOf(context: SealContext) {
  return context.owner.type === 'org' ? sealQuotaOf(context.owner.orgId) : null
}
