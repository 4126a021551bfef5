import type { HttpContext } from '@adonisjs/core/http'
import { actingIdentityOf } from '#orgs/queries/acting'
import { ensureOrgTitle, type Owner } from '#invoices/actions/titles'

/**
 * Whose 发票抬头 book a request works on: the signed-in person's own, or —
 * acting as an org (切换身份) — the org's. The org's own title (its name and
 * credit code) is made the first time the book is opened; its admins edit
 * the book, its members only choose from it.
 */
export interface TitleBook {
  owner: Owner
  /** 添加/编辑/删除抬头 allowed */
  canEdit: boolean
  /** the org acted for (null: the person's own book) */
  orgName: string | null
}

export async function titleBookOf(ctx: HttpContext): Promise<TitleBook> {
  const user = ctx.auth.getUserOrFail() as { id: string; email?: string | null }
  const acting = await actingIdentityOf(ctx)
  if (acting?.kind !== 'org') {
    return { owner: { kind: 'user', id: String(user.id) }, canEdit: true, orgName: null }
  }
  await ensureOrgTitle(acting.org.id, {
    name: acting.org.name,
    uscc: acting.org.uscc,
    email: user.email ?? '',
  })
  return {
    owner: { kind: 'org', id: acting.org.id },
    canEdit: acting.isAdmin,
    orgName: acting.org.name,
  }
}
