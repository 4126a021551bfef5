import { isUuid } from '#core/ids'
import { maskName } from '#core/validation/identity'
import { applicantsByIds } from '#accounts/queries/users'
import OrgTransfer from '#orgs/models/org_transfer'
import { orgNotFound } from '#orgs/errors'

/**
 * Reads of 管理员移交: an org's transfers as its admins see them (who asked,
 * to whom, the state, the signature), the back office's list, and one
 * transfer of an org (another org's, a guessed id: 404).
 */
export interface TransferRow {
  transfer: OrgTransfer
  fromName: string
  toName: string
}

async function withNames(transfers: OrgTransfer[]): Promise<TransferRow[]> {
  const toUsers = new Map<string, string>()
  for (const t of transfers) if (t.toMembership) toUsers.set(t.id, t.toMembership.userId)
  const people = await applicantsByIds([...transfers.map((t) => t.userId), ...toUsers.values()])
  const nameOf = (id: string | undefined) => {
    const person = id ? people.get(id) : undefined
    return person ? maskName(person.realName ?? person.displayName) : '—'
  }
  return transfers.map((transfer) => ({
    transfer,
    fromName: nameOf(transfer.userId),
    toName: nameOf(toUsers.get(transfer.id)),
  }))
}

/** an org's transfers, newest first (the transfer page's 移交记录) */
export async function transfersOf(orgId: string, limit = 20) {
  const transfers = await OrgTransfer.query()
    .where('org_id', orgId)
    .preload('toMembership')
    .orderBy('created_at', 'desc')
    .limit(limit)
  return withNames(transfers)
}

/** every org's transfers for staff (管理员移交记录), newest first */
export async function allTransfers(page: number) {
  const list = await OrgTransfer.query()
    .preload('org')
    .preload('toMembership')
    .orderBy('created_at', 'desc')
    .orderBy('id', 'asc')
    .paginate(page, 20)
  return { list, rows: await withNames(list.all()) }
}

/** one transfer of this org (anything else: 404) */
export async function transferOfOrg(orgId: string, transferId: unknown) {
  if (typeof transferId !== 'string' || !isUuid(transferId)) orgNotFound()
  const transfer = await OrgTransfer.query().where('id', transferId).where('org_id', orgId).first()
  if (!transfer) orgNotFound()
  return transfer
}

/** one transfer for staff (unknown: 404) */
export async function findTransfer(transferId: unknown) {
  if (typeof transferId !== 'string' || !isUuid(transferId)) orgNotFound()
  const transfer = await OrgTransfer.find(transferId)
  if (!transfer) orgNotFound()
  return transfer
}
