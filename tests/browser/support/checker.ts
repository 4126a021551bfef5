/**
 * What a person would notice on a page, checked on every page the browser
 * suite visits: sideways scrolling (at 375 px and at 1280 px), console
 * errors and Content-Security-Policy violations, sub-resources that fail
 * to load, raw English identifiers in the text, error pages that are
 * unstyled, not Chinese or (in the back office) outside the back-office
 * layout, and required fields that are not marked with a red *.
 *
 * Problems that match a known defect of the app (./known_defects.ts) are
 * excused here, so that journeys stay meaningful while the defect is
 * open; each known defect has its own narrow test, marked .fails(), that
 * turns red once the app is fixed.
 */
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import app from '@adonisjs/core/services/app'
import { getActiveTest } from '@japa/runner'
import type { ConsoleMessage, Page } from 'playwright-core'
import { knownDefectOf, SEEN, type DefectId } from './known_defects.js'
import type { Tab } from './browser.js'
import { VIEWPORTS, type ViewportName } from './viewports.js'

/*
 * In-page code below (page.evaluate, addInitScript) runs in Chromium and
 * uses the browser's globals. The project compiles without TypeScript's
 * DOM library (it would change Node's own types), so they are typed
 * loosely here.
 */
type Element = any
type HTMLInputElement = any
declare const document: any
declare const window: any
declare const getComputedStyle: (element: Element) => any
declare const NodeFilter: { SHOW_TEXT: number }

export type ProblemKind =
  | 'overflow'
  | 'console'
  | 'csp'
  | 'resource'
  | 'english'
  | 'error-page'
  | 'required'
  | 'status'
  | 'content'

export interface Problem {
  kind: ProblemKind
  detail: string
  /** path (and query) of the page */
  path?: string
  /** viewport width the problem was seen at */
  width?: number
  /** the raw English word (kind 'english') */
  word?: string
}

export interface CheckOptions {
  /** Known defects NOT excused on this page (a test that proves one of them), or 'all' */
  strict?: DefectId[] | 'all'
  /** Checks that do not apply to this page */
  skip?: ProblemKind[]
  /** Latin words the test's own data put on the page (not the app's wording) */
  data?: string[]
}

/**
 * Latin text a person may legitimately read on a Chinese page. Anything
 * else written in Latin letters (pending_payment, sandbox, pickup,
 * completed, CertDesk …) is a raw identifier leaking into the page.
 * Words containing a digit (serial numbers, tracking numbers, RSA-2048,
 * PKCS#12, V1.0), URLs, e-mail addresses and file names are not words.
 */
export const LATIN_ALLOWED = new Set([
  'PIN',
  'uKey',
  'CA',
  'CRL',
  'OCSP',
  'PKI',
  'CSR',
  'PEM',
  'DER',
  'JPG',
  'PNG',
  'PDF',
  /* 导出 CSV (finance books) */
  'CSV',
  /* standard numbers: GB/T 38540 (the seal data) */
  'GB',
  'T',
  'KB',
  'MB',
  'IP',
  'RSA',
  'RFC',
  'GET',
  'POST',
  /* a courier's name (快递公司) */
  'EMS',
  /* device names of 登录设备 and 操作日志 */
  'Chrome',
  'Linux',
])

const CSP_INLINE_STYLE = /^Applying inline style violates the following Content Security Policy/
const FAILED_RESOURCE = /^Failed to load resource/

/**
 * Runs in the page (also with JavaScript disabled: Playwright evaluates
 * in its own world) and reports what the checker needs.
 */
