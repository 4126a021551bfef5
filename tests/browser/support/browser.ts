/**
 * One Chromium for the whole browser suite, and a tab factory per viewport.
 *
 * Debian's Chromium (/usr/bin/chromium, `apt-get install chromium`) is
 * driven by playwright-core; no browser is ever downloaded. The browser is
 * launched on first use and closed when the test runner terminates the
 * app. Playwright's launch() gives every run a fresh, throw-away
 * user-data dir. A Tab is one page in its own context (own cookies, so
 * one signed-in person per tab), at a phone (375×812) or desktop
 * (1280×800) viewport, with or without JavaScript; every page it opens or
 * submits is looked at by the checker.
 */
import { existsSync, rmSync } from 'node:fs'
import app from '@adonisjs/core/services/app'
import env from '#start/env'
import {
  chromium,
  type Browser,
  type BrowserContext,
  type Locator,
  type Page,
} from 'playwright-core'
import { Checker, unexcused, type CheckOptions } from './checker.js'
import { VIEWPORTS, type ViewportName } from './viewports.js'
import { KNOWN_DEFECTS, SEEN } from './known_defects.js'

export { VIEWPORTS, type ViewportName }

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'

const FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
]

let launching: Promise<Browser> | null = null

export function browser(): Promise<Browser> {
  launching ??= launch()
  return launching
}

async function launch() {
  /* tmp/browser-failures/ holds the screenshots and HTML of this run only */
  rmSync(app.makePath('tmp', 'browser-failures'), { recursive: true, force: true })
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(
      `Chromium not found at ${CHROMIUM_PATH}: apt-get install -y chromium fonts-noto-cjk (or set CHROMIUM_PATH)`
    )
  }
  const launched = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: FLAGS,
    timeout: 60_000,
  })
  app.terminating(async () => {
    await launched.close().catch(() => {})
    reportKnownDefects()
  })
  return launched
}

/**
 * After the run: the known defects the journeys met (excused there, each
 * proven by its own test in defects.spec.ts).
 */
function reportKnownDefects() {
  if (!SEEN.size) return
  console.log('\nKnown defects the browser suite met (see tests/browser/support/known_defects.ts):')
  for (const [id, places] of SEEN) {
    const list = [...places]
    console.log(
      `  ${id}: ${KNOWN_DEFECTS[id].says}\n    on ${list.slice(0, 4).join(', ')}${list.length > 4 ? ` and ${list.length - 4} more` : ''}`
    )
  }
}

/**
 * The in-process test server (tests/bootstrap.ts starts it for this suite).
 */
export function baseUrl() {
  return `http://${env.get('HOST') ?? '127.0.0.1'}:${env.get('PORT') ?? 3333}`
}

export interface TabOptions {
  viewport?: ViewportName
  /** false: a context with javaScriptEnabled: false (every form must still work) */
  js?: boolean
}

/**
 * One page in its own browser context, with the checker attached.
 */
export class Tab {
  readonly checker: Checker
  /** HTTP status of the last document the tab loaded */
  status = 0

  private constructor(
    readonly context: BrowserContext,
    readonly page: Page,
    readonly viewport: ViewportName,
    readonly js: boolean
  ) {
    this.checker = new Checker(page, viewport)
    page.on('response', (response) => {
      if (response.request().isNavigationRequest() && response.frame() === page.mainFrame()) {
        this.status = response.status()
      }
    })
    /* data-confirm asks before destructive submits: a person clicks 确定 */
    page.on('dialog', (dialog) => dialog.accept().catch(() => {}))
    page.setDefaultTimeout(20_000)
    page.setDefaultNavigationTimeout(30_000)
  }

  static async open(options: TabOptions = {}) {
    const viewport = options.viewport ?? 'phone'
    const js = options.js ?? true
    const context = await (
      await browser()
    ).newContext({
      baseURL: baseUrl(),
      viewport: VIEWPORTS[viewport],
      javaScriptEnabled: js,
      locale: 'zh-CN',
      timezoneId: 'Asia/Shanghai',
      acceptDownloads: true,
    })
    const page = await context.newPage()
    const tab = new Tab(context, page, viewport, js)
    await tab.checker.attach()
    return tab
  }

  get label() {
    return `${this.viewport} ${VIEWPORTS[this.viewport].width}px, JavaScript ${this.js ? 'on' : 'off'}`
  }

  /** Path and query of the page the tab shows */
  get path() {
    const url = new URL(this.page.url())
    return url.pathname + url.search
  }

