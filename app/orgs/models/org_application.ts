import { column } from '@adonisjs/lucid/orm'
import { orgRequest } from '#orgs/models/org_row'
import { APPLICATION_STATES, APPLICATION_TYPES, type ApplicationType } from '#orgs/labels'

/**
 * What a person asks of an org's admins: 加入企业, 用章权限, 退出企业
 * (reviewed by the org's admins: core's ReviewCase, with the org's own
 * state labels).
 */
export default class OrgApplication extends orgRequest() {
  static table = 'org_applications'

  @column()
  declare type: ApplicationType

  @column()
  declare reason: string | null

  get typeLabel() {
    return APPLICATION_TYPES[this.type] ?? this.type
  }

  get statusLabel() {
    return APPLICATION_STATES[this.status]?.label ?? this.status
  }

  get statusTone() {
    return APPLICATION_STATES[this.status]?.tone ?? 'muted'
  }
}