function pageReport() {
  const describe = (el: Element) => {
    const classes = el.getAttribute('class')
    const text = (el.textContent ?? '').replace(/\s+/g, ' ').trim().slice(0, 40)
    return `<${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}${classes ? `.${classes.trim().split(/\s+/).join('.')}` : ''}>${text ? ` "${text}"` : ''}`
  }
  const startTag = (el: Element) => {
    const attrs = [...el.attributes]
      .filter((a) => ['class', 'id', 'style', 'name', 'type', 'href'].includes(a.name))
      .map((a) => `${a.name}="${a.value}"`)
      .join(' ')
    return `<${el.tagName.toLowerCase()}${attrs ? ' ' + attrs : ''}>`
  }
  const visible = (el: Element) => {
    const box = el.getBoundingClientRect()
    const style = getComputedStyle(el)
    return box.width > 0 && box.height > 0 && style.visibility !== 'hidden'
  }
  const rgb = (color: string) => (color.match(/[\d.]+/g) ?? []).slice(0, 3).map(Number)
  const isRed = (color: string) => {
    const [r, g, b] = rgb(color)
    return r >= 150 && r > 1.6 * g && r > 1.6 * b
  }

  /*
   * The text a person reads: visible text nodes, except data shown
   * verbatim: <pre> and <code> (a gateway's payload, a PEM block) and
   * monospaced identifiers (.mono: order and serial numbers, an audit
   * entry's action key, a command to run on the server).
   */
  const visibleText = () => {
    const parts: string[] = []
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT)
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const parent = node.parentElement
      if (!parent || !node.textContent?.trim()) continue
      if (parent.closest('pre, code, kbd, samp, .mono, script, style, template, noscript')) continue
      if (parent.tagName !== 'OPTION' && !parent.checkVisibility()) continue
      parts.push(node.textContent)
    }
    return parts.join('\n')
  }

  /* sideways scrolling, with the innermost elements that stick out */
  const width = window.innerWidth
  const scrollWidth = document.documentElement.scrollWidth
  const sticking: string[] = []
  if (scrollWidth > width) {
    const all = [...document.body.querySelectorAll('*')].filter(
      (el) => el.getBoundingClientRect().right > width + 0.5
    )
    for (const el of all) {
      if (![...el.children].some((c) => all.includes(c))) sticking.push(describe(el))
      if (sticking.length >= 4) break
    }
  }

  /* style="" attributes: blocked by the CSP (style-src 'self') */
  const inlineStyles = [...document.querySelectorAll('[style]')].map(startTag)

  /* required controls without a * in their label, and * that is not red */
  const unmarked: string[] = []
  const controls = document.querySelectorAll(
    'input[required], select[required], textarea[required], [aria-required="true"]'
  )
  for (const control of controls) {
    if (!visible(control)) continue
    const input = control as HTMLInputElement
    const labels = [...(input.labels ?? [])].map((l) => l.textContent ?? '')
    const group = control.closest('fieldset, [role="radiogroup"], .field')
    const legend = group?.querySelector('legend, .label')?.textContent ?? ''
    if (![...labels, legend].some((t) => t.includes('*'))) unmarked.push(describe(control))
  }
  /* a field that came back with "请填写…" is required: it must say so before */
  for (const error of document.querySelectorAll('.has-error .error, fieldset.has-error .error')) {
    if (!/^请(填写|输入|选择|上传)/.test((error.textContent ?? '').trim())) continue
    const field = error.closest('.field, fieldset')
    const label = field?.querySelector('label, legend, .label')?.textContent ?? ''
    if (!label.includes('*') && !/同意|勾选/.test(error.textContent ?? '')) {
      unmarked.push(`${describe(field ?? error)} (the form asked for it)`)
    }
  }
  const notRed = [...document.querySelectorAll('.req')]
    .filter((el) => visible(el) && !isRed(getComputedStyle(el).color))
    .map((el) => `${describe(el.parentElement ?? el)} * is ${getComputedStyle(el).color}`)

  /* error pages: styled by the site's stylesheet, Chinese, in their layout */
  const sheets = [...document.styleSheets].filter((s) => {
    try {
      return s.href && s.cssRules.length > 0
    } catch {
      return false
    }
  }).length

  return {
    width,
    scrollWidth,
    sticking,
    inlineStyles,
    unmarked,
    notRed,
    sheets,
    text: visibleText(),
    title: document.title,
    h1: document.querySelector('h1')?.textContent?.trim() ?? '',
    adminLayout: Boolean(document.querySelector('.admin-header')),
    cspEvents: ((window as any).__cspViolations ?? []) as string[],
  }
}

function overflowOnly() {
  const width = window.innerWidth
  const scrollWidth = document.documentElement.scrollWidth
  const sticking: string[] = []
  if (scrollWidth > width) {
    const all = [...document.body.querySelectorAll('*')].filter(
      (el) => el.getBoundingClientRect().right > width + 0.5
    )
    for (const el of all) {
      if (![...el.children].some((c) => all.includes(c))) {
        const classes = el.getAttribute('class')
        const text = (el.textContent ?? '').replace(/\s+/g, ' ').trim().slice(0, 40)
        sticking.push(
          `<${el.tagName.toLowerCase()}${classes ? `.${classes.trim().split(/\s+/).join('.')}` : ''}>${text ? ` "${text}"` : ''}`
        )
      }
      if (sticking.length >= 4) break
    }
  }
  return { width, scrollWidth, sticking }
}

