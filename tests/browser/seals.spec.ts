/**
 * Seals in the browser at 375 px: the signature pad with JavaScript (draw
 * two strokes with the mouse, 撤销一笔, 确认提交 with the PIN) and its
 * upload fallback without it; the e-contract signed on the pad and, without
 * JavaScript, with a photo; the photo-seal flow (识别印章 → 确认新增).
 */
import { test } from '@japa/runner'
import { withTabs, type Tab } from './support/browser.js'
import { expect } from './support/expect.js'
import { signInApplicant } from './support/login.js'
import { ensureCa } from '#tests/unit/issuance/support'
import { verifiedUser } from '#tests/functional/orgs/helpers'
import { PIN, certificateFor } from '#tests/functional/seals/helpers'
import { paperSignaturePhoto, stampedFormPhoto } from '#tests/unit/seals/support'
import { makeTemplateSeal } from '#seals/actions/seal_images'
import SealContract from '#seals/models/seal_contract'
import Seal from '#seals/models/seal'

/** ink pixels on the pad's canvas */
async function inked(tab: Tab) {
  return tab.page.locator('canvas.pad-canvas').evaluate((canvas: any) => {
    const { data } = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height)
    let n = 0
    for (let i = 3; i < data.length; i += 4) if (data[i] > 0) n++
    return n
  })
}

async function stroke(tab: Tab, points: Array<[number, number]>) {
  const box = (await tab.page.locator('canvas.pad-canvas').boundingBox())!
  const at = ([x, y]: [number, number]) => [box.x + x * box.width, box.y + y * box.height] as const
  await tab.page.mouse.move(...at(points[0]))
  await tab.page.mouse.down()
  for (const point of points.slice(1)) await tab.page.mouse.move(...at(point), { steps: 4 })
  await tab.page.mouse.up()
}

async function signatureUpload() {
  return {
    name: 'signature.jpg',
    mimeType: 'image/jpeg',
    buffer: await paperSignaturePhoto({ seed: 5 }),
  }
}

test.group('Browser · seals', (group) => {
  group.setup(async () => {
    await ensureCa()
  })

  test('signature pad on a phone with JavaScript: draw, 撤销一笔, save with the PIN; then sign the e-contract on the pad', async ({
    assert,
  }) => {
    const user = await verifiedUser('蒋签名')
    await certificateFor(user, { name: '蒋签名', idNumber: user.realIdNumber! })
    await withTabs([{ viewport: 'phone' }], async (me) => {
      await signInApplicant(me, user)
      await me.visit('/seals/signature')
      assert.isTrue(await me.page.locator('[data-signature-pad]').isVisible())
      await stroke(me, [
        [0.1, 0.6],
        [0.3, 0.3],
        [0.5, 0.7],
      ])
      const one = await inked(me)
      await stroke(me, [
        [0.55, 0.4],
        [0.75, 0.65],
        [0.9, 0.35],
      ])
      const two = await inked(me)
      assert.isAbove(two, one)
      await me.page.getByRole('button', { name: '撤销一笔' }).click()
      assert.equal(await inked(me), one)
      await me.fill({ '签名类型': '个人手写签名', '证书': '蒋签名', '证书 PIN 码': PIN })
      await me.click('确认提交')
      await expect(me, '手写签名已生效')
      const seal = await Seal.query()
        .where('owner_user_id', user.id)
        .where('kind', 'personal_signature')
        .firstOrFail()
      assert.equal(seal.status, 'active')
      await me.visit(`/seals/${seal.id}`)
      await expect(me, '验证通过')

      await me.visit('/seals/contracts/new')
      await expect(me, '数字证书服务电子合同')
      await me.page.getByLabel('本人已阅读并同意签署合同').check()
      await stroke(me, [
        [0.2, 0.5],
        [0.5, 0.3],
        [0.8, 0.6],
      ])
      await me.field('身份证件照片').setInputFiles(await signatureUpload())
      await me.click('确认签署')
      await expect(me, '电子合同已签署')
      await expect(me, '下载合同 PDF')
      assert.lengthOf(await SealContract.query().where('user_id', user.id), 1)
    })
  })

  test('without JavaScript on a phone: the pad stays hidden, a photo of the signature is uploaded; the e-contract too', async ({
    assert,
  }) => {
    const user = await verifiedUser('沈上传')
    await certificateFor(user, { name: '沈上传', idNumber: user.realIdNumber! })
    await withTabs([{ viewport: 'phone', js: false }], async (me) => {
      await signInApplicant(me, user)
      await me.visit('/seals/signature')
      assert.isFalse(await me.page.locator('[data-signature-pad]').isVisible())
      await me.field('手写签名照片（白纸黑字）').setInputFiles(await signatureUpload())
      await me.fill({ '签名类型': '个人手写签名', '证书': '沈上传', '证书 PIN 码': PIN })
      await me.click('确认提交')
      await expect(me, '手写签名已生效')

      await me.visit('/seals/contracts/new')
      await me.click('确认签署')
      await expect(me, '请阅读合同并勾选')
      await me.page.getByLabel('本人已阅读并同意签署合同').check()
      await me.field('身份证件照片').setInputFiles(await signatureUpload())
      await me.field('手写签名照片（白纸黑字）').setInputFiles(await signatureUpload())
      await me.click('确认签署')
      await expect(me, '电子合同已签署')
      await me.click(me.page.getByRole('link', { name: '电子合同', exact: true }).first())
      await expect(me, '下载 PDF')
    })
  })

  test('photo seal on a phone: 识别印章 shows the extracted seal, 确认新增 sends it to review', async ({
    assert,
  }) => {
    const user = await verifiedUser('韩拍照')
    await certificateFor(user, { name: '韩拍照', idNumber: user.realIdNumber! })
    const seal = await makeTemplateSeal({ kind: 'personal', text: '韩拍照' })
    const photo = await stampedFormPhoto(seal.png, { sealPx: 320, seed: 11 })
    await withTabs([{ viewport: 'phone' }], async (me) => {
      await signInApplicant(me, user)
      await me.visit('/seals')
      await me.click(me.page.getByRole('link', { name: '拍照识别印章' }))
      await me.fill({ 印章类型: '个人名章', 绑定证书: '韩拍照' })
      await me
        .field('盖章后的印章申请书照片')
        .setInputFiles({ name: 'form.jpg', mimeType: 'image/jpeg', buffer: photo })
      await me.click('识别印章')
      await expect(me, '识别结果')
      assert.isTrue(await me.page.getByRole('img', { name: '识别出的印章' }).isVisible())
      await me.click('确认新增')
      await expect(me, '已提交人工审核')
      const made = await Seal.query().where('owner_user_id', user.id).firstOrFail()
      assert.equal(made.source, 'photo')
      assert.equal(made.status, 'pending')
    })
  })
})
