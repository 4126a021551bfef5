import db from '@adonisjs/lucid/services/db'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { DateTime } from 'luxon'
import audit, { type AuditActor } from '#core/audit/audit_service'
import { RuleError, NotFoundError } from '#core/rule_error'
import { isUuid } from '#core/ids'
import { applicantsByIds } from '#accounts/queries/users'
import { membershipRole } from '#orgs/queries/orgs'
import Seal from '#seals/models/seal'
import SealGrant from '#seals/models/seal_grant'
import SealUsage from '#seals/models/seal_usage'
import { grantLifecycle } from '#seals/lifecycles'

/**
 * 用章授权: an org admin authorises several of the org's seals to one or
 * several members for a period (from–to); withdraws an authorisation; a
 * platform records a use (用章记录).
 */
function fail(message: string, field?: string): never {
  throw new RuleError(message, { field })
}

function parseDay(value: unknown, field: string, label: string) {
  const text = typeof value === 'string' ? value.trim() : ''
  const day = DateTime.fromISO(text, { zone: 'Asia/Shanghai' })
  if (!text || !day.isValid) fail(`请填写${label}（年-月-日）`, field)
  return day.startOf('day')
}

export interface GrantInput {
  userIds: string[]
  sealIds: string[]
  /** YYYY-MM-DD, the first day (Beijing time) */
  from: string
  /** YYYY-MM-DD, the last day (inclusive) */
  to: string
}

export async function grantSeals(
  orgId: string,
  input: GrantInput,
  actor?: AuditActor,
  outer?: TransactionClientContract
) {
  const userIds = [...new Set(input.userIds.filter((id) => isUuid(id)))]
  const sealIds = [...new Set(input.sealIds.filter((id) => isUuid(id)))]
  if (!userIds.length) fail('请选择被授权的成员', 'user_ids')
  if (!sealIds.length) fail('请选择要授权的印章', 'seal_ids')
  const from = parseDay(input.from, 'from', '授权开始日期')
  const to = parseDay(input.to, 'to', '授权结束日期')
  if (to < from) fail('授权结束日期不能早于开始日期', 'to')
  if (to < DateTime.now().setZone('Asia/Shanghai').startOf('day'))
    fail('授权结束日期不能早于今天', 'to')
  const seals = await Seal.query({ client: outer }).where('org_id', orgId).whereIn('id', sealIds)
  if (seals.length !== sealIds.length) throw new NotFoundError('印章不存在')
  for (const seal of seals) {
    if (seal.status !== 'active')
      fail(`印章“${seal.name}”${seal.statusLabel}，不能授权`, 'seal_ids')
  }
  for (const userId of userIds) {
    if (!(await membershipRole(orgId, userId))) fail('被授权人不是本机构的在职成员', 'user_ids')
  }
  const people = await applicantsByIds(userIds)
  const startsAt = from.toUTC()
  const endsAt = to.plus({ days: 1 }).toUTC()
  const work = async (trx: TransactionClientContract) => {
    const grants: SealGrant[] = []
    for (const userId of userIds) {
      const person = people.get(userId)
      for (const seal of seals) {
        const grant = new SealGrant()
        grant.fill({
          sealId: seal.id,
          orgId,
          userId,
          memberName: person?.realName ?? person?.name ?? '—',
          startsAt,
          endsAt,
          status: 'active',
          grantedById: actor?.id ?? null,
        })
        await audit.save(grant, trx, {
          action: 'seals.grant.create',
          subjectType: 'seal_grant',
          data: { sealId: seal.id, userId, from: input.from, to: input.to },
          actor,
        })
        grants.push(grant)
      }
    }
    return grants
  }
  return outer ? work(outer) : db.transaction(work)
}

export async function withdrawGrant(orgId: string, grantId: unknown, actor?: AuditActor) {
  if (!isUuid(grantId)) throw new NotFoundError('授权记录不存在')
  const grant = await SealGrant.query().where('org_id', orgId).where('id', grantId).first()
  if (!grant) throw new NotFoundError('授权记录不存在')
  return db.transaction(async (trx) => {
    grant.withdrawnAt = DateTime.utc()
    await grantLifecycle.apply(grant, 'withdraw', trx, { actor })
    return grant
  })
}

/** the member left or was removed: their authorisations in that org lapse */
export async function lapseGrantsOf(orgId: string, userId: string) {
  const grants = await SealGrant.query()
    .where('org_id', orgId)
    .where('user_id', userId)
    .where('status', 'active')
  if (!grants.length) return 0
  await db.transaction(async (trx) => {
    for (const grant of grants)
      await grantLifecycle.apply(grant, 'lapse', trx, { data: { reason: 'left' } })
  })
  return grants.length
}

/**
 * 用章: a platform signs with a seal the person may use now (see
 * usableSealsOf) and records it. Refused outside an authorisation window.
 */
export async function recordSealUse(input: {
  sealId: string
  userId: string
  operatorName: string
  resourceName: string
  systemName: string
  operation: string
  at?: DateTime
  actor?: AuditActor
}) {
  const { usableSealsOf } = await import('#seals/queries/seals')
  const at = input.at ?? DateTime.utc()
  const usable = await usableSealsOf(input.userId, at)
  const seal = usable.find((s) => s.id === input.sealId)
  if (!seal) fail('您当前无权使用该印章（未授权、授权已过期或已撤回，或印章已注销）', 'seal_id')
  return db.transaction(async (trx) => {
    const usage = new SealUsage()
    usage.fill({
      sealId: seal.id,
      orgId: seal.orgId,
      userId: input.userId,
      operatorName: input.operatorName.slice(0, 100),
      resourceName: input.resourceName.slice(0, 200),
      systemName: input.systemName.slice(0, 100),
      operation: input.operation.slice(0, 40),
      usedAt: at,
    })
    await audit.save(usage, trx, {
      action: 'seals.usage.record',
      subjectType: 'seal',
      subjectId: seal.id,
      data: {
        resource: usage.resourceName,
        system: usage.systemName,
        operation: usage.operation,
      },
      actor: input.actor,
    })
    return usage
  })
}
