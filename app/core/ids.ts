import { randomUUID } from 'node:crypto'
import env from '#start/env'

/**
 * 19-digit, time-ordered identifiers (order numbers, application ids).
 *
 * Layout (63 bits, like the order numbers in the manuals):
 *   milliseconds since 2010-01-01 (41 bits) | instance (10 bits) | sequence (12 bits)
 *
 * Since 2017 the value is always 19 decimal digits, and it stays below
 * 2^63 until 2079. The instance number (INSTANCE_ID, 0..1023) makes ids
 * unique across instances that share a database.
 */
export const ID_EPOCH = Date.UTC(2010, 0, 1)
const INSTANCE_BITS = 10n
const SEQUENCE_BITS = 12n
const MAX_SEQUENCE = (1n << SEQUENCE_BITS) - 1n

export class IdGenerator {
  #lastMs = -1
  #sequence = 0n
  readonly instance: bigint

  constructor(
    instance: number,
    private now: () => number = Date.now
  ) {
    if (!Number.isInteger(instance) || instance < 0 || instance > 1023) {
      throw new Error(`INSTANCE_ID must be an integer between 0 and 1023, got ${instance}`)
    }
    this.instance = BigInt(instance)
  }

  next(): string {
    let ms = this.now()
    if (ms < this.#lastMs) {
      /**
       * The clock went backwards: keep counting on the last millisecond
       * rather than risk a duplicate.
       */
      ms = this.#lastMs
    }
    if (ms === this.#lastMs) {
      this.#sequence = this.#sequence + 1n
      if (this.#sequence > MAX_SEQUENCE) {
        this.#sequence = 0n
        ms = this.#lastMs + 1
      }
    } else {
      this.#sequence = 0n
    }
    this.#lastMs = ms
    const value =
      (BigInt(ms - ID_EPOCH) << (INSTANCE_BITS + SEQUENCE_BITS)) |
      (this.instance << SEQUENCE_BITS) |
      this.#sequence
    return value.toString().padStart(19, '0')
  }

  /**
   * The moment an id was made (for display and sanity checks).
   */
  static timeOf(id: string): Date {
    const ms = Number(BigInt(id) >> (INSTANCE_BITS + SEQUENCE_BITS)) + ID_EPOCH
    return new Date(ms)
  }
}

const generator = new IdGenerator(env.get('INSTANCE_ID', 0))

/**
 * Next 19-digit time-ordered id.
 */
export function nextId(): string {
  return generator.next()
}

export function uuid(): string {
  return randomUUID()
}

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

export function isUuid(value: unknown): value is string {
  return typeof value === 'string' && UUID_RE.test(value)
}

export function isNineteenDigitId(value: unknown): value is string {
  return typeof value === 'string' && /^\d{19}$/.test(value)
}
