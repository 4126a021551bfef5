export interface RealNameCheck {
  name: string
  idNumber: string
}

/**
 * match: name and number belong together; mismatch: they do not;
 * not_found: no such number on record.
 */
export type RealNameVerdict =
  { result: 'match' } | { result: 'mismatch' | 'not_found'; message: string }

export interface RealNameProvider {
  readonly name: string
  readonly sandbox: boolean
  check(input: RealNameCheck): Promise<RealNameVerdict>
}

export class RealNameProviderError extends Error {}
