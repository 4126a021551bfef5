/**
 * The defects the browser suite found (issue 8 §2, and more), one narrow
 * test each. A test of an open defect is a defectTest marked
 * .fails('defect: …'): it passes while the app still shows the defect and
 * turns red once the defect is fixed. Then it becomes a regressionTest
 * (the same body, the marker removed: it guards the fix from then on) and
 * the defect's entry in support/known_defects.ts goes. All of issue 8 §2
 * is fixed: every test here is a regression test.
 */
import { test } from '@japa/runner'
import officeConfig from '#config/office'
import { withTabs, type Tab } from './support/browser.js'
import { regressionTest } from './support/defects.js'
import { expect } from './support/expect.js'
import { signInApplicant, signInStaff } from './support/login.js'
import {
  applicant,
  applicantWithHistory,
  catalogFixture,
  createStaff,
  createUser,
  ensureCa,
  freshResidentId,
  uniquePhone,
} from './support/fixtures.js'
import { apply, openFromQueue, readmeStep, requestCode } from './support/steps.js'
import { makeImage } from '#tests/helpers/files'
import { asApplicant, asStaff } from '#tests/helpers/auth'
import { makeProduct, prices } from '#tests/functional/catalog/catalog_helpers'
import { fillApplication } from '#tests/functional/orders/support'
import { startFreshApp, type FreshApp } from './support/fresh_app.js'

/**
 * A verified applicant on the wizard's agreement step.
 */
async function onAgreementStep(tab: Tab) {
  const { platform } = await catalogFixture()
  await signInApplicant(tab, await applicant())
  await tab.visit('/apply')
  await tab.click(tab.page.getByRole('link', { name: new RegExp(platform.name) }))
  await tab.page.getByRole('radio', { name: /个人移动证书/ }).check()
  await tab.page.getByRole('radio', { name: '1年', exact: true }).check()
  await tab.click('下一步')
  await expect(tab, '我已阅读并同意')
}

/* in-page code (contrastOf) runs in Chromium, where this is the browser's own */
declare const getComputedStyle: (element: any) => any

/** WCAG contrast ratio of an element's text against its background */
async function contrastOf(tab: Tab, selector: string) {
  return tab.page
    .locator(selector)
    .first()
    .evaluate((el) => {
      const rgb = (c: string) => (c.match(/[\d.]+/g) ?? []).map(Number)
      const luminance = ([r, g, b]: number[]) => {
        const [R, G, B] = [r, g, b].map((v) => {
          const c = v / 255
          return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4
        })
        return 0.2126 * R + 0.7152 * G + 0.0722 * B
      }
      let background = [255, 255, 255]
      for (let node: any = el; node; node = node.parentElement) {
        const color = rgb(getComputedStyle(node).backgroundColor)
        if (color.length === 3 || (color.length === 4 && color[3] > 0)) {
          background = color.slice(0, 3)
          break
        }
      }
      const text = luminance(rgb(getComputedStyle(el).color))
      const back = luminance(background)
      return (Math.max(text, back) + 0.05) / (Math.min(text, back) + 0.05)
    })
}

