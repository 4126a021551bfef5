/**
 * Assertions on what the page says, failing like the checker does (with a
 * screenshot and the page's HTML).
 */
import type { Tab } from './browser.js'

/**
 * The page (or one part of it) shows the text; optionally the tab is on a
 * given path.
 */
export async function expect(
  tab: Tab,
  text: string | RegExp,
  options: { path?: string | RegExp; within?: string } = {}
) {
  const shown = await tab.text(options.within ?? 'body')
  const problems = []
  if (typeof text === 'string' ? !shown.includes(text) : !text.test(shown)) {
    problems.push(`the page does not show ${String(text)}; it shows: "${shown.slice(0, 300)}"`)
  }
  if (options.path) {
    const path = tab.path.split('?')[0]
    const matches =
      typeof options.path === 'string' ? path === options.path : options.path.test(path)
    if (!matches) problems.push(`expected to be on ${String(options.path)}, is on ${tab.path}`)
  }
  if (problems.length) {
    await tab.checker.fail(
      problems.map((detail) => ({ kind: 'content' as const, detail })),
      tab
    )
  }
}

/**
 * The page does NOT show the text.
 */
export async function expectNot(tab: Tab, text: string | RegExp, within = 'body') {
  const shown = await tab.text(within)
  if (typeof text === 'string' ? shown.includes(text) : text.test(shown)) {
    await tab.checker.fail([{ kind: 'content', detail: `the page shows ${String(text)}` }], tab)
  }
}
