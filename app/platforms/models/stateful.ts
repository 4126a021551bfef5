import { UuidModel } from '#core/orm'

/** the states of a platforms record: a Chinese label and a badge tone each */
export type StateTable = Record<string, { readonly label: string; readonly tone: string }>

/**
 * A record of the platforms module with a `state` column (QR sessions,
 * 待办, webhooks): its label and tone come from the subclass's `states`.
 */
export abstract class StatefulModel extends UuidModel {
  static states: StateTable = {}
  declare state: string

  get stateLabel(): string {
    return (this.constructor as typeof StatefulModel).states[this.state]?.label ?? this.state
  }

  get stateTone(): string {
    return (this.constructor as typeof StatefulModel).states[this.state]?.tone ?? 'muted'
  }
}
