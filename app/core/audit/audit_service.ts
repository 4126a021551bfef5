import { createHash } from 'node:crypto'
import db from '@adonisjs/lucid/services/db'
import { HttpContext } from '@adonisjs/core/http'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import type { LucidRow } from '@adonisjs/lucid/types/model'
import AuditLog from './audit_log.js'
import { readSnapshot } from '#core/db_transactions'

export type ActorType = 'user' | 'staff' | 'system' | 'platform'

export interface AuditActor {
  type: ActorType
  id?: string | null
  name?: string | null
}

export interface AuditInput {
  /** module.thing.verb, e.g. "accounts.user.register" */
  action: string
  subjectType?: string | null
  subjectId?: string | number | null
  data?: Record<string, unknown> | null
  /** Defaults to the signed-in staff member or user of the current request, else "system" */
  actor?: AuditActor
  ip?: string | null
  userAgent?: string | null
}

export const GENESIS_HASH = '0'.repeat(64)

/**
 * Chinese labels of audit actions, registered by each module; shown in
 * the back office audit viewer and in the applicant's 操作日志.
 */
const actionLabels: Record<string, string> = {}

export function registerAuditActions(labels: Record<string, string>) {
  Object.assign(actionLabels, labels)
}

export function auditActionLabel(action: string): string {
  return actionLabels[action] ?? action
}

/**
 * Chinese labels of coded values in audit entry data, registered by the
 * module that owns the codes ({ method: { pickup: '自取', sandbox: '沙箱支付' } }):
 * 操作日志 and the back office show them instead of the codes. States of
 * a lifecycle (from, to, status) are labelled by the lifecycle itself
 * (#core/lifecycle stateLabelOf).
 */
const valueLabels: Record<string, Record<string, string>> = {}

export function registerAuditValues(labels: Record<string, Record<string, string>>) {
  for (const [key, values] of Object.entries(labels)) {
    valueLabels[key] = { ...valueLabels[key], ...values }
  }
}

export function auditValueLabel(key: string, value: string): string | undefined {
  return valueLabels[key]?.[value]
}

export function auditActionLabels(prefix?: string): Record<string, string> {
  if (!prefix) return { ...actionLabels }
  return Object.fromEntries(Object.entries(actionLabels).filter(([k]) => k.startsWith(prefix)))
}

export interface HashedFields {
  prevHash: string
  seq: number
  createdAt: string
  actorType: string
  actorId: string | null
  actorName: string | null
  action: string
  subjectType: string | null
  subjectId: string | null
  data: string | null
  ip: string | null
  userAgent: string | null
}

/**
 * The hash of an entry covers every field and the previous entry's hash.
 */
export function hashEntry(fields: HashedFields): string {
  const canonical = JSON.stringify([
    fields.prevHash,
    Number(fields.seq),
    fields.createdAt,
    fields.actorType,
    fields.actorId,
    fields.actorName,
    fields.action,
    fields.subjectType,
    fields.subjectId,
    fields.data,
    fields.ip,
    fields.userAgent,
  ])
  return createHash('sha256').update(canonical).digest('hex')
}

/**
 * Who is acting in the current HTTP request, if any.
 */
export function currentRequestContext(): {
  actor: AuditActor
  ip: string | null
  userAgent: string | null
} | null {
  const ctx = HttpContext.get()
  if (!ctx) return null
  let actor: AuditActor = { type: 'system', id: null, name: null }
  try {
    const staff = (ctx.auth?.use('admin') as any)?.user
    const user = (ctx.auth?.use('web') as any)?.user
    if (staff)
      actor = { type: 'staff', id: String(staff.id), name: staff.displayName ?? staff.username }
    else if (user)
      actor = { type: 'user', id: String(user.id), name: user.displayName ?? user.phone }
  } catch {
    /* auth not initialised for this request */
  }
  return {
    actor,
    ip: ctx.request.ip(),
    userAgent: (ctx.request.header('user-agent') ?? '').slice(0, 255) || null,
  }
}

