import { column } from '@adonisjs/lucid/orm'
import { UuidModel } from '#core/orm'

/** the states of a platforms record: a Chinese label and a badge tone each */
export type StateTable = Record<string, { readonly label: string; readonly tone: string }>

/**
 * A record of the platforms module (QR sessions, 待办, webhooks): it
 * belongs to one integration and has a `state` column, whose label and
 * tone come from the subclass's `states`.
 */
export abstract class StatefulModel extends UuidModel {
  static states: StateTable = {}

  @column() declare integrationId: string
  declare state: string

  get stateLabel(): string {
    return (this.constructor as typeof StatefulModel).states[this.state]?.label ?? this.state
  }

  get stateTone(): string {
    return (this.constructor as typeof StatefulModel).states[this.state]?.tone ?? 'muted'
  }
}
