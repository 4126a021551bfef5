/**
 * 认领机构 with the business licence read from its photo (#ocr), on a
 * phone (375 px): choose the licence, 识别营业执照并填入, the form comes back
 * with the code, the name and the legal representative filled in and what
 * was read shown beside them; the person completes the form and submits
 * without choosing the licence again (the photo is kept). The checker
 * looks at every page (375 px, CSP, Chinese). The test server shares this
 * process: the file opens one tesseract worker.
 */
import { test } from '@japa/runner'
import { withTabs } from './support/browser.js'
import { expect } from './support/expect.js'
import { signInApplicant } from './support/login.js'
import { makeFakeFile, makePdf } from '#tests/helpers/files'
import { residentId, uniquePhone } from '#tests/helpers/factories'
import { verifiedUser } from '#tests/functional/orgs/helpers'
import { fixture } from '#ocr/bench/documents'
import { oneOcrWorker } from '#tests/helpers/ocr'

test.group('Browser · 认领机构 from the licence photo', (group) => {
  group.setup(() => oneOcrWorker())

  test('识别营业执照并填入 fills the claim form; submitted without choosing the licence again (phone)', async () => {
    const licence = await fixture('licence', 43, 'jpeg')
    const user = await verifiedUser('周认领')
    await withTabs([{ viewport: 'phone' }], async (me) => {
      await signInApplicant(me, user)
      await me.visit('/orgs/claim?method=review')
      await me.field('营业执照').setInputFiles(makeFakeFile('licence.jpg', licence.image))
      await me.click('识别营业执照并填入')
      await expect(me, '识别结果（请与证件核对）')
      const code = await me.field('统一社会信用代码').inputValue()
      const name = await me.field('企业名称').inputValue()
      if (code !== licence.truth.credit_code || name !== licence.truth.name) {
        throw new Error(`the form was not prefilled: ${code} ${name}`)
      }
      await expect(me, '已保留识别时选择的营业执照照片')
      await me.fill({
        法定代表人姓名: licence.truth.legal_representative,
        法定代表人证件号码: residentId('19700101', '211302', '285'),
        法定代表人手机号: uniquePhone(),
      })
      await me.field('授权委托书').setInputFiles(makePdf())
      await me.click('提交审核')
      await expect(me, '认领申请已提交')
    })
  }).timeout(180_000)
})
