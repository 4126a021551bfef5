/**
 * Defects of the app that the browser suite has found and that are still
 * open (issue 8 §2 and beyond). The shared checker excuses exactly these
 * problems on the pages where they show, so that the journeys stay green
 * and meaningful; each defect has a narrow test in
 * tests/browser/defects.spec.ts, marked .fails('defect: …'), that turns
 * red once the app is fixed: then remove the marker and the entry here.
 */
import type { Problem } from './checker.js'

export interface KnownDefect {
  /** what a person sees */
  says: string
  matches: (problem: Problem) => boolean
}

/**
 * None is open: every defect of issue 8 §2 is fixed and its test in
 * defects.spec.ts is a regression test. An entry looks like
 *
 *   homeOverflow: {
 *     says: 'the home page scrolls sideways at 375 px (办理流程 stepper)',
 *     matches: (p) => p.kind === 'overflow' && p.path === '/' && p.width === 375,
 *   },
 */
export const KNOWN_DEFECTS: Record<string, KnownDefect> = {}

export type DefectId = keyof typeof KNOWN_DEFECTS

/** The known defects the suite met in this run, and where */
export const SEEN = new Map<DefectId, Set<string>>()

export function knownDefectOf(problem: Problem): DefectId | null {
  for (const [id, defect] of Object.entries(KNOWN_DEFECTS) as [DefectId, KnownDefect][]) {
    if (defect.matches(problem)) return id
  }
  return null
}
