import db from '@adonisjs/lucid/services/db'
import { DateTime } from 'luxon'
import AuditLog from '#core/audit/audit_log'
import audit, { auditActionLabels, hashEntry } from '#core/audit/audit_service'
import { DISPLAY_ZONE, shanghaiDayEnd, shanghaiDayStart } from '#core/time'

/**
 * Reading the audit log: every module asks here (the back office's audit
 * viewer, an applicant's 操作日志, an order's or a certificate's history)
 * and never queries the audit tables itself.
 *
 * Who/what an entry is about is given as criteria, any of which may match:
 * an actor, a subject (of one type, or of any), subjects picked by a
 * subquery of the caller's own table
 * (`db.from('account_appeals').select('id').where('user_id', id)`), or
 * entries whose data names something (a certificate serial).
 */
export type SubjectIds = string[] | { toKnexQuery(): unknown } | object

export interface AuditCriteria {
  /** entries matching any of these */
  anyOf?: Array<
    | { actorType: string; actorId: string }
    | { subjectType?: string; subjectId: string }
    | { subjectType: string; subjectIds: SubjectIds }
    /** the entry's data names this text (a serial, a number) */
    | { dataContains: string }
  >
  /** an action, or every action starting with "prefix." */
  action?: string
  actionPrefix?: string
  actions?: string[]
  actorType?: string
  /** name (case-insensitive substring) or exact id of the actor */
  actor?: string
  subjectType?: string
  subjectId?: string
  /** Beijing calendar dates, inclusive */
  from?: string
  to?: string
  /** one entry by its hash (a reference shown to users) */
  hash?: string
}

