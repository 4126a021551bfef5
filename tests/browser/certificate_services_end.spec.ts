/**
 * Issue 11's certificate services walked to the end for a person, on a
 * phone (375 px, JavaScript on): 续期 paid in the sandbox and issued by the
 * job runner (我的证书 shows the new validity, the order 已完成); 注销
 * with both warnings; 冻结 then 解冻; the first 解锁 (identity + SMS code →
 * new PIN); cloud 补办 and a person's 变更 (the verified name changed) to
 * the submitted order. The checker runs on every page.
 */
import { test } from '@japa/runner'
import { withTabs } from './support/browser.js'
import { expect } from './support/expect.js'
import { signInApplicant } from './support/login.js'
import { ensureCa } from './support/fixtures.js'
import { completeApplication, requestCode } from './support/steps.js'
import { makeImage } from '#tests/helpers/files'
import { uniquePhone } from '#tests/helpers/factories'
import { runQueuedJobs } from '#core/queue/jobs'
import { formatDate } from '#core/time'
import { signData } from '#issuance/actions/signing'
import Certificate from '#certificates/models/certificate'
import { holderWith } from '#tests/functional/certificates/support'
import { catalogFixture } from '#tests/functional/orders/support'
import { holderOfProduct } from '#tests/functional/orders/service_support'

const PHONE = { viewport: 'phone' } as const

test.group('Browser · certificate services to the end (phone, JavaScript on)', (group) => {
  group.setup(async () => {
    await ensureCa()
  })

  test('续期: wizard → 沙箱支付 → issued; 我的证书 shows the new validity, the order 已完成', async () => {
    const fixture = await catalogFixture()
    const { user, certificate } = await holderOfProduct(fixture.cloud, fixture.cloudMaterial.id, {
      days: 30,
    })
    await withTabs([PHONE], async (me) => {
      await signInApplicant(me, user)
      await me.visit(`/services/renew/${certificate.id}`)
      await me.page.getByRole('checkbox', { name: /尚未开标/ }).check()
      await me.click('开始办理')
      const orderNo = await completeApplication(me, {
        handler: { name: user.realName!, phone: user.phone, idNumber: user.realIdNumber! },
        material: await makeImage('jpg', 40 * 1024),
        delivery: { method: '自助（在线安装）' },
        confirmShows: '新有效期',
      })
      await me.page.getByRole('radio', { name: /沙箱支付/ }).check()
      await me.click('确认支付')
      await expect(me, '订单支付')
      await me.click('打开沙箱收银台')
      await expect(me, '沙箱收银台')
      await me.click('模拟支付成功')
      await expect(me, '已模拟支付成功')
      /* the payment enqueued the issuance: the job runner issues it */
      await runQueuedJobs()

      const renewed = await Certificate.query().where('order_no', orderNo).firstOrFail()
      await me.visit('/certificates')
      await expect(me, formatDate(renewed.notAfter))
      await me.visit(`/orders/${orderNo}`)
      await expect(me, '已完成')
    })
  })

  test('注销 by the holder: both warnings confirmed → 已注销', async () => {
    const { user, certificate } = await holderWith()
    await withTabs([PHONE], async (me) => {
      await signInApplicant(me, user)
      await me.visit(`/certificates/${certificate.id}/revoke`)
      await expect(me, '无法进行历史数据的解密，该操作不可逆')
      await me.fill({ '注销原因（选填）': '不再使用' })
      await me.page.getByRole('checkbox', { name: /所关联的印章将自动注销/ }).check()
      await me.click('确认注销')
      await expect(me, '证书已注销', { path: `/certificates/${certificate.id}` })
      await expect(me, '已失效·已注销', { within: '.badge' })
    })
  })

  test('冻结 then 解冻 by the holder', async () => {
    const { user, certificate } = await holderWith({
      medium: 'ukey',
      productName: '个人 uKey 证书',
    })
    await withTabs([PHONE], async (me) => {
      await signInApplicant(me, user)
      await me.visit(`/certificates/${certificate.id}/suspend`)
      await me.fill({ '冻结原因（选填）': 'uKey 暂时交给同事保管' })
      await me.click('确认冻结')
      await expect(me, '证书已冻结', { path: `/certificates/${certificate.id}` })
      await expect(me, '冻结', { within: '.badge' })
      await me.visit(`/certificates/${certificate.id}/suspend`)
      await me.click('确认解冻')
      await expect(me, '证书已解冻，恢复正常使用', { path: `/certificates/${certificate.id}` })
      await expect(me, '正常', { within: '.badge' })
    })
  })

  test('解锁 (first): identity + SMS code → new PIN, the success message', async () => {
    const { user, certificate } = await holderWith()
    for (let i = 0; i < 5; i++) {
      await signData({
        credentialId: certificate.credentialId!,
        pin: '000000',
        data: Buffer.from('x'),
        format: 'pkcs1',
      }).catch(() => undefined)
    }
    const phone = uniquePhone()
    await withTabs([PHONE], async (me) => {
      await signInApplicant(me, user)
      await me.visit(`/certificates/${certificate.id}/unlock`)
      await expect(me, '首次解锁：身份核验')
      await me.fill({ 手机号: phone })
      const code = await requestCode(me, phone, 'real_name')
      await me.fill({ '短信验证码': code, '新 PIN 码': '739164', '确认新 PIN 码': '739164' })
      await me.click('解锁并设置新 PIN 码')
      await expect(me, '证书已解锁，新 PIN 码已生效，请牢记')
    })
  })

  test('补办 (cloud): the rules page, the wizard, the submitted order 待审核 (free)', async () => {
    const fixture = await catalogFixture()
    const { user, certificate } = await holderOfProduct(fixture.cloud, fixture.cloudMaterial.id)
    await withTabs([PHONE], async (me) => {
      await signInApplicant(me, user)
      await me.visit(`/services/reissue/${certificate.id}`)
      await expect(me, '绑定新手机号')
      await me.page.getByRole('checkbox', { name: /尚未开标/ }).check()
      await me.click('开始办理')
      const orderNo = await completeApplication(me, {
        handler: { name: user.realName!, phone: user.phone, idNumber: user.realIdNumber! },
        material: await makeImage('jpg', 40 * 1024),
        delivery: { method: '自助（在线安装）' },
        free: true,
      })
      await expect(me, '申请提交成功')
      await me.visit(`/orders/${orderNo}`)
      await expect(me, '丢失补办')
    })
  })

  test('变更 after the verified name changed: the confirm page shows the new subject, the order submitted', async () => {
    const fixture = await catalogFixture()
    const { user, certificate } = await holderOfProduct(fixture.cloud, fixture.cloudMaterial.id)
    user.realName = '陈一新'
    await user.save()
    await withTabs([PHONE], async (me) => {
      await signInApplicant(me, user)
      await me.visit(`/services/change/${certificate.id}`)
      await me.page.getByRole('checkbox', { name: /尚未开标/ }).check()
      await me.click('开始办理')
      const orderNo = await completeApplication(me, {
        handler: { name: user.realName!, phone: user.phone, idNumber: user.realIdNumber! },
        material: await makeImage('jpg', 40 * 1024),
        delivery: { method: '自助（在线安装）' },
        confirmShows: '变更后主体',
        free: true,
      })
      await expect(me, '申请提交成功')
      await me.visit(`/orders/${orderNo}`)
      await expect(me, '陈一新')
    })
  })
})
