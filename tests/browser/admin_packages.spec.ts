/**
 * The back office's new pages on a 375 px phone without JavaScript:
 * 业务目录 → 套餐产品 (a missing 套餐名称 refused at the field with what was
 * typed kept, then saved and listed, then opened again to edit) and
 * 管理员移交记录.
 */
import { test } from '@japa/runner'
import { withTabs } from './support/browser.js'
import { expect } from './support/expect.js'
import { signInStaff } from './support/login.js'
import { createStaff, ensureCa } from './support/fixtures.js'
import { makePlatform, makeRegion } from '#tests/functional/catalog/catalog_helpers'

test.group('Browser · 套餐产品 and 管理员移交记录 (375 px)', (group) => {
  group.setup(async () => {
    await ensureCa()
  })

  test('新增套餐产品: refused at the field, input kept, saved, listed, edited; 管理员移交记录 (phone 375 px, JavaScript off)', async ({
    assert,
  }) => {
    const region = await makeRegion({ name: '示例市（套餐产品）' })
    await makePlatform({ regionId: region.id, name: '示例套餐产品平台' })
    const staff = await createStaff(['super_admin'])
    await withTabs([{ viewport: 'phone', js: false }], async (tab) => {
      await signInStaff(tab, staff)
      await tab.visit('/admin/catalog/packages')
      await tab.click(tab.page.getByRole('link', { name: '新增套餐产品' }).first())
      await expect(tab, '新增套餐产品')
      const platformOption = await tab.page
        .locator('main select[name="platform_id"] option', { hasText: '示例套餐产品平台' })
        .first()
        .getAttribute('value')
      await tab.page.locator('main select[name="platform_id"]').selectOption(platformOption!)
      await tab.page.getByRole('radio', { name: /电子印章套餐/ }).check()
      await tab.fill({ '套餐编码': 'browser-pkg-5', '价格（元）': '150', '印章数': '5' })
      await tab.page.getByRole('radio', { name: '支付后直接开通' }).check()
      await tab.page.getByRole('radio', { name: '上架' }).check()
      await tab.click('保存')
      await expect(tab, '新增套餐产品')
      await expect(tab, '请填写名称', { within: 'main' })
      assert.equal(await tab.field('套餐编码').inputValue(), 'browser-pkg-5')
      assert.equal(await tab.field('价格（元）').inputValue(), '150')
      assert.equal(
        await tab.page.locator('main select[name="platform_id"]').inputValue(),
        platformOption
      )
      assert.isTrue(await tab.page.getByRole('radio', { name: /电子印章套餐/ }).isChecked())

      await tab.fill({ 套餐名称: '浏览器印章套餐 5 枚' })
      await tab.click('保存')
      await expect(tab, '浏览器印章套餐 5 枚')
      await tab.click(
        tab.page
          .locator('tr', { hasText: '浏览器印章套餐 5 枚' })
          .getByRole('link', { name: '编辑' })
      )
      await expect(tab, '编辑套餐产品')
      assert.equal(await tab.field('套餐名称').inputValue(), '浏览器印章套餐 5 枚')

      await tab.visit('/admin/orgs/transfers')
      await expect(tab, '管理员移交记录')
    })
  })
})
