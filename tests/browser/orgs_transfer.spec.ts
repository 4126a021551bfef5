/**
 * 管理员移交 in the browser: the admin (375 px) picks the new admin and
 * sends the signing link; the legal representative opens the link from
 * the SMS on their own phone (375 px, no account), gets the SMS code and
 * signs — on the pad with JavaScript, with a photo of the signature
 * without it; the transfer takes effect and the link cannot be used again.
 */
import { test } from '@japa/runner'
import { withTabs, type Tab, type TabOptions } from './support/browser.js'
import { expect } from './support/expect.js'
import { signInApplicant } from './support/login.js'
import { smsCode } from './support/fixtures.js'
import { makeImage } from '#tests/helpers/files'
import { claimedOrg, verifiedUser } from '#tests/functional/orgs/helpers'
import { smsTo } from '#tests/functional/accounts/helpers'
import OrgTransfer from '#orgs/models/org_transfer'

async function stroke(tab: Tab, points: Array<[number, number]>) {
  const canvas = tab.page.locator('canvas.pad-canvas')
  await canvas.scrollIntoViewIfNeeded()
  const box = (await canvas.boundingBox())!
  const at = ([x, y]: [number, number]) => [box.x + x * box.width, box.y + y * box.height] as const
  await tab.page.mouse.move(...at(points[0]))
  await tab.page.mouse.down()
  for (const point of points.slice(1)) await tab.page.mouse.move(...at(point), { steps: 4 })
  await tab.page.mouse.up()
}

const PHONES: Array<{ name: string; rep: TabOptions }> = [
  { name: 'signature pad, JavaScript on', rep: { viewport: 'phone' } },
  { name: 'photo of the signature, JavaScript off', rep: { viewport: 'phone', js: false } },
]

test.group('Browser · 管理员移交', () => {
  for (const variant of PHONES) {
    test(`the legal representative signs the link on their phone at 375 px (${variant.name})`, async ({
      assert,
    }) => {
      const admin = await verifiedUser('苏管理')
      const member = await verifiedUser('李员工')
      const { org, adminMembership, memberships } = await claimedOrg(admin, { members: [member] })
      await withTabs([{ viewport: 'phone' }, variant.rep], async (me, rep) => {
        await signInApplicant(me, admin)
        await me.visit(`/orgs/${org.id}/transfer`)
        await me.page.getByLabel('新管理员').selectOption(memberships[0].id)
        await me.click('确认移交，发送签署链接')
        await expect(me, '待法定代表人签署')

        const sms = (await smsTo(org.legalRepPhone!)).find(
          (m: any) => m.purpose === 'notice:orgs_transfer'
        )
        const link = /(\/orgs\/[^\s]+\/transfer\/sign\/[\w-]+)/.exec(sms.content)![1]
        await rep.visit(link)
        await expect(rep, '管理员移交 · 法定代表人签署')
        await expect(rep, '转授授权书')
        await rep.click(rep.page.getByRole('button', { name: '获取验证码' }))
        await expect(rep, /验证码已发送|已发送/)
        const code = await smsCode(org.legalRepPhone!, 'orgs_transfer')
        await rep.fill({ 法定代表人短信验证码: code })
        if (rep.js) {
          await stroke(rep, [
            [0.1, 0.6],
            [0.3, 0.3],
            [0.5, 0.7],
            [0.8, 0.4],
          ])
        } else {
          await rep
            .field('签名照片（无法手写时上传白纸上的签名照片）')
            .setInputFiles(await makeImage('png', 30 * 1024))
        }
        await rep.click('确认签署')
        await expect(rep, '管理员移交已生效')

        const transfer = await OrgTransfer.findByOrFail('org_id', org.id)
        assert.equal(transfer.status, 'completed')
        assert.equal(transfer.signatureType, 'png')
        await Promise.all([adminMembership.refresh(), memberships[0].refresh()])
        assert.equal(adminMembership.role, 'member')
        assert.equal(memberships[0].role, 'admin')
      })
    }).timeout(90_000)
  }
})
