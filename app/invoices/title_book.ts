import type { HttpContext } from '@adonisjs/core/http'
import { actingIdentityOf } from '#orgs/queries/acting'
import type { InvoiceOrderScope } from '#orders/queries/invoiceable'
import { ensureOrgTitle, type Owner } from '#invoices/actions/titles'

/**
 * Whose 发票抬头 book and whose paid orders a request works on: the
 * signed-in person's own (their personal orders, no org), or — acting as an
 * org (切换身份) — the org's: its admins edit the book and invoice every
 * order of the org, a member (经办人) chooses from the book and invoices
 * and sees only the org's orders they made. The org's own title is made at
 * the claim (registrations.ts); for an org claimed before, the first
 * POST/PUT/DELETE makes it — a GET never writes.
 */
export interface TitleBook {
  owner: Owner
  /** 添加/编辑/删除抬头 allowed */
  canEdit: boolean
  /** the org acted for (null: the person's own book) */
  orgName: string | null
  /** the paid orders this identity may invoice (orders' query scope) */
  orders: InvoiceOrderScope
  /** the invoices of the book this identity sees: all (null) or a member's own requests */
  onlyUserId: string | null
}

export async function titleBookOf(ctx: HttpContext): Promise<TitleBook> {
  const user = ctx.auth.getUserOrFail() as { id: string; email?: string | null }
  const userId = String(user.id)
  const acting = await actingIdentityOf(ctx)
  if (acting?.kind !== 'org') {
    return {
      owner: { kind: 'user', id: userId },
      canEdit: true,
      orgName: null,
      orders: { userId, orgId: null, wholeOrg: false },
      onlyUserId: null,
    }
  }
  if (!['GET', 'HEAD'].includes(ctx.request.method())) {
    await ensureOrgTitle(acting.org.id, {
      name: acting.org.name,
      uscc: acting.org.uscc,
      email: user.email ?? '',
    })
  }
  return {
    owner: { kind: 'org', id: acting.org.id },
    canEdit: acting.isAdmin,
    orgName: acting.org.name,
    orders: { userId, orgId: acting.org.id, wholeOrg: acting.isAdmin },
    onlyUserId: acting.isAdmin ? null : userId,
  }
}
