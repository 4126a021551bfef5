/**
 * Tests of known defects, marked .fails('defect: …'): they pass while the
 * app still shows the defect and turn red once it is fixed (then remove
 * the marker and the defect's entry in ./known_defects.ts).
 *
 * A test marked .fails would also "pass" when it breaks for an unrelated
 * reason (a changed button name, a timeout). To keep them honest, the
 * body marks the one check that proves the defect; only a failure of that
 * check, caused by that defect (the checker's problems all belong to it,
 * or an assertion), counts. Any other error is reported and swallowed, so
 * that the test turns red and gets looked at.
 */
import type { TestContext } from '@japa/runner/core'
import { PageProblems } from './checker.js'
import { knownDefectOf, type DefectId } from './known_defects.js'

const EVIDENCE = Symbol('evidence of the defect')

export type Proof = (check: () => Promise<unknown>) => Promise<void>

function isEvidence(error: unknown, id: DefectId | null) {
  if (error instanceof PageProblems) {
    return id !== null && error.problems.every((p) => knownDefectOf(p) === id)
  }
  return error instanceof Error && error.name === 'AssertionError'
}

/**
 * The executor of a defect's test. `id`: the known defect whose problems
 * the checker reports in the proof (null when the proof is an assertion).
 */
export function defectTest(
  id: DefectId | null,
  body: (context: TestContext, proof: Proof) => Promise<void>
) {
  return async (context: TestContext) => {
    try {
      await body(context, async (check) => {
        try {
          await check()
        } catch (error) {
          if (isEvidence(error, id)) (error as any)[EVIDENCE] = true
          throw error
        }
      })
    } catch (error) {
      if ((error as any)?.[EVIDENCE]) throw error
      console.error(
        `\n  This defect test broke before proving its defect (it will show red):\n  ${String((error as Error)?.stack ?? error)}\n`
      )
    }
  }
}

/**
 * A defect that has been fixed keeps its test as a plain regression test:
 * the same body, its proof now an ordinary check, any error red.
 */
export function regressionTest(body: (context: TestContext, proof: Proof) => Promise<void>) {
  return (context: TestContext) => body(context, async (check) => void (await check()))
}
