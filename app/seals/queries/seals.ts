import { DateTime } from 'luxon'
import { dbTime } from '#core/db_time'
import { isUuid } from '#core/ids'
import storage from '#core/storage'
import { membershipRole } from '#orgs/queries/orgs'
import Seal from '#seals/models/seal'
import SealGrant from '#seals/models/seal_grant'
import SealUsage from '#seals/models/seal_usage'
import SealRequest from '#seals/models/seal_request'

/**
 * Reads of seals: what a person may sign with now (the platforms' seal
 * signing asks usableSealsOf), an owner's seals, 失效印章, authorisations
 * and usage records.
 */
export interface UsableSeal {
  id: string
  code: string
  name: string
  kind: string
  kindLabel: string
  ownerType: 'person' | 'org'
  orgId: string | null
  certSerial: string | null
  imageKey: string
  imageSha256: string
  /** GB/T 38540 seal data (canonical JSON) and the office's signature over it, if any */
  eslData: string
  eslSignature: string | null
  /** own seal: null; an authorised org seal: the end of the window */
  until: DateTime | null
}

function usable(seal: Seal, until: DateTime | null): UsableSeal {
  return {
    id: seal.id,
    code: seal.code,
    name: seal.name,
    kind: seal.kind,
    kindLabel: seal.kindLabel,
    ownerType: seal.ownerType,
    orgId: seal.orgId,
    certSerial: seal.certSerial,
    imageKey: seal.imageKey,
    imageSha256: seal.imageSha256,
    eslData: seal.eslData,
    eslSignature: seal.eslSignature,
    until,
  }
}

/**
 * The seals a person may use at `now`: their own seals in force, and the
 * org seals authorised to them whose window holds `now` (start inclusive,
 * end exclusive), not withdrawn or lapsed, while they are still a member
 * and the seal is in force.
 */
export async function usableSealsOf(userId: string, now: DateTime | Date = DateTime.utc()) {
  if (!isUuid(userId)) return []
  const at = (now instanceof Date ? DateTime.fromJSDate(now) : now).toUTC()
  const own = await Seal.query()
    .where('owner_type', 'person')
    .where('owner_user_id', userId)
    .where('status', 'active')
    .where('valid_from', '<=', dbTime(at.toJSDate()))
    .where('valid_to', '>', dbTime(at.toJSDate()))
    .orderBy('created_at', 'asc')
  const grants = await SealGrant.query()
    .where('user_id', userId)
    .where('status', 'active')
    .where('starts_at', '<=', dbTime(at.toJSDate()))
    .where('ends_at', '>', dbTime(at.toJSDate()))
    .preload('seal')
  const result = own.map((seal) => usable(seal, null))
  const memberOf = new Map<string, boolean>()
  for (const grant of grants) {
    const seal = grant.seal
    if (seal.status !== 'active' || seal.validTo <= at || seal.validFrom > at) continue
    if (!memberOf.has(grant.orgId)) {
      memberOf.set(grant.orgId, Boolean(await membershipRole(grant.orgId, userId)))
    }
    if (!memberOf.get(grant.orgId)) continue
    const existing = result.find((s) => s.id === seal.id)
    if (existing) {
      if (existing.until && grant.endsAt > existing.until) existing.until = grant.endsAt
      continue
    }
    result.push(usable(seal, grant.endsAt))
  }
  return result
}

/** the seal's PNG (for a platform that stamps it) */
export async function sealImage(sealId: string) {
  if (!isUuid(sealId)) return null
  const seal = await Seal.find(sealId)
  return seal ? storage.get(seal.imageKey) : null
}

/** a seal's face as its holder sees it: the PNG inline, named after the seal (sendPrivateFile) */
export function sealImageFile(seal: { imageKey: string; name: string }) {
  return {
    key: seal.imageKey,
    name: `${seal.name}.png`,
    type: 'png',
    disposition: 'inline' as const,
  }
}

export type OwnerRef = { type: 'person'; userId: string } | { type: 'org'; orgId: string }

function ownedBy(owner: OwnerRef) {
  const query = Seal.query()
  return owner.type === 'org'
    ? query.where('owner_type', 'org').where('org_id', owner.orgId)
    : query.where('owner_type', 'person').where('owner_user_id', owner.userId)
}

/** 我的印章 / 机构印章: in force and waiting (失效印章 apart) */
export async function sealsOf(owner: OwnerRef): Promise<Seal[]> {
  return ownedBy(owner).whereIn('status', ['pending', 'active']).orderBy('created_at', 'desc')
}

/** 失效印章: revoked or rejected */
export async function lapsedSealsOf(owner: OwnerRef): Promise<Seal[]> {
  return ownedBy(owner).whereIn('status', ['revoked', 'rejected']).orderBy('updated_at', 'desc')
}

/** one seal of this owner, or null (another owner's id: null → 404) */
export async function findSealOf(owner: OwnerRef, id: unknown): Promise<Seal | null> {
  if (!isUuid(id)) return null
  return ownedBy(owner).where('id', id).first()
}

export async function requestsOfSeal(sealId: string) {
  return SealRequest.query().where('seal_id', sealId).orderBy('created_at', 'desc')
}

export async function grantsOfOrg(orgId: string) {
  return SealGrant.query()
    .where('org_id', orgId)
    .preload('seal')
    .orderBy('created_at', 'desc')
    .limit(500)
}

export async function grantsOfSeal(sealId: string) {
  return SealGrant.query().where('seal_id', sealId).orderBy('created_at', 'desc')
}

/**
 * 用章记录: an org admin sees all members' (allMembers), anyone else their
 * own; a person their own seals' uses.
 */
export async function usagesOf(
  scope: { orgId: string; userId: string; allMembers: boolean } | { personUserId: string }
) {
  const query = SealUsage.query().orderBy('used_at', 'desc').limit(500)
  if ('orgId' in scope) {
    query.where('org_id', scope.orgId)
    if (!scope.allMembers) query.where('user_id', scope.userId)
  } else {
    query.whereNull('org_id').where('user_id', scope.personUserId)
  }
  return query
}
