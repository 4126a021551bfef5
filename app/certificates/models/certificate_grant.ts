import { column } from '@adonisjs/lucid/orm'
import { MemberGrant } from '#core/member_grant'
import { grantLifecycle, type GrantStatus } from '#certificates/grant_lifecycle'

/**
 * 证书授权: one certificate of an org, authorised to one member from
 * starts_at to ends_at (exclusive) (the columns of #core/member_grant).
 */
export default class CertificateGrant extends MemberGrant {
  static table = 'certificate_grants'

  @column()
  declare certificateId: string

  declare status: GrantStatus

  get statusLabel() {
    return grantLifecycle.label(this.status)
  }

  /** 待生效 / 生效中 / 已到期 for an active grant, else its status */
  windowLabel(now = Date.now()) {
    if (this.status !== 'active') return this.statusLabel
    if (this.startsAt.toMillis() > now) return '待生效'
    return this.endsAt.toMillis() > now ? '生效中' : '已到期'
  }
}
