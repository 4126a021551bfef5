import type { HttpContext } from '@adonisjs/core/http'
import Membership from '#orgs/models/membership'
import { toOrgSummary, type OrgSummary } from '#orgs/queries/orgs'

/**
 * 切换身份: the identity a signed-in person acts as — themselves (自然人)
 * or a role in one of their orgs — kept in the session as a membership
 * id. It is checked against the database on every request: a person who
 * left or was removed acts as 自然人 again at once.
 *
 * Other modules (orders, certificates, invoices) ask
 *
 *   const acting = await actingIdentityOf(ctx)
 *   if (acting.kind === 'org') … acting.org.name, acting.org.uscc, acting.role …
 *
 * to make an order, a certificate or an invoice for the org.
 */
export const ACTING_SESSION_KEY = 'orgs_acting'

export type ActingIdentity =
  | { kind: 'person'; label: '自然人'; userId: string }
  | {
      kind: 'org'
      /** 某某有限公司 · 管理员 */
      label: string
      userId: string
      membershipId: string
      org: OrgSummary
      role: 'admin' | 'member'
      isLegalRep: boolean
      isAdmin: boolean
      roleLabel: string
    }

const cache = new WeakMap<HttpContext, Promise<ActingIdentity | null>>()

async function resolve(ctx: HttpContext): Promise<ActingIdentity | null> {
  const user = ctx.auth.use('web').user as { id: string } | undefined
  if (!user) return null
  const person: ActingIdentity = { kind: 'person', label: '自然人', userId: user.id }
  const membershipId = ctx.session?.get(ACTING_SESSION_KEY)
  if (!membershipId || typeof membershipId !== 'string') return person
  const membership = await Membership.query()
    .where('id', membershipId)
    .where('user_id', user.id)
    .where('status', 'active')
    .preload('org')
    .first()
  if (!membership || membership.org.status !== 'claimed') {
    ctx.session.forget(ACTING_SESSION_KEY)
    return person
  }
  return identityOf(membership)
}

export function identityOf(membership: Membership): ActingIdentity {
  return {
    kind: 'org',
    label: `${membership.org.name} · ${membership.roleLabel}`,
    userId: membership.userId,
    membershipId: membership.id,
    org: toOrgSummary(membership.org),
    role: membership.role,
    isLegalRep: membership.isLegalRep,
    isAdmin: membership.role === 'admin',
    roleLabel: membership.roleLabel,
  }
}

/**
 * The identity the signed-in person acts as in this request (null when
 * nobody is signed in). Computed once per request.
 */
export function actingIdentityOf(ctx: HttpContext): Promise<ActingIdentity | null> {
  let found = cache.get(ctx)
  if (!found) {
    found = resolve(ctx)
    cache.set(ctx, found)
  }
  return found
}

/** the org the person acts for, or null when acting as 自然人 */
export async function actingOrgOf(ctx: HttpContext): Promise<OrgSummary | null> {
  const acting = await actingIdentityOf(ctx)
  return acting?.kind === 'org' ? acting.org : null
}
