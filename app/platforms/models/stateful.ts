import { column } from '@adonisjs/lucid/orm'
import { UuidModel } from '#core/orm'

/** the states of a platforms record: a Chinese label and a badge tone each */
export type StateTable = Record<string, { readonly label: string; readonly tone: string }>

/**
 * The base of a record of the platforms module (QR sessions, 待办,
 * webhooks): it belongs to one integration and has a `state` column typed
 * by its table of states, whose label and tone it shows.
 *
 *   export default class PlatformTask extends platformRecord(TASK_STATES) { … }
 */
export function platformRecord<const States extends StateTable>(states: States) {
  class PlatformRecord extends UuidModel {
    static states: StateTable = states

    @column() declare integrationId: string
    @column() declare state: keyof States & string

    get stateLabel(): string {
      return states[this.state]?.label ?? this.state
    }

    get stateTone(): string {
      return states[this.state]?.tone ?? 'muted'
    }
  }
  return PlatformRecord
}
