import { column } from '@adonisjs/lucid/orm'
import type { DateTime } from 'luxon'
import { UuidModel } from '#core/orm'

export const CERT_KIND_LABELS = {
  personal: '个人证书',
  expert: '专家证书',
  enterprise: '企业证书',
} as const
export const MEDIUM_LABELS = { cloud: '移动证书（云证书）', ukey: 'uKey 证书' } as const

export default class Certificate extends UuidModel {
  static table = 'certificates'

  @column()
  declare userId: string

  /** the organisation it belongs to (an enterprise order made acting for it), or null */
  @column()
  declare orgId: string | null

  @column()
  declare orderNo: string

  @column()
  declare serial: string

  @column()
  declare encSerial: string | null

  @column()
  declare credentialId: string | null

  @column()
  declare certKind: keyof typeof CERT_KIND_LABELS

  @column()
  declare medium: keyof typeof MEDIUM_LABELS

  @column()
  declare platformId: string

  @column()
  declare platformName: string

  @column()
  declare productName: string

  @column()
  declare subjectName: string

  @column()
  declare subjectIdNumber: string | null

  @column()
  declare subjectOrgName: string | null

  @column.dateTime()
  declare notBefore: DateTime

  @column.dateTime()
  declare notAfter: DateTime

  /** the 我的证书 row this one replaced (更新, 变更, 补办) */
  @column()
  declare replacesId: string | null

  /** the service that issued it: new, renew, change, reissue, change_renew, renew_reissue */
  @column()
  declare serviceType: string

  get kindLabel() {
    return CERT_KIND_LABELS[this.certKind] ?? this.certKind
  }

  get mediumLabel() {
    return MEDIUM_LABELS[this.medium] ?? this.medium
  }
}