/**
 * Latin words in a text that are not allowed (see LATIN_ALLOWED).
 */
export function rawEnglish(text: string): string[] {
  const FILE_TYPES = 'zip|pdf|docx?|xlsx?|jpe?g|png|cer|crt|p7b|p12|pfx|pem|csr|req|crl|txt'
  const cleaned = text
    /* addresses: URLs, paths, MIME types, e-mail */
    .replace(/\b(?:https?:\/\/|www\.)\S+/g, ' ')
    .replace(/(?<![\w.])\/[\w./?=&%-]+/g, ' ')
    .replace(/\b(?:application|image|text)\/[\w.+-]+/g, ' ')
    .replace(/[\w.+-]+@[\w-]+(?:\.[\w-]+)+/g, ' ')
    /* distinguished names of certificates: C=CN, O=…, CN=… */
    .replace(/\b(?:C|O|OU|CN|L|ST|E|serialNumber)=[^,，\n]*/g, ' ')
    /* identifiers: UUIDs, fingerprints, serial numbers */
    .replace(
      /\b[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}\b/g,
      ' '
    )
    .replace(/\b[0-9A-Fa-f]{2}(?::[0-9A-Fa-f]{2}){3,}\b/g, ' ')
    .replace(/\b[0-9A-Fa-f]{16,}\b/g, ' ')
    /* a browser's user-agent string, as an audit entry records it */
    .replace(/Mozilla\/\d[^\n]*/g, ' ')
    /* file names and file types: 驱动.zip, （.crt） */
    .replace(new RegExp(`[^\\s/\\\\:*?"<>|（）()]*\\.(?:${FILE_TYPES})\\b`, 'gi'), ' ')
  const found = new Set<string>()
  for (const [token] of cleaned.matchAll(/(?<![\w*#])[A-Za-z][A-Za-z0-9_#+.-]*/g)) {
    const word = token.replace(/[.#+-]+$/, '')
    if (/\d/.test(word)) continue
    if (LATIN_ALLOWED.has(word)) continue
    found.add(word)
  }
  return [...found]
}

/**
 * What the checker throws: the problems, and a message naming the
 * screenshot and the HTML saved for them.
 */
export class PageProblems extends Error {
  constructor(
    readonly problems: Problem[],
    message: string
  ) {
    super(message)
    this.name = 'PageProblems'
  }
}

export class Checker {
  private consoleErrors: string[] = []
  private resourceErrors: string[] = []

  constructor(
    private page: Page,
    private viewport: ViewportName
  ) {}

  /**
   * Listen to the page: console errors, uncaught exceptions, CSP
   * violations (also reported as console errors, which works without
   * JavaScript too), failed sub-resources.
   */
  async attach() {
    this.page.on('console', (message: ConsoleMessage) => {
      if (message.type() !== 'error') return
      const where = message.location()?.url
      this.consoleErrors.push(`${message.text()}${where ? ` (${pathOf(where)})` : ''}`)
    })
    this.page.on('pageerror', (error) => this.consoleErrors.push(`uncaught: ${error.message}`))
    this.page.on('response', (response) => {
      const request = response.request()
      if (request.isNavigationRequest() || response.status() < 400) return
      this.resourceErrors.push(
        `${request.method()} ${pathOf(response.url())} → ${response.status()}`
      )
    })
    this.page.on('requestfailed', (request) => {
      if (request.isNavigationRequest()) return
      this.resourceErrors.push(
        `${request.method()} ${pathOf(request.url())} failed: ${request.failure()?.errorText}`
      )
    })
    await this.page.addInitScript(() => {
      document.addEventListener(
        'securitypolicyviolation',
        (event: any) => {
          const list = ((window as any).__cspViolations ??= [])
          const target = String(event.target?.outerHTML ?? '').slice(0, 120)
          list.push(`${event.effectiveDirective} blocked ${event.blockedURI || 'inline'} ${target}`)
        },
        true
      )
    })
  }

  /** Forget what earlier pages reported */
  reset() {
    this.consoleErrors = []
    this.resourceErrors = []
  }

  async inspect(options: CheckOptions = {}, status = 200): Promise<Problem[]> {
    const skip = new Set(options.skip ?? [])
    const path = pathOf(this.page.url())
    const report = await this.page.evaluate(pageReport)
    const problems: Problem[] = []
    const add = (kind: ProblemKind, detail: string, width = report.width, word?: string) => {
      if (!skip.has(kind)) problems.push({ kind, detail, path, width, word })
    }

    if (report.scrollWidth > report.width) {
      add(
        'overflow',
        `scrolls sideways at ${report.width}px (scrollWidth ${report.scrollWidth}): ${report.sticking.join(', ')}`
      )
    }
    if (!skip.has('overflow')) {
      const other = this.viewport === 'phone' ? 'desktop' : 'phone'
      const size = this.page.viewportSize()!
      await this.page.setViewportSize(VIEWPORTS[other])
      const again = await this.page.evaluate(overflowOnly)
      await this.page.setViewportSize(size)
      if (again.scrollWidth > again.width) {
        add(
          'overflow',
          `scrolls sideways at ${again.width}px (scrollWidth ${again.scrollWidth}): ${again.sticking.join(', ')}`,
          again.width
        )
      }
    }

    for (const tag of report.inlineStyles) add('csp', `style attribute blocked by the CSP: ${tag}`)
    for (const violation of report.cspEvents) {
      if (!violation.startsWith('style-src-attr')) add('csp', `CSP violation: ${violation}`)
    }
    for (const message of this.consoleErrors) {
      if (FAILED_RESOURCE.test(message)) continue
      if (CSP_INLINE_STYLE.test(message) && report.inlineStyles.length) continue
      add(/Content Security Policy/.test(message) ? 'csp' : 'console', `console: ${message}`)
    }
    for (const failure of this.resourceErrors) add('resource', failure)

    const data = new Set(options.data ?? [])
    const words = rawEnglish(`${report.title}\n${report.text}`).filter((w) => !data.has(w))
    for (const word of words)
      add('english', `raw English in the page: "${word}"`, report.width, word)

    for (const control of report.unmarked) add('required', `required field without *: ${control}`)
    for (const star of report.notRed) add('required', `required * not red: ${star}`)

    if (status >= 400) {
      if (!report.sheets) add('error-page', `the ${status} page is not styled (no stylesheet)`)
      if (!/[\u4e00-\u9fa5]/.test(report.h1)) {
        add(
          'error-page',
          `the ${status} page has no Chinese heading (body: "${report.text.slice(0, 60)}")`
        )
      }
      if (path.startsWith('/admin') && !report.adminLayout) {
        add('error-page', `the back-office ${status} page is not in the back-office layout`)
      }
    }

    return unexcused(problems, options)
  }

  /**
   * Fail the test, saving a screenshot and the page's HTML.
   */
  async fail(problems: Problem[], tab: Tab): Promise<never> {
    const dir = app.makePath('tmp', 'browser-failures')
    mkdirSync(dir, { recursive: true })
    const title = getActiveTest()?.title ?? 'browser'
    const stamp = new Date().toISOString().replace(/[-:]/g, '').replace(/\..*/, '')
    const base = `${stamp}-${slug(title)}-${slug(tab.path)}-${tab.viewport}${tab.js ? '' : '-nojs'}`
    const png = join(dir, `${base}.png`)
    const html = join(dir, `${base}.html`)
    await tab.page.screenshot({ path: png, fullPage: true }).catch(() => {})
    writeFileSync(html, await tab.page.content().catch(() => ''))
    throw new PageProblems(
      problems,
      [
        `${tab.path} (${tab.label}) — what a person would notice:`,
        ...problems.map((p) => `  - [${p.kind}${p.width ? ` @${p.width}px` : ''}] ${p.detail}`),
        `  screenshot: ${png}`,
        `  page HTML:  ${html}`,
      ].join('\n')
    )
  }
}

/**
 * The problems that no known defect excuses (all of them when strict).
 */
export function unexcused(problems: Problem[], options: CheckOptions = {}) {
  if (options.strict === 'all') return problems
  const strict = new Set(options.strict ?? [])
  return problems.filter((problem) => {
    const defect = knownDefectOf(problem)
    if (defect && !strict.has(defect)) {
      const where = `${problem.path} @${problem.width}px`
      SEEN.set(defect, (SEEN.get(defect) ?? new Set()).add(where))
    }
    return !defect || strict.has(defect)
  })
}

export function pathOf(url: string) {
  try {
    const parsed = new URL(url)
    return parsed.pathname + parsed.search
  } catch {
    return url.slice(0, 80)
  }
}

function slug(text: string) {
  return (
    text
      .replace(/[^\p{L}\p{N}]+/gu, '-')
      .replace(/^-|-$/g, '')
      .slice(0, 60) || 'page'
  )
}