/**
 * The columns of an entry (before its place in the chain): the actor and
 * request details come from the input, else from the current request.
 */
function entryFields(input: AuditInput, request: ReturnType<typeof currentRequestContext>) {
  const actor = input.actor ?? request?.actor ?? { type: 'system' as const }
  return {
    actorType: actor.type,
    actorId: actor.id === undefined || actor.id === null ? null : String(actor.id),
    actorName: actor.name ?? null,
    action: input.action,
    subjectType: input.subjectType ?? null,
    subjectId:
      input.subjectId === undefined || input.subjectId === null ? null : String(input.subjectId),
    data: input.data ? JSON.stringify(input.data) : null,
    ip: input.ip ?? request?.ip ?? null,
    userAgent: input.userAgent ?? request?.userAgent ?? null,
  }
}

let inProcessQueue: Promise<unknown> = Promise.resolve()

export class AuditService {
  /**
   * Append one entry. Pass the caller's transaction so that the entry is
   * committed (or rolled back) with the state change it records.
   */
  async record(input: AuditInput, trx?: TransactionClientContract): Promise<AuditLog> {
    const fields = entryFields(input, currentRequestContext())

    const append = async (client: TransactionClientContract) => {
      const headQuery = client.from('audit_chain').where('id', 1)
      if (client.dialect.name === 'postgres') headQuery.forUpdate()
      const head = await headQuery.first()
      const prevHash: string = head?.last_hash ?? GENESIS_HASH
      const seq = Number(head?.last_seq ?? 0) + 1
      const createdAt = new Date().toISOString()
      const hash = hashEntry({ prevHash, seq, createdAt, ...fields })
      const entry = new AuditLog()
      entry.fill({ seq, createdAt, prevHash, hash, ...fields })
      entry.useTransaction(client)
      await entry.save()
      if (head) {
        await client.from('audit_chain').where('id', 1).update({ last_seq: seq, last_hash: hash })
      } else {
        await client.table('audit_chain').insert({ id: 1, last_seq: seq, last_hash: hash })
      }
      return entry
    }

    if (trx) return append(trx)

    /**
     * Outside a caller's transaction: serialise appends of this process
     * (SQLite has one writer anyway) and lock the chain head on PostgreSQL.
     */
    const run = inProcessQueue.then(() => db.transaction((t) => append(t)))
    inProcessQueue = run.catch(() => undefined)
    return run
  }

  /**
   * The two steps of most state changes: save a row in the caller's
   * transaction, then write the audit entry about it (the subject id is
   * the row's id unless the entry names another), so that both commit or
   * neither (`null`: in a transaction of their own). Returns the row.
   */
  async save<M extends LucidRow>(
    row: M,
    trx: TransactionClientContract | null,
    entry: AuditInput
  ): Promise<M> {
    if (!trx) return db.transaction((own) => this.save(row, own, entry))
    row.useTransaction(trx)
    await row.save()
    await this.record({ subjectId: (row as LucidRow & { id?: string | number }).id, ...entry }, trx)
    return row
  }

  /**
   * Append several entries, one per state change, inside the caller's
   * transaction with one read of the chain head, one INSERT and one
   * UPDATE (group commit of busy writers, e.g. certificate issuance).
   * Same entries and hashes as calling `record` for each input in order.
   */
  async recordMany(inputs: AuditInput[], trx: TransactionClientContract): Promise<void> {
    if (inputs.length === 0) return
    const request = currentRequestContext()
    const headQuery = trx.from('audit_chain').where('id', 1)
    if (trx.dialect.name === 'postgres') headQuery.forUpdate()
    const head = await headQuery.first()
    let prevHash: string = head?.last_hash ?? GENESIS_HASH
    let seq = Number(head?.last_seq ?? 0)
    const rows = inputs.map((input) => {
      const fields = entryFields(input, request)
      seq++
      const createdAt = new Date().toISOString()
      const hash = hashEntry({ prevHash, seq, createdAt, ...fields })
      const row = {
        seq,
        created_at: createdAt,
        actor_type: fields.actorType,
        actor_id: fields.actorId,
        actor_name: fields.actorName,
        action: fields.action,
        subject_type: fields.subjectType,
        subject_id: fields.subjectId,
        data: fields.data,
        ip: fields.ip,
        user_agent: fields.userAgent,
        prev_hash: prevHash,
        hash,
      }
      prevHash = hash
      return row
    })
    for (let i = 0; i < rows.length; i += 50) {
      await trx
        .insertQuery()
        .table('audit_logs')
        .multiInsert(rows.slice(i, i + 50))
    }
    if (head)
      await trx.from('audit_chain').where('id', 1).update({ last_seq: seq, last_hash: prevHash })
    else await trx.table('audit_chain').insert({ id: 1, last_seq: seq, last_hash: prevHash })
  }

