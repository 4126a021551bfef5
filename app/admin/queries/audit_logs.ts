import db from '@adonisjs/lucid/services/db'
import AuditLog from '#core/audit/audit_log'
import audit, { auditActionLabel, auditActionLabels, hashEntry } from '#core/audit/audit_service'
import { DateTime } from 'luxon'
import { DISPLAY_ZONE, shanghaiDayEnd, shanghaiDayStart } from '#core/time'
import { compact, isoDate, likePattern, oneOf, page, text } from '#admin/queries/filters'

export const ACTOR_TYPES = {
  user: '申请人',
  staff: '工作人员',
  system: '系统',
  platform: '交易平台',
} as const
export type ActorTypeKey = keyof typeof ACTOR_TYPES

export const SUBJECT_TYPES: Record<string, string> = {
  staff: '工作人员',
  user: '申请人',
  person: '自然人',
  order: '订单',
  address: '收货地址',
  certificate: '证书',
  issued_certificate: '证书',
  certificate_authority: '证书签发机构（CA）',
  cloud_credential: '云证书密钥',
  payment: '支付',
  refund: '退款',
  invoice: '发票',
  org: '机构',
  seal: '印章',
  product: '产品',
  product_material: '产品材料',
  platform: '交易平台',
  trading_platform: '交易平台',
  service_region: '服务区域',
  pickup_point: '自取网点',
  shipping_origin: '发货地址',
  real_name_request: '实名认证申请',
  phone_change_request: '手机号变更申请',
  account_appeal: '账号申诉',
  notice: '通知公告',
  guide: '操作指南',
  download: '下载资料',
}

export interface AuditLogFilters {
  action?: string
  actor_type?: ActorTypeKey
  actor?: string
  subject_type?: string
  subject_id?: string
  from?: string
  to?: string
}

export function parseAuditFilters(qs: Record<string, unknown>) {
  const action = text(qs.action, 100)
  const subjectType = text(qs.subject_type, 50)
  return {
    filters: compact<AuditLogFilters>({
      action: action && /^[\w.:-]+$/.test(action) ? action : undefined,
      actor_type: oneOf(qs.actor_type, Object.keys(ACTOR_TYPES) as ActorTypeKey[]),
      actor: text(qs.actor, 100),
      subject_type: subjectType && /^[\w.:-]+$/.test(subjectType) ? subjectType : undefined,
      subject_id: text(qs.subject_id, 64),
      from: isoDate(qs.from),
      to: isoDate(qs.to),
    }),
    page: page(qs.page),
  }
}

/**
 * The filter choices: every registered action (grouped by module, in
 * Chinese) plus any action present in the log without a label.
 */
export async function auditFilterOptions() {
  const labels = auditActionLabels()
  const used = await db.from('audit_logs').distinct('action').orderBy('action')
  for (const row of used) if (!labels[row.action]) labels[row.action] = row.action
  const actions = Object.entries(labels)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([value, label]) => ({ value, label: `${moduleLabel(value)} · ${label}` }))
  const subjects = await db
    .from('audit_logs')
    .whereNotNull('subject_type')
    .distinct('subject_type')
    .orderBy('subject_type')
  const subjectTypes = subjects.map((r) => ({
    value: r.subject_type,
    label: subjectTypeLabel(r.subject_type),
  }))
  return { actions, subjectTypes }
}

const MODULE_LABELS: Record<string, string> = {
  core: '系统',
  accounts: '账号',
  orgs: '机构',
  catalog: '业务目录',
  orders: '订单',
  certificates: '证书',
  issuance: 'CA 签发',
  seals: '印章',
  ocr: '识别',
  platforms: '交易平台',
  admin: '后台',
}

function moduleLabel(action: string) {
  const module = action.split('.')[0]
  return MODULE_LABELS[module] ?? '其他'
}

export function subjectTypeLabel(type: string | null | undefined): string {
  if (!type) return ''
  return SUBJECT_TYPES[type] ?? type
}

export function actorTypeLabel(type: string): string {
  return ACTOR_TYPES[type as ActorTypeKey] ?? type
}

/**
 * 审计日志: newest first.
 */
export async function listAuditLogs(filters: AuditLogFilters, pageNumber = 1, perPage = 30) {
  const query = AuditLog.query()
  if (filters.action) query.where('action', filters.action)
  if (filters.actor_type) query.where('actor_type', filters.actor_type)
  if (filters.actor) {
    const pattern = likePattern(filters.actor.toLowerCase())
    query.where((q) => {
      q.whereRaw(`LOWER(actor_name) LIKE ? ESCAPE '\\'`, [pattern]).orWhere(
        'actor_id',
        filters.actor!
      )
    })
  }
  if (filters.subject_type) query.where('subject_type', filters.subject_type)
  if (filters.subject_id) query.where('subject_id', filters.subject_id)
  const from = filters.from ? shanghaiDayStart(filters.from) : null
  const to = filters.to ? shanghaiDayEnd(filters.to) : null
  /* created_at is the ISO text that was hashed: compares as text on both databases */
  if (from) query.where('created_at', '>=', from.toUTC().toISO()!)
  if (to) query.where('created_at', '<=', to.toUTC().toISO()!)
  return query.orderBy('seq', 'desc').paginate(pageNumber, perPage)
}

export async function findAuditEntry(seq: number) {
  return AuditLog.query().where('seq', seq).first()
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

/**
 * Check one entry on its own: does its stored hash match its content,
 * and does it link to the entry before it?
 */
export async function checkEntry(entry: AuditLog) {
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
  const previous =
    Number(entry.seq) > 1
      ? await AuditLog.query()
          .where('seq', Number(entry.seq) - 1)
          .first()
      : null
  const linkOk =
    Number(entry.seq) === 1 ? /^0{64}$/.test(entry.prevHash) : previous?.hash === entry.prevHash
  return {
    computed,
    hashOk: computed === entry.hash,
    linkOk,
    previousMissing: Number(entry.seq) > 1 && !previous,
  }
}

export { auditActionLabel }

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
 * minutes while the chain's head is unchanged; 重新校验 always walks it.
 */
const CACHE_MS = 5 * 60 * 1000
let cached: { key: string; result: IntegrityResult } | null = null

async function chainHeadKey() {
  const head = await db.from('audit_chain').where('id', 1).first()
  return {
    key: head ? `${head.last_seq}:${head.last_hash}` : 'empty',
    seq: Number(head?.last_seq ?? 0),
  }
}

export async function auditIntegrity(
  options: { fresh?: boolean } = {}
): Promise<IntegrityResult & { cached: boolean }> {
  const head = await chainHeadKey()
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

/**
 * Audit entries written since midnight (Asia/Shanghai).
 */
export async function countAuditToday() {
  const start = DateTime.now().setZone(DISPLAY_ZONE).startOf('day').toUTC().toISO()!
  const row = await db
    .from('audit_logs')
    .where('created_at', '>=', start)
    .count('* as total')
    .first()
  return Number(row?.total ?? 0)
}
