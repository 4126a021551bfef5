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

/** the style="" attributes the templates have today (issue 8 §2.2) */
const TODAYS_INLINE_STYLES =
  /style="(color:#fff|color:var\(--danger\)|justify-content:center|margin-top:\.5rem|margin-top:\.75rem|margin-top:0|margin-top:1rem|margin:0|max-width:560px|max-width:640px|max-width:min\(320px,100%\))"/

/** codes of orders and payments that reach pages untranslated (issue 8 §2.3) */
const RAW_CODES =
  /^(draft|pending_payment|pending_review|rejected|approved|awaiting_shipment|awaiting_pickup|shipped|completed|cancelled|online_install|mail_cod|pickup|self_make|sandbox|bank_transfer|wechatpay|alipay|paid|unpaid)$/

export const KNOWN_DEFECTS = {
  homeOverflow: {
    says: 'the home page scrolls sideways at 375 px (办理流程 stepper; the order number in 最新申请进度)',
    matches: (p) => p.kind === 'overflow' && p.path === '/' && p.width === 375,
  },
  materialsStarNotRed: {
    says: 'the required * of the materials to upload is not red (its style="" is blocked by the CSP)',
    matches: (p) =>
      p.kind === 'required' &&
      p.detail.startsWith('required * not red: <legend>') &&
      /\/apply\/materials$/.test(p.path ?? ''),
  },
  logRawCodes: {
    says: '操作日志 detail shows raw codes (shipped, completed, pending_payment, draft, sandbox, pickup)',
    matches: (p) =>
      p.kind === 'english' &&
      /^\/account\/logs\/[^/]+$/.test(p.path ?? '') &&
      RAW_CODES.test(p.word ?? ''),
  },
  adminApplicantRawCodes: {
    says: "the back office's 申请人 detail shows the same raw codes in its 操作记录",
    matches: (p) =>
      p.kind === 'english' &&
      /^\/admin\/applicants\/[^/]+$/.test(p.path ?? '') &&
      RAW_CODES.test(p.word ?? ''),
  },
  adminErrorOutsideLayout: {
    says: 'back-office 403/404 pages are shown without the back-office layout (no menu, applicant header)',
    matches: (p) => p.kind === 'error-page' && p.detail.includes('not in the back-office layout'),
  },
  adminPaymentOverflow: {
    says: '支付详情 in the back office scrolls sideways at 375 px: the order and payment numbers cannot break',
    matches: (p) =>
      p.kind === 'overflow' &&
      p.width === 375 &&
      /^\/admin\/payments\/[0-9a-f-]{36}$/.test(p.path ?? ''),
  },
  inlineStyles: {
    says: 'the CSP blocks the style="" attributes of the templates (退出 unreadable, * not red, spacing lost)',
    matches: (p) => p.kind === 'csp' && TODAYS_INLINE_STYLES.test(p.detail),
  },
} satisfies Record<string, KnownDefect>

export type DefectId = keyof typeof KNOWN_DEFECTS

/** The known defects the suite met in this run, and where */
export const SEEN = new Map<DefectId, Set<string>>()

export function knownDefectOf(problem: Problem): DefectId | null {
  for (const [id, defect] of Object.entries(KNOWN_DEFECTS) as [DefectId, KnownDefect][]) {
    if (defect.matches(problem)) return id
  }
  return null
}