function likePattern(text: string) {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`
}

function query(criteria: AuditCriteria) {
  const q = AuditLog.query()
  if (criteria.anyOf?.length) {
    q.where((outer) => {
      for (const c of criteria.anyOf!) {
        outer.orWhere((w) => {
          if ('actorType' in c) w.where('actor_type', c.actorType).where('actor_id', c.actorId)
          else if ('dataContains' in c)
            w.whereRaw(`data LIKE ? ESCAPE '\\'`, [likePattern(c.dataContains)])
          else if ('subjectId' in c) {
            if (c.subjectType) w.where('subject_type', c.subjectType)
            w.where('subject_id', c.subjectId)
          } else w.where('subject_type', c.subjectType).whereIn('subject_id', c.subjectIds as any)
        })
      }
    })
  }
  if (criteria.action) q.where('action', criteria.action)
  if (criteria.actionPrefix) q.whereLike('action', `${criteria.actionPrefix}.%`)
  if (criteria.actions) q.whereIn('action', criteria.actions)
  if (criteria.actorType) q.where('actor_type', criteria.actorType)
  if (criteria.actor) {
    const actor = criteria.actor
    q.where((w) => {
      w.whereRaw(`LOWER(actor_name) LIKE ? ESCAPE '\\'`, [
        likePattern(actor.toLowerCase()),
      ]).orWhere('actor_id', actor)
    })
  }
  if (criteria.subjectType) q.where('subject_type', criteria.subjectType)
  if (criteria.subjectId) q.where('subject_id', criteria.subjectId)
  if (criteria.hash) q.where('hash', criteria.hash)
  /* created_at is the ISO text that was hashed: compares as text on both databases */
  const from = criteria.from ? shanghaiDayStart(criteria.from) : null
  const to = criteria.to ? shanghaiDayEnd(criteria.to) : null
  if (from) q.where('created_at', '>=', from.toUTC().toISO()!)
  if (to) q.where('created_at', '<=', to.toUTC().toISO()!)
  return q
}

/** newest first, paginated */
export async function paginateAuditEntries(criteria: AuditCriteria, page = 1, perPage = 30) {
  return query(criteria).orderBy('seq', 'desc').paginate(page, perPage)
}

/** the newest entries matching, at most `limit` */
export async function latestAuditEntries(criteria: AuditCriteria, limit = 20) {
  return query(criteria).orderBy('seq', 'desc').limit(limit)
}

/** oldest first: the timeline of a subject (an order, a payment, a certificate) */
export async function auditTrail(criteria: AuditCriteria, limit = 200) {
  return query(criteria).orderBy('seq', 'asc').limit(limit)
}

/** the distinct actions of the entries matching (a filter's choices) */
export async function auditActionsMatching(criteria: AuditCriteria): Promise<string[]> {
  const rows = await query(criteria).distinct('action')
  return rows.map((row) => row.action)
}

export async function findAuditEntry(seq: number) {
  return AuditLog.query().where('seq', seq).first()
}

export async function findAuditEntryByHash(hash: string) {
  return AuditLog.query().where('hash', hash).first()
}

export async function neighbourSeqs(seq: number) {
  const prev = await AuditLog.query()
    .where('seq', '<', seq)
    .orderBy('seq', 'desc')
    .select('seq')
    .first()
  const next = await AuditLog.query()
    .where('seq', '>', seq)
    .orderBy('seq', 'asc')
    .select('seq')
    .first()
  return { prev: prev ? Number(prev.seq) : null, next: next ? Number(next.seq) : null }
}

/** the actions and subject types present in the log (filter choices) */
export async function auditVocabulary() {
  const labels = auditActionLabels()
  const used = await db.from('audit_logs').distinct('action').orderBy('action')
  for (const row of used) if (!labels[row.action]) labels[row.action] = row.action
  const subjects = await db
    .from('audit_logs')
    .whereNotNull('subject_type')
    .distinct('subject_type')
    .orderBy('subject_type')
  return { actionLabels: labels, subjectTypes: subjects.map((r) => String(r.subject_type)) }
}

/**
 * Check one entry on its own: does its stored hash match its content,
 * and does it link to the entry before it?
 */
export async function checkAuditEntry(entry: AuditLog) {
  const computed = hashEntry({
    prevHash: entry.prevHash,
    seq: Number(entry.seq),
    createdAt: entry.createdAt,
    actorType: entry.actorType,
    actorId: entry.actorId,
    actorName: entry.actorName,
    action: entry.action,
    subjectType: entry.subjectType,
    subjectId: entry.subjectId,
    data: entry.data,
    ip: entry.ip,
    userAgent: entry.userAgent,
  })
  const seq = Number(entry.seq)
  const previous =
    seq > 1
      ? await AuditLog.query()
          .where('seq', seq - 1)
          .first()
      : null
  const linkOk = seq === 1 ? /^0{64}$/.test(entry.prevHash) : previous?.hash === entry.prevHash
  return {
    computed,
    hashOk: computed === entry.hash,
    linkOk,
    previousMissing: seq > 1 && !previous,
  }
}

export interface IntegrityResult {
  ok: boolean
  checked: number
  brokenAt?: number
  reason?: string
  checkedAt: Date
  headSeq: number
}

/**
 * The chain check shown at the top of the audit viewer. Walking the whole
 * chain costs time on a large log, so the last result is kept for a few
 * minutes while the chain's head is unchanged; `fresh` always walks it.
 */
const CACHE_MS = 5 * 60 * 1000
let cached: { key: string; result: IntegrityResult } | null = null

async function chainHead() {
  const head = await db.from('audit_chain').where('id', 1).first()
  return {
    key: head ? `${head.last_seq}:${head.last_hash}` : 'empty',
    seq: Number(head?.last_seq ?? 0),
  }
}

export async function auditIntegrity(
  options: { fresh?: boolean } = {}
): Promise<IntegrityResult & { cached: boolean }> {
  const head = await chainHead()
  if (
    !options.fresh &&
    cached &&
    cached.key === head.key &&
    Date.now() - cached.result.checkedAt.getTime() < CACHE_MS
  ) {
    return { ...cached.result, cached: true }
  }
  const verdict = await audit.verify()
  const result: IntegrityResult = { ...verdict, checkedAt: new Date(), headSeq: head.seq }
  cached = { key: head.key, result }
  return { ...result, cached: false }
}

/** entries written since midnight (Asia/Shanghai) */
export async function countAuditToday() {
  const start = DateTime.now().setZone(DISPLAY_ZONE).startOf('day').toUTC().toISO()!
  const row = await db
    .from('audit_logs')
    .where('created_at', '>=', start)
    .count('* as total')
    .first()
  return Number(row?.total ?? 0)
}
