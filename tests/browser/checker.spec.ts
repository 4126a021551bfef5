/**
 * The checker itself: pages made for the purpose (data: URLs, nothing
 * served by the app) must make it fail, with a screenshot and the HTML
 * saved and named; a clean page must pass.
 */
import { test } from '@japa/runner'
import { existsSync } from 'node:fs'
import { withTabs, type Tab } from './support/browser.js'
import { PageProblems, rawEnglish, unexcused, type ProblemKind } from './support/checker.js'

const CSP = `<meta http-equiv="Content-Security-Policy" content="default-src 'self'; style-src 'self' 'nonce-checker'">`

function page(body: string, head = '', csp = CSP) {
  return (
    'data:text/html;charset=utf-8,' +
    encodeURIComponent(
      `<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">${csp}${head}<title>检查</title></head><body>${body}</body></html>`
    )
  )
}

/** Visit the page and return what the checker threw */
async function problemsOf(tab: Tab, url: string): Promise<PageProblems | null> {
  try {
    await tab.visit(url)
    return null
  } catch (error) {
    if (error instanceof PageProblems) return error
    throw error
  }
}

function kinds(error: PageProblems | null): ProblemKind[] {
  return [...new Set(error?.problems.map((p) => p.kind) ?? [])]
}

test.group('Browser · the checker', () => {
  test('a clean Chinese page passes, at 375 px and at 1280 px, with and without JavaScript', async ({
    assert,
  }) => {
    await withTabs([{ viewport: 'phone' }, { viewport: 'desktop', js: false }], async (...tabs) => {
      for (const tab of tabs) {
        const clean = page(
          '<main><h1>证书申请</h1><p>请使用 uKey 或移动证书，PIN 码为 6 位数字。订单号 2237052465004412928。</p>' +
            '<form><label for="n"><span class="req">*</span>姓名</label><input id="n" name="n" required></form></main>',
          '<style nonce="checker">.req{color:#d4380d}</style>'
        )
        assert.isNull(await problemsOf(tab, clean))
      }
    })
  })

  test('an element wider than the phone makes it fail, naming the element, with a screenshot', async ({
    assert,
  }) => {
    await withTabs([{ viewport: 'desktop' }], async (tab) => {
      const error = await problemsOf(
        tab,
        page(
          '<div class="wide">超宽的办理流程</div>',
          '<style nonce="checker">.wide{width:900px}</style>'
        )
      )
      assert.deepEqual(kinds(error), ['overflow'])
      assert.equal(error!.problems[0].width, 375)
      assert.include(error!.message, 'div.wide')
      const screenshot = /screenshot: (\S+)/.exec(error!.message)![1]
      const html = /page HTML: +(\S+)/.exec(error!.message)![1]
      assert.isTrue(existsSync(screenshot), screenshot)
      assert.isTrue(existsSync(html), html)
    })
  })

  test('an inline style under the CSP makes it fail (also without JavaScript)', async ({
    assert,
  }) => {
    await withTabs([{ viewport: 'phone' }, { viewport: 'phone', js: false }], async (...tabs) => {
      for (const tab of tabs) {
        const error = await problemsOf(tab, page('<p style="color:red">退出</p>'))
        assert.deepEqual(kinds(error), ['csp'])
        assert.include(error!.message, 'style="color:red"')
      }
    })
  })

  test('no known defect excuses anything: an inline style or an overflowing element anywhere fails', async ({
    assert,
  }) => {
    const problems = [
      { kind: 'overflow' as const, detail: 'scrolls sideways', path: '/', width: 375 },
      {
        kind: 'csp' as const,
        detail:
          'style attribute blocked by the CSP: <button class="link-button" style="color:#fff">',
        path: '/admin',
        width: 1280,
      },
      {
        kind: 'english' as const,
        detail: 'raw English in the page: "pending_payment"',
        path: '/account/logs/abc',
        width: 1280,
        word: 'pending_payment',
      },
    ]
    assert.deepEqual(unexcused(problems), problems)
    await withTabs([{ viewport: 'desktop', js: false }], async (tab) => {
      const error = await problemsOf(
        tab,
        page('<header><button class="link-button" style="color:#fff">退出</button></header>')
      )
      assert.deepEqual(kinds(error), ['csp'])
    })
  })

  test('a script the CSP blocks, a console error and an uncaught exception make it fail', async ({
    assert,
  }) => {
    await withTabs([{ viewport: 'phone' }], async (tab) => {
      const blocked = await problemsOf(
        tab,
        page('<p>首页</p><script>document.title = "改"</script>')
      )
      assert.deepEqual(kinds(blocked), ['csp'])
      assert.match(blocked!.message, /script-src/)

      const broken = await problemsOf(
        tab,
        page('<p>首页</p><script>console.error("出错了"); missing()</script>', '', '')
      )
      assert.deepEqual(kinds(broken), ['console'])
      assert.include(broken!.message, '出错了')
      assert.include(broken!.message, 'missing is not defined')
    })
  })

  test('raw English identifiers in the text make it fail; PIN, uKey, URLs, serials do not', async ({
    assert,
  }) => {
    assert.deepEqual(rawEnglish('订单状态：pending_payment，取证方式：pickup'), [
      'pending_payment',
      'pickup',
    ])
    assert.deepEqual(rawEnglish('短信【CertDesk】您的验证码'), ['CertDesk'])
    assert.deepEqual(
      rawEnglish(
        'uKey 证书，PIN 码，PKCS#12，CSR，CRL 与 OCSP：https://ca.example.cn/pki/ocsp 序列号 5F3A9C0B12D4E6F7 邮箱 a.b@example.cn 快递 SF1234567890 下载 驱动.zip（.crt）'
      ),
      []
    )
    await withTabs([{ viewport: 'phone', js: false }], async (tab) => {
      const error = await problemsOf(tab, page('<p>支付方式：sandbox</p>'))
      assert.deepEqual(kinds(error), ['english'])
    })
  })

  test('a required field without a * and a * that is not red make it fail', async ({ assert }) => {
    await withTabs([{ viewport: 'desktop' }], async (tab) => {
      const error = await problemsOf(
        tab,
        page(
          '<form><label for="a">姓名</label><input id="a" required>' +
            '<label for="b"><span class="req">*</span>手机号</label><input id="b" required></form>'
        )
      )
      assert.deepEqual(kinds(error), ['required'])
      assert.lengthOf(error!.problems, 2)
    })
  })
})