  /**
   * Open a page as a person would (typing the address) and look at it.
   */
  async visit(path: string, options: CheckOptions & { status?: number } = {}) {
    this.checker.reset()
    try {
      const response = await this.page.goto(path, { waitUntil: 'load' })
      /* no response: a data: URL or a same-document navigation */
      this.status = response?.status() ?? 200
    } catch (error) {
      /* an error status with an empty body: Chromium shows its own error page */
      if (!String(error).includes('ERR_HTTP_RESPONSE_CODE_FAILURE')) throw error
      const problem = {
        kind: 'error-page' as const,
        path,
        detail: `the server answered ${this.status} with an empty page (Chromium shows its own error page)`,
      }
      const problems = unexcused([problem], options)
      if (problems.length) await this.checker.fail(problems, this)
      return this
    }
    await this.expectStatus(options.status ?? 200)
    await this.check(options)
    return this
  }

  /**
   * Click something that loads another page (a submit button, a link),
   * wait for that page, and look at it.
   */
  async click(target: Locator | string, options: CheckOptions & { status?: number } = {}) {
    const locator = typeof target === 'string' ? this.button(target) : target
    this.checker.reset()
    const loaded = this.page.waitForEvent('load')
    try {
      await locator.click()
    } catch (error) {
      loaded.catch(() => {})
      throw error
    }
    await loaded
    await this.expectStatus(options.status ?? 200)
    await this.check(options)
    return this
  }

  /**
   * A link of the site's menu (applicant top menu or back-office side
   * menu); on a phone the menu first opens with its 菜单 button.
   */
  async menu(name: string | RegExp) {
    const nav = this.page.locator('nav.top-menu, nav.admin-nav').first()
    const exact = typeof name === 'string'
    const link = nav
      .getByRole('link', { name, exact })
      .or(nav.getByRole('button', { name, exact }))
      .first()
    if (!(await link.isVisible())) {
      await this.page.locator('.menu-button').first().click()
      await link.waitFor({ state: 'visible' })
    }
    return link
  }

  /** A button or link by its visible name */
  button(name: string | RegExp) {
    return this.page
      .getByRole('button', { name, exact: typeof name === 'string' })
      .or(this.page.getByRole('link', { name, exact: typeof name === 'string' }))
      .first()
  }

  /** A form control by its label (the red * of a required field aside) */
  field(label: string | RegExp, scope?: Locator) {
    const name =
      typeof label === 'string'
        ? new RegExp(`^\\*?\\s*${label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*$`)
        : label
    return (scope ?? this.page).getByLabel(name).first()
  }

  async fill(fields: Record<string, string>, scope?: Locator) {
    for (const [label, value] of Object.entries(fields)) {
      const control = this.field(label, scope)
      const tag = await control.evaluate((el) => el.tagName.toLowerCase())
      if (tag === 'select') {
        /* by value, by label, or by the start of a label */
        const option = await control.evaluate((select, wanted) => {
          const options = [...((select as any).options as Array<{ value: string; label: string }>)]
          const found =
            options.find((o) => o.value === wanted) ??
            options.find((o) => o.label === wanted) ??
            options.find((o) => o.label.startsWith(wanted))
          return found?.value ?? null
        }, value)
        if (option === null) throw new Error(`${label} offers no option "${value}"`)
        await control.selectOption(option)
      } else {
        await control.fill(value)
      }
    }
  }

  /** The visible text of the page (or of one element) */
  async text(selector = 'body') {
    return (await this.page.locator(selector).first().innerText()).replace(/\s+/g, ' ')
  }

  async expectStatus(expected: number) {
    if (this.status !== expected) {
      await this.checker.fail(
        [
          {
            kind: 'status',
            detail: `expected HTTP ${expected}, the page answered ${this.status}`,
          },
        ],
        this
      )
    }
  }

  /**
   * Look at the page as a person would; throws (with a screenshot and the
   * page's HTML under tmp/browser-failures/) when something is wrong.
   */
  async check(options: CheckOptions = {}) {
    const started = Date.now()
    const problems = await this.checker.inspect(options, this.status)
    if (process.env.BROWSER_TRACE) {
      console.log(
        `  [${this.viewport}${this.js ? '' : ' no-js'}] ${this.path} checked in ${Date.now() - started} ms (${new Date().toISOString().slice(11, 23)})`
      )
    }
    if (!problems.length) return
    if (process.env.BROWSER_SURVEY) {
      /* survey mode: list what every page shows, stop at nothing */
      for (const p of problems) console.log(`  ! ${this.path} [${p.kind} @${p.width}] ${p.detail}`)
      return
    }
    await this.checker.fail(problems, this)
  }

  async close() {
    await this.context.close().catch(() => {})
  }
}

/**
 * Open tabs for a test and close them when it ends, pass or fail.
 */
export async function withTabs<T>(
  options: TabOptions[],
  run: (...tabs: Tab[]) => Promise<T>
): Promise<T> {
  const tabs = await Promise.all(options.map((o) => Tab.open(o)))
  try {
    return await run(...tabs)
  } finally {
    await Promise.all(tabs.map((t) => t.close()))
  }
}
