/**
 * 实名认证 · 人工审核 with the ID card read from its photo (#ocr), as a
 * person does it: choose the front photo, 识别身份证人像面并填入, and the form
 * comes back with the name and number filled in and what was read shown
 * beside them, nothing submitted; the person checks and submits. On a
 * phone with JavaScript and on a laptop without it; the checker looks at
 * every page (375 px, CSP, Chinese). The test server shares this process:
 * the file opens one tesseract worker for both runs.
 */
import { test } from '@japa/runner'
import { withTabs, type TabOptions } from './support/browser.js'
import { expect } from './support/expect.js'
import { createUser } from './support/fixtures.js'
import { makeFakeFile } from '#tests/helpers/files'
import { fixture } from '#ocr/bench/documents'
import { oneOcrWorker } from '#tests/helpers/ocr'

const VARIANTS: Array<{ name: string; me: TabOptions }> = [
  { name: 'phone, JavaScript on', me: { viewport: 'phone' } },
  { name: 'laptop, JavaScript off', me: { viewport: 'desktop', js: false } },
]

test.group('Browser · 实名认证 from the ID card photo', (group) => {
  group.setup(() => oneOcrWorker())

  for (const [index, variant] of VARIANTS.entries()) {
    test(`识别身份证人像面 fills the form, the person checks and submits (${variant.name})`, async () => {
      const card = await fixture('idcard_front', 31 + index, 'clean')
      const back = await fixture('idcard_back', 31 + index, 'clean')
      const front = makeFakeFile('front.png', card.image)
      const user = await createUser({ name: card.truth.name } as any)
      await withTabs([variant.me], async (me) => {
        await me.visit('/login')
        await me.fill({ 手机号或邮箱: user.phone, 密码: 'Passw0rd123' })
        await me.click(
          me.page.locator('form[action="/login"]').getByRole('button', { name: '登录' })
        )
        await me.visit('/account/real-name')
        await me.click(me.page.getByRole('link', { name: /人工审核/ }))
        await me.field('证件正面照片').setInputFiles(front)
        await me.click('识别身份证人像面并填入')
        await expect(me, '识别结果（请与证件核对）')
        await expect(me, card.truth.address)
        const name = await me.field('证件上的姓名').inputValue()
        const number = await me.field('证件号码').inputValue()
        if (name !== card.truth.name || number !== card.truth.id_number) {
          throw new Error(`the form was not prefilled: ${name} ${number}`)
        }
        /* the photos are chosen again, then the person submits */
        await me.field('证件正面照片').setInputFiles(front)
        await me.field('证件反面照片').setInputFiles(makeFakeFile('back.png', back.image))
        await me.click('提交审核')
        await expect(me, '已提交人工审核')
      })
    }).timeout(180_000)
  }
})
