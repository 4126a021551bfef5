import db from '@adonisjs/lucid/services/db'
import { DateTime } from 'luxon'
import audit, { type AuditActor } from '#core/audit/audit_service'
import { NotFoundError } from '#core/rule_error'
import { isUuid } from '#core/ids'
import { shanghaiDayStart } from '#core/time'
import { applicantsByIds } from '#accounts/queries/users'
import { membershipRole } from '#orgs/queries/orgs'
import CertificateGrant from '#certificates/models/certificate_grant'
import { grantLifecycle } from '#certificates/grant_lifecycle'
import type { CertificateView } from '#certificates/queries/certificates'
import { CertificateActionError } from '#certificates/errors'

/**
 * 证书授权 (issue 11): an admin of the org that holds a certificate lets
 * one of its members use it from one day to another (Beijing days,
 * inclusive); the member then sees and uses it in 我的证书 inside that
 * window only (#certificates/queries/certificates), and only while still
 * a member; an admin withdraws it. Each change is audited.
 */
function fail(message: string, field?: string): never {
  throw new CertificateActionError(message, field ? { field } : {})
}

function day(value: string, field: string, label: string) {
  const start = shanghaiDayStart(value.trim())
  if (!start) fail(`请填写${label}（年-月-日）`, field)
  return start
}

export async function grantCertificate(
  view: CertificateView,
  input: { userId: string; from: string; to: string },
  actor: AuditActor
) {
  const certificate = view.certificate
  if (!certificate.orgId) fail('个人证书仅限本人使用，不能授权他人')
  if (view.status === 'invalid') fail(`证书${view.statusDetail}，不能授权`)
  if (!isUuid(input.userId) || !(await membershipRole(certificate.orgId, input.userId)))
    fail('被授权人不是本机构的在职成员', 'user_id')
  const from = day(input.from, 'from', '授权开始日期')
  const to = day(input.to, 'to', '授权结束日期')
  if (to < from) fail('授权结束日期不能早于开始日期', 'to')
  if (to < DateTime.now().setZone('Asia/Shanghai').startOf('day'))
    fail('授权结束日期不能早于今天', 'to')
  const people = await applicantsByIds([input.userId])
  const person = people.get(input.userId)
  return db.transaction(async (trx) => {
    const grant = new CertificateGrant()
    grant.fill({
      certificateId: certificate.id,
      orgId: certificate.orgId!,
      userId: input.userId,
      memberName: person?.realName ?? person?.name ?? '—',
      startsAt: from.toUTC(),
      endsAt: to.plus({ days: 1 }).toUTC(),
      status: 'active',
      grantedById: actor.id ?? null,
      withdrawnAt: null,
    })
    await audit.save(grant, trx, {
      action: 'certificates.grant.create',
      subjectType: 'certificate_grant',
      data: { serial: certificate.serial, userId: input.userId, from: input.from, to: input.to },
      actor,
    })
    return grant
  })
}

export async function withdrawCertificateGrant(
  view: CertificateView,
  grantId: unknown,
  actor: AuditActor
) {
  if (!isUuid(grantId)) throw new NotFoundError('授权记录不存在')
  const grant = await CertificateGrant.query()
    .where('certificate_id', view.certificate.id)
    .where('id', grantId)
    .first()
  if (!grant) throw new NotFoundError('授权记录不存在')
  return db.transaction(async (trx) => {
    grant.withdrawnAt = DateTime.utc()
    await grantLifecycle.apply(grant, 'withdraw', trx, { actor })
    return grant
  })
}

/** the authorisations of a certificate, newest first */
export function grantsOf(certificateId: string) {
  return CertificateGrant.query()
    .where('certificate_id', certificateId)
    .orderBy('created_at', 'desc')
}
