import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import { isUuid } from '#core/ids'
import { dbTimestamp } from '#core/time'
import { certificateStatus } from '#issuance/queries/certificates'
import { credentialState } from '#issuance/actions/cloud_keys'
import { mayOpenOrgRow, orgAccessOf, whereVisibleTo } from '#orgs/queries/access'
import Certificate from '#certificates/models/certificate'
import CertificateGrant from '#certificates/models/certificate_grant'
import type { CaStatus } from '#certificates/service_rules'

/**
 * 正常 / 冻结 / 已失效, as the holder sees a certificate; the truth is the
 * CA's (issuance module).
 */
export const DISPLAY_STATUSES = {
  active: { label: '正常', tone: 'success' },
  frozen: { label: '冻结', tone: 'warning' },
  invalid: { label: '已失效', tone: 'muted' },
} as const

export type DisplayStatus = keyof typeof DISPLAY_STATUSES

export interface CertificateView {
  certificate: Certificate
  status: DisplayStatus
  statusLabel: string
  statusTone: string
  /** 已注销 / 已过期 / 冻结 detail */
  statusDetail: string
  daysLeft: number
  /** the CA's status (#certificates/service_rules decides with it) */
  caStatus: CaStatus
}

async function present(certificate: Certificate): Promise<CertificateView> {
  const live = await certificateStatus(certificate.serial)
  let status: DisplayStatus = 'active'
  let detail = ''
  const caStatus: CaStatus = live ? live.status : 'unknown'
  if (!live || live.status === 'revoked') {
    status = 'invalid'
    detail = '已注销'
  } else if (live.status === 'expired') {
    status = 'invalid'
    detail = '已过期'
  } else if (live.status === 'suspended') {
    status = 'frozen'
    detail = '已冻结'
  }
  const daysLeft = Math.floor((certificate.notAfter.toMillis() - Date.now()) / 86_400_000)
  return {
    certificate,
    status,
    statusLabel: DISPLAY_STATUSES[status].label,
    statusTone: DISPLAY_STATUSES[status].tone,
    statusDetail: detail,
    daysLeft,
    caStatus,
  }
}

/**
 * 我的证书, optionally by status: the person's own certificates and the
 * certificates of their orgs they may see — all of an org they
 * administer, those they applied for as its 经办人 — while they are an
 * active member (#orgs/queries/access).
 */
export async function ownCertificates(userId: string, status?: string) {
  const access = await orgAccessOf(userId)
  const granted = await grantedNow(userId, [...access.adminOrgIds, ...access.memberOrgIds])
  const found = await Certificate.query()
    .where((q) => {
      whereVisibleTo(q, userId, access)
      if (granted.length) q.orWhereIn('id', granted)
    })
    .orderBy('created_at', 'desc')
    .limit(200)
  const handed = await handedOver(found, userId, access.adminOrgIds)
  const rows = found.filter((row) => !handed.has(row.id) || granted.includes(row.id))
  const views = await Promise.all(rows.map(present))
  return status && status in DISPLAY_STATUSES ? views.filter((v) => v.status === status) : views
}

export async function findOwnCertificate(
  userId: string,
  id: unknown
): Promise<CertificateView | null> {
  if (!isUuid(id)) return null
  const row = await Certificate.query().where('id', id).first()
  if (!row) return null
  if (await mayOpenOrgRow(row, userId)) {
    const access = row.orgId ? await orgAccessOf(userId) : { adminOrgIds: [] }
    const handed = await handedOver([row], userId, access.adminOrgIds)
    if (!handed.has(row.id)) return present(row)
  }
  // an org's certificate authorised to this member, inside the window
  const granted = row.orgId ? await grantedNow(userId, [row.orgId]) : []
  return granted.includes(row.id) ? present(row) : null
}

/**
 * The person's rows of an org handed over to a new 被授权人: a renewal
 * (or other service) done by another member replaced the certificate, so
 * its former handler no longer sees the old row — unless they administer
 * the org (or it is authorised to them: 证书授权, checked by the caller).
 */
async function handedOver(
  rows: Certificate[],
  userId: string,
  adminOrgIds: string[]
): Promise<Set<string>> {
  const theirs = rows.filter(
    (row) => row.orgId && row.userId === userId && !adminOrgIds.includes(row.orgId)
  )
  if (!theirs.length) return new Set()
  const successors = await Certificate.query()
    .whereIn(
      'replaces_id',
      theirs.map((row) => row.id)
    )
    .whereNot('user_id', userId)
    .select('replaces_id')
  return new Set(successors.map((row) => row.replacesId!))
}

/**
 * The certificates authorised to this person right now (证书授权: an
 * active grant whose window holds now), of the orgs they are still an
 * active member of.
 */
async function grantedNow(userId: string, orgIds: string[]): Promise<string[]> {
  if (!orgIds.length) return []
  const now = dbTimestamp(DateTime.utc(), db.connection().dialect.name)
  const grants = await CertificateGrant.query()
    .where('user_id', userId)
    .where('status', 'active')
    .whereIn('org_id', orgIds)
    .where('starts_at', '<=', now)
    .where('ends_at', '>', now)
    .select('certificate_id')
  return grants.map((g) => g.certificateId)
}

export async function certificatesOfOrder(orderNo: string) {
  const rows = await Certificate.query().where('order_no', orderNo).orderBy('created_at', 'asc')
  return Promise.all(rows.map(present))
}

/**
 * Certificates still in use (正常 or 冻结), e.g. to block deregistration:
 * the person's own (not those of their orgs, which the org keeps).
 */
export async function activeCertificateCount(userId: string) {
  const rows = await Certificate.query().where('user_id', userId).whereNull('org_id').limit(200)
  const views = await Promise.all(rows.map(present))
  return views.filter((v) => v.status !== 'invalid').length
}

/** an org's certificates still in use (正常 or 冻结): they block its deregistration */
export async function activeOrgCertificateCount(orgId: string) {
  const rows = await Certificate.query().where('org_id', orgId).limit(200)
  const views = await Promise.all(rows.map(present))
  return views.filter((v) => v.status !== 'invalid').length
}

/**
 * The cloud key's PIN state (locked, attempts left, initial PIN).
 */
export async function pinState(certificate: Certificate) {
  if (!certificate.credentialId) return null
  try {
    return await credentialState(certificate.credentialId)
  } catch {
    return null
  }
}
