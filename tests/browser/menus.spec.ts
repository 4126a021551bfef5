/**
 * Every menu page, as each kind of person sees it: a guest, an applicant
 * with a history, and each staff role (super admin, reviewer, operator,
 * finance). The links are read from the page's own menus, so a page added
 * to a menu is walked too; from each list the first entry's detail page
 * is opened as well, and the back office's filter forms are submitted
 * (without JavaScript). The checker looks at every page at 375 px and at
 * 1280 px.
 */
import { test } from '@japa/runner'
import { type Tab, withTabs } from './support/browser.js'
import { signInApplicant, signInStaff } from './support/login.js'
import { applicantWithHistory, createStaff, ensureCa } from './support/fixtures.js'
import type { CheckOptions } from './support/checker.js'

/** Links that download a file or change something rather than show a page */
const NOT_A_PAGE = /\/(file|download|photo|materials|vouchers)(\/|$)|\.(crt|crl|cer|p7b)$|\/logout$/

async function linksIn(tab: Tab, selector: string, outsideNav = false) {
  const hrefs = await tab.page
    .locator(selector)
    .evaluateAll(
      (links, outside) =>
        links.filter((a) => !outside || !a.closest('nav')).map((a) => a.getAttribute('href') ?? ''),
      outsideNav
    )
  return [...new Set(hrefs.filter((h) => h.startsWith('/') && !NOT_A_PAGE.test(h)))]
}

/**
 * Visit every link; on each page open the first entry of its list and,
 * when asked, submit its filter form.
 */
async function walk(
  tab: Tab,
  links: string[],
  options: CheckOptions & { details?: boolean; filters?: boolean } = {}
) {
  const seen = new Set<string>()
  for (const link of links) {
    if (seen.has(link)) continue
    seen.add(link)
    await tab.visit(link, options)
    if (options.filters) {
      const search = tab.page
        .locator('main form[method="GET"], main form:not([method])')
        .getByRole('button', { name: '查询' })
      if (await search.count()) await tab.click(search.first(), options)
    }
    if (options.details) {
      const [detail] = await linksIn(tab, 'main table tbody a, main ul.list a', true)
      if (detail && !seen.has(detail) && !links.includes(detail)) {
        seen.add(detail)
        await tab.visit(detail, options)
      }
    }
  }
  return seen
}

test.group('Browser · every menu page', (group) => {
  group.setup(async () => {
    await ensureCa()
  })

  test('a guest: the home page, the top menu and the pages it links to', async ({ assert }) => {
    await withTabs([{ viewport: 'phone', js: false }], async (guest) => {
      await guest.visit('/')
      const links = await linksIn(guest, 'header a, main a, footer a')
      const seen = await walk(guest, links)
      assert.includeMembers([...seen], ['/login', '/register', '/appeal', '/notices'])
    })
  })

  test('an applicant: the top menu, 个人中心 and the first entry of each list', async ({
    client,
    assert,
  }) => {
    const { user } = await applicantWithHistory(client)
    await withTabs([{ viewport: 'phone' }], async (me) => {
      await signInApplicant(me, user)
      const top = await linksIn(me, 'nav.top-menu a')
      await me.visit('/account')
      const account = await linksIn(me, 'nav.account-nav a')
      /* the sessions the API client opened are labelled "Japa" (登录设备) */
      const seen = await walk(me, [...top, ...account], { details: true, data: ['Japa'] })
      assert.includeMembers(
        [...seen],
        ['/orders', '/certificates', '/messages', '/account/logs', '/account/addresses']
      )
      assert.isTrue(
        [...seen].some((p) => /^\/account\/logs\/./.test(p)),
        'a log entry was opened'
      )
    })
  })

  for (const role of ['super_admin', 'reviewer', 'operator', 'finance'] as const) {
    test(`staff (${role}): every item of the back-office menu`, async ({ client, assert }) => {
      await applicantWithHistory(client)
      const staff = await createStaff([role])
      await withTabs([{ viewport: 'desktop', js: false }], async (tab) => {
        await signInStaff(tab, staff)
        const menu = await linksIn(tab, 'nav.admin-nav a')
        assert.isAbove(menu.length, 2)
        await walk(tab, [...menu, '/admin/profile/password'], {
          details: true,
          filters: true,
          /* the CA set up by the tests is signed by the system actor "tests" */
          data: ['tests', 'Japa'],
        })
      })
    })
  }
})