test.group('Browser · defects found in Chromium (issue 8 §2)', (group) => {
  group.setup(async () => {
    await ensureCa()
  })

  /* §2.1 */
  test('the guest home page does not scroll sideways at 375 px').run(
    regressionTest(async (_, proof) => {
      await withTabs([{ viewport: 'phone' }], async (guest) => {
        await proof(() => guest.visit('/'))
      })
    })
  )

  test(
    'the signed-in home page with an order in 最新申请进度 does not scroll sideways at 375 px'
  ).run(
    regressionTest(async ({ client }, proof) => {
      const { user } = await applicantWithHistory(client, { cloud: false, mailed: false })
      await withTabs([{ viewport: 'phone' }], async (me) => {
        await signInApplicant(me, user)
        await expect(me, '最新申请进度')
        await proof(() => me.visit('/'))
      })
    })
  )

  /* §2.2 */
  test('the back-office 退出 link is readable on the dark header').run(
    regressionTest(async ({ assert }, proof) => {
      await withTabs([{ viewport: 'desktop' }], async (tab) => {
        await signInStaff(tab, await createStaff(['reviewer']))
        const ratio = await contrastOf(tab, '.admin-header button:has-text("退出")')
        await proof(async () =>
          assert.isAtLeast(ratio, 4.5, `退出 has a contrast of ${ratio.toFixed(2)}:1`)
        )
      })
    })
  )

  test('the required * of a material to upload is red').run(
    regressionTest(async ({ client }, proof) => {
      const { cloud, cloudMaterial } = await catalogFixture()
      const user = await applicant()
      const draft = await fillApplication(client, user, cloud.id, cloudMaterial.id)
      await withTabs([{ viewport: 'desktop' }], async (me) => {
        await signInApplicant(me, user)
        await me.visit(`/orders/${draft.orderNo}/apply/materials`)
        await expect(me, '身份证复印件', { path: `/orders/${draft.orderNo}/apply/materials` })
        await proof(() => me.visit(`/orders/${draft.orderNo}/apply/materials`))
      })
    })
  )

  test('no page relies on a style="" attribute the CSP blocks (实名认证, 完善资料, …)').run(
    regressionTest(async ({ client }, proof) => {
      const { user, orders } = await applicantWithHistory(client, { cloud: false, mailed: false })
      await asStaff(
        client.post(`/admin/orders/${orders.pickup!.orderNo}/reject`),
        await createStaff(['reviewer'])
      )
        .withCsrfToken()
        .form({ reason_type: 'unclear', reason: '身份证复印件模糊' })
      await withTabs([{ viewport: 'desktop', js: false }], async (me) => {
        await signInApplicant(me, user)
        await proof(async () => {
          for (const page of [
            '/account/real-name',
            `/orders/${orders.pickup!.orderNo}/fix`,
            `/orders/${orders.pickup!.orderNo}`,
            '/services',
          ]) {
            await me.visit(page)
          }
        })
      })
    })
  )

  /* §2.3 */
  test('操作日志 details are in Chinese (no raw order or payment codes)').run(
    regressionTest(async ({ client }, proof) => {
      const { user } = await applicantWithHistory(client, { cloud: false })
      await withTabs([{ viewport: 'desktop', js: false }], async (me) => {
        await signInApplicant(me, user)
        await me.visit('/account/logs')
        const entries = await me.page
          .locator('main table tbody a')
          .evaluateAll((links) => links.map((a) => a.getAttribute('href')!))
        await proof(async () => {
          for (const entry of entries) await me.visit(entry)
        })
      })
    })
  )

  test("the back office's 申请人 detail shows its 操作记录 in Chinese").run(
    regressionTest(async ({ client }, proof) => {
      const { user } = await applicantWithHistory(client, { cloud: false })
      await withTabs([{ viewport: 'desktop' }], async (tab) => {
        await signInStaff(tab, await createStaff(['reviewer']))
        await proof(() =>
          tab.visit(`/admin/applicants/${user.id}`, {
            /* the API client's sessions are labelled "Japa" */
            data: ['Japa'],
          })
        )
      })
    })
  )

  /* §2.4 */
  test("someone else's or a made-up order number shows a styled Chinese 404").run(
    regressionTest(async ({ client }, proof) => {
      const { orders } = await applicantWithHistory(client, { cloud: false, mailed: false })
      await withTabs([{ viewport: 'phone' }], async (me) => {
        await signInApplicant(me, await applicant())
        await proof(async () => {
          await me.visit(`/orders/${orders.pickup!.orderNo}`, {
            status: 404,
          })
          await me.visit('/orders/1234567890123456789', {
            status: 404,
          })
        })
      })
    })
  )

  test("someone else's or a made-up certificate shows a styled Chinese 404").run(
    regressionTest(async ({ client }, proof) => {
      await applicantWithHistory(client, { pickup: false, mailed: false })
      const certificate = await (
        await import('#certificates/models/certificate')
      ).default
        .query()
        .firstOrFail()
      await withTabs([{ viewport: 'phone' }], async (me) => {
        await signInApplicant(me, await applicant())
        await proof(async () => {
          await me.visit(`/certificates/${certificate.id}`, {
            status: 404,
          })
          await me.visit('/certificates/00000000-0000-4000-8000-000000000000', {
            status: 404,
          })
        })
      })
    })
  )

  test('a made-up message shows a styled Chinese 404').run(
    regressionTest(async (_, proof) => {
      await withTabs([{ viewport: 'phone' }], async (me) => {
        await signInApplicant(me, await applicant())
        await proof(() =>
          me.visit('/messages/00000000-0000-4000-8000-000000000000', {
            status: 404,
          })
        )
      })
    })
  )

  test('a made-up 操作日志 entry shows a styled Chinese 404').run(
    regressionTest(async (_, proof) => {
      await withTabs([{ viewport: 'phone' }], async (me) => {
        await signInApplicant(me, await applicant())
        await proof(() => me.visit('/account/logs/0123456789abcdef', { status: 404 }))
      })
    })
  )

  test('a made-up order or payment in the back office shows a styled Chinese 404').run(
    regressionTest(async (_, proof) => {
      await withTabs([{ viewport: 'desktop' }], async (tab) => {
        await signInStaff(tab, await createStaff(['super_admin']))
        await proof(async () => {
          await tab.visit('/admin/orders/1234567890123456789', {
            status: 404,
          })
          await tab.visit('/admin/payments/00000000-0000-4000-8000-000000000000', {
            status: 404,
          })
        })
      })
    })
  )

  /* beyond §2: the back office's error pages */
  test('back-office 403 and 404 pages are shown inside the back-office layout').run(
    regressionTest(async (_, proof) => {
      await withTabs([{ viewport: 'desktop' }], async (tab) => {
        await signInStaff(tab, await createStaff(['reviewer']))
        await proof(async () => {
          await tab.visit('/admin/no-such-page', { status: 404 })
          await tab.visit('/admin/staff', { status: 403 })
        })
      })
    })
  )

  /* §2.6 */
  test('the agreement step without the tick asks to read and agree').run(
    regressionTest(async ({ assert }, proof) => {
      await withTabs([{ viewport: 'phone', js: false }], async (me) => {
        await onAgreementStep(me)
        await me.click('同意并继续')
        const error = await me.text('.field:has(input[name="agree"]) .error')
        await proof(async () => {
          assert.notInclude(error, '请填写')
          assert.match(error, /阅读并(同意|勾选)/)
        })
      })
    })
  )

  /* §2.7 */
  test("SMS are signed with the office's name, not 【CertDesk】").run(
    regressionTest(async ({ assert }, proof) => {
      const phone = uniquePhone()
      await withTabs([{ viewport: 'phone' }, { viewport: 'desktop' }], async (guest, admin) => {
        await guest.visit('/register')
        await guest.fill({ 联系电话: phone })
        await requestCode(guest, phone, 'register')
        await signInStaff(admin, await createStaff(['super_admin']))
        await proof(async () => {
          await admin.visit(`/admin/sms?phone=${phone}`, {})
          assert.include(await admin.text('main'), `【${officeConfig.shortName}】`)
        })
      })
    })
  )

  /* §2.8 */
  test('the rejection SMS does not double the full stop when the reason ends with 。').run(
    regressionTest(async ({ client, assert }, proof) => {
      const { user, orders } = await applicantWithHistory(client, { cloud: false, mailed: false })
      await withTabs(
        [{ viewport: 'desktop' }, { viewport: 'desktop' }],
        async (reviewer, admin) => {
          await signInStaff(reviewer, await createStaff(['reviewer']))
          await openFromQueue(reviewer, '订单审核', orders.pickup!.orderNo)
          await reviewer.fill({
            '驳回类型': 'unclear',
            '驳回原因（将告知申请人）': '身份证复印件模糊，请重新上传。',
          })
          await reviewer.click('驳回')
          await signInStaff(admin, await createStaff(['super_admin']))
          await admin.visit(`/admin/sms?phone=${user.phone}`)
          const outbox = await admin.text('main')
          assert.include(outbox, '身份证复印件模糊，请重新上传')
          await proof(async () => assert.notInclude(outbox, '。。'))
        }
      )
    })
  )

  /* §2.9 */
  test('实名认证审核 offers 全部 once, and 全部 lists decided reviews too').run(
    regressionTest(async ({ client, assert }, proof) => {
      const reviewer = await createStaff(['reviewer'])
      const names = ['王芳', '李雷']
      for (const name of names) {
        const user = await createUser({ name })
        await asApplicant(client.post('/account/real-name/manual'), user)
          .withCsrfToken()
          .fields({
            id_type: 'passport',
            real_name: name,
            id_number: `E${Date.now() % 100000000}`,
          })
          .file('front', await makeImage('jpg', 30 * 1024))
          .file('back', await makeImage('png', 30 * 1024))
      }
      const RealNameRequest = (await import('#accounts/realname/real_name_request')).default
      const first = await RealNameRequest.query().where('name', names[0]).firstOrFail()
      await asStaff(client.post(`/admin/reviews/real-name/${first.id}/decision`), reviewer)
        .withCsrfToken()
        .form({ decision: 'approve' })
      await withTabs([{ viewport: 'desktop', js: false }], async (tab) => {
        await signInStaff(tab, reviewer)
        await tab.visit('/admin/reviews/real-name')
        const all = await tab.page
          .locator('select[name="status"] option', { hasText: '全部' })
          .count()
        const listed = await tab.text('main')
        await proof(async () => {
          assert.equal(all, 1, 'the 状态 filter offers 全部 once')
          for (const name of names) assert.include(listed, name)
        })
      })
    })
  )

  /* §2.10 */
  test('a personal account is not offered enterprise products').run(
    regressionTest(async ({ assert }, proof) => {
      const { platform } = await catalogFixture()
      await makeProduct({
        platformId: platform.id,
        name: '企业 uKey 证书',
        medium: 'ukey',
        certKind: 'enterprise',
        deliveryMethods: ['pickup'],
        validityOptions: prices(50000),
      } as any)
      await withTabs([{ viewport: 'phone' }], async (me) => {
        await signInApplicant(me, await applicant())
        await me.visit(`/apply/${platform.id}`)
        const offered = await me.text('main')
        assert.include(offered, '个人移动证书')
        await proof(async () => assert.notInclude(offered, '企业 uKey 证书'))
      })
    })
  )

  /* §2.12 */
  test('without JavaScript, 获取验证码 on /register keeps the typed passwords').run(
    regressionTest(async ({ assert }, proof) => {
      const phone = uniquePhone()
      await withTabs([{ viewport: 'phone', js: false }], async (guest) => {
        await guest.visit('/register')
        await guest.fill({
          姓名: '陈一',
          联系电话: phone,
          证件号码: freshResidentId(),
          密码: 'Passw0rd123',
          确认密码: 'Passw0rd123',
        })
        await requestCode(guest, phone, 'register')
        assert.equal(await guest.field('姓名').inputValue(), '陈一', 'the name is kept')
        const kept = [
          await guest.field('密码').inputValue(),
          await guest.field('确认密码').inputValue(),
        ]
        await proof(async () => assert.deepEqual(kept, ['Passw0rd123', 'Passw0rd123']))
      })
    })
  )

  test('/favicon.ico is an icon').run(
    regressionTest(async ({ assert }, proof) => {
      await withTabs([{ viewport: 'desktop' }], async (tab) => {
        const response = await tab.page.request.get('/favicon.ico')
        await proof(async () => {
          assert.equal(response.status(), 200)
          assert.match(response.headers()['content-type'] ?? '', /^image\//)
        })
      })
    })
  )

  test("README step 3 names the payment page's button as the page does").run(
    regressionTest(async ({ assert }, proof) => {
      const { platform } = await catalogFixture()
      const user = await applicant()
      const step = readmeStep(3)
      const named = /沙箱支付 → \*\*([^*]+)\*\*/.exec(step)?.[1]
      assert.isString(named, 'README step 3 names the button after choosing 沙箱支付')
      await withTabs([{ viewport: 'desktop' }], async (me) => {
        await signInApplicant(me, user)
        await apply(me, {
          platform: platform.name,
          product: '个人移动证书',
          handler: { name: '陈一', phone: user.phone, idNumber: user.realIdNumber! },
          material: await makeImage('jpg', 40 * 1024),
          delivery: { method: '自助（在线安装）' },
        })
        const buttons = await me.page
          .getByRole('button', { name: named!, exact: true })
          .or(me.page.getByRole('link', { name: named!, exact: true }))
          .count()
        await proof(async () =>
          assert.isAbove(buttons, 0, `the payment page has no “${named}” button (README step 3)`)
        )
      })
    })
  )

  /* beyond §2 */
  test("the back office's 支付详情 does not scroll sideways at 375 px").run(
    regressionTest(async ({ client }, proof) => {
      const { orders } = await applicantWithHistory(client, { cloud: false, mailed: false })
      const Payment = (await import('#payments/models/payment')).default
      const payment = await Payment.query().where('order_no', orders.pickup!.orderNo).firstOrFail()
      await withTabs([{ viewport: 'phone' }], async (tab) => {
        await signInStaff(tab, await createStaff(['finance']))
        await proof(() => tab.visit(`/admin/payments/${payment.id}`))
      })
    })
  )
})

/**
 * Defects that show in a process that has just started: `npm start` on an
 * empty database, as the README's quick start does.
 */
test.group('Browser · a fresh npm start (issue 8 §2.5, §2.11)', (group) => {
  let fresh: FreshApp
  group.setup(async () => {
    fresh = await startFreshApp()
    return () => fresh.stop()
  })

  /**
   * The demo applicant signs in, verifies (the form is prefilled) and
   * starts 证书新办 up to the agreement (the wizard's module and its
   * messages load now, after the accounts module's).
   */
  async function demoOpensWizard(tab: Tab) {
    await tab.visit(`${fresh.address}/login`)
    await tab.fill({ 手机号或邮箱: fresh.demo.phone, 密码: fresh.demo.password })
    await tab.click(tab.page.locator('form[action="/login"]').getByRole('button', { name: '登录' }))
    await tab.visit(`${fresh.address}/account/real-name`)
    if (await tab.page.getByRole('button', { name: '立即核验' }).count())
      await tab.click('立即核验')
    await expect(tab, '已实名')
    await tab.visit(`${fresh.address}/apply`)
    await tab.click(tab.page.locator('a.tile').first())
    await tab.page.getByRole('radio').first().check()
    await tab.page.getByRole('radio', { name: '1年', exact: true }).check()
    await tab.click('下一步')
    await expect(tab, '我已阅读并同意')
  }

  test('npm start says 已就绪 only when the printed address answers').run(
    regressionTest(async ({ assert }, proof) => {
      await withTabs([{ viewport: 'desktop' }], async (person) => {
        await person.visit(fresh.address)
        await expect(person, '登录')
      })
      await proof(async () =>
        assert.isTrue(
          fresh.answeredAtReady,
          `${fresh.address} refused connections when 已就绪 was printed`
        )
      )
    })
  )

  test(
    'after the wizard was used, /register and SMS login still ask to agree to 用户服务协议和隐私政策'
  ).run(
    regressionTest(async ({ assert }, proof) => {
      await withTabs(
        [{ viewport: 'desktop' }, { viewport: 'desktop', js: false }],
        async (me, guest) => {
          await demoOpensWizard(me)
          await guest.visit(`${fresh.address}/register`)
          await guest.click('立即注册')
          const onRegister = await guest.text('.field:has(input[name="agree"]) .error')
          await guest.visit(`${fresh.address}/login?mode=sms`)
          await guest.click('注册/登录')
          const onSmsLogin = await guest.text('.field:has(input[name="agree"]) .error')
          await proof(async () => {
            assert.include(onRegister, '用户服务协议和隐私政策')
            assert.include(onSmsLogin, '用户服务协议和隐私政策')
          })
        }
      )
    })
  )

  test(
    "after the wizard was used, /register's region error names the field by its label 所在行政区"
  ).run(
    regressionTest(async ({ assert }, proof) => {
      await withTabs(
        [{ viewport: 'desktop' }, { viewport: 'desktop', js: false }],
        async (me, guest) => {
          await demoOpensWizard(me)
          await guest.visit(`${fresh.address}/register`)
          await guest.click('立即注册')
          const error = await guest.text('.field:has(select[name="region_code"]) .error')
          await proof(async () => assert.include(error, '所在行政区'))
        }
      )
    })
  )
})