  /**
   * The entries about one subject, oldest first (an order's timeline).
   */
  async trailOf(subjectType: string, subjectId: string, limit = 200) {
    return AuditLog.query()
      .where('subject_type', subjectType)
      .where('subject_id', subjectId)
      .orderBy('seq', 'asc')
      .limit(limit)
  }

  /**
   * Walk the chain in order and report the first entry whose hash or link
   * to its predecessor does not match.
   *
   * The head (last seq and hash) and the entries are read in one
   * snapshot (#core/db_transactions readSnapshot), so entries appended
   * while it runs (by this server, another instance, an ace command) are
   * simply not seen yet: a busy office never gets a false "deleted
   * entry". `audit:verify` and the back office's check both call this.
   */
  async verify(
    options: { connection?: string } = {}
  ): Promise<{ ok: boolean; checked: number; brokenAt?: number; reason?: string }> {
    return readSnapshot(async (trx) => {
      const head = await trx.from('audit_chain').where('id', 1).first()
      const headSeq = Number(head?.last_seq ?? 0)
      let prevHash = GENESIS_HASH
      let expectedSeq = 1
      let checked = 0
      let lastSeq = 0
      const pageSize = 1000
      for (;;) {
        const rows = await AuditLog.query({ client: trx })
          .where('seq', '>', lastSeq)
          .orderBy('seq', 'asc')
          .limit(pageSize)
        if (rows.length === 0) break
        for (const row of rows) {
          const seq = Number(row.seq)
          if (seq !== expectedSeq) {
            return {
              ok: false,
              checked,
              brokenAt: expectedSeq,
              reason: `缺少第 ${expectedSeq} 条记录`,
            }
          }
          if (row.prevHash !== prevHash) {
            return {
              ok: false,
              checked,
              brokenAt: seq,
              reason: `第 ${seq} 条记录与上一条的链接不符`,
            }
          }
          const computed = hashEntry({
            prevHash: row.prevHash,
            seq,
            createdAt: row.createdAt,
            actorType: row.actorType,
            actorId: row.actorId,
            actorName: row.actorName,
            action: row.action,
            subjectType: row.subjectType,
            subjectId: row.subjectId,
            data: row.data,
            ip: row.ip,
            userAgent: row.userAgent,
          })
          if (computed !== row.hash) {
            return { ok: false, checked, brokenAt: seq, reason: `第 ${seq} 条记录的内容已被改动` }
          }
          prevHash = row.hash
          expectedSeq = seq + 1
          lastSeq = seq
          checked++
        }
      }
      if (head && headSeq !== lastSeq) {
        return {
          ok: false,
          checked,
          brokenAt: Math.min(headSeq, lastSeq) + 1,
          reason:
            headSeq > lastSeq
              ? `链尾应为第 ${headSeq} 条，实际为第 ${lastSeq} 条（记录被删除）`
              : `链尾为第 ${headSeq} 条，之后却还有第 ${headSeq + 1} 条（记录被插入）`,
        }
      }
      if (head && head.last_hash !== prevHash) {
        return { ok: false, checked, brokenAt: lastSeq, reason: `链尾与第 ${lastSeq} 条记录不符` }
      }
      return { ok: true, checked }
    }, options.connection)
  }
}

const audit = new AuditService()
export default audit
