import { test } from '@japa/runner'
import { randomInt } from 'node:crypto'
import Integration from '#platforms/models/integration'
import PlatformWebhook from '#platforms/models/webhook'
import Seal from '#seals/models/seal'
import Certificate from '#certificates/models/certificate'
import { makeAutomaticNameSeal } from '#seals/actions/seals'
import {
  issueCloudCertificateForOrder,
  type OrderForIssue,
} from '#certificates/actions/issue_for_order'
import { armFault, disarmFaults } from '#core/fault_points'
import { ensureCa } from '#tests/unit/issuance/support'
import { platform } from '#tests/functional/platforms/support'
import { holderWith } from './support.js'

/**
 * Gaps of issue 11 found at review: a renewed (changed, reissued)
 * certificate runs the certificates module's issue hooks once the
 * issuance has committed, exactly once — the platform of the order is
 * told of the new certificate (notifyIssued), and the holder who already
 * has a 个人名章 gets no second one.
 */
test.group('certificates · issue hooks of service orders', (group) => {
  group.setup(async () => {
    await ensureCa()
  })
  group.each.teardown(() => disarmFaults())

  test('更新 of a certificate bound to an enabled platform: one notifyIssued webhook after the commit, none on a retry, no second name seal', async ({
    assert,
  }) => {
    const p = await platform({ callbackUrl: 'https://platform.example.com/cb' })
    const integration = await Integration.findOrFail(p.integrationId)
    const { user, certificate: old } = await holderWith({ days: 30, name: '钱续期' })
    old.platformId = integration.platformId
    old.platformName = integration.platformName
    await old.save()
    /* the holder's 个人名章, made with their first certificate */
    await makeAutomaticNameSeal(old)
    const nameSeals = () => Seal.query().where('owner_user_id', user.id).where('kind', 'personal')
    assert.lengthOf(await nameSeals(), 1)
    const sent = () => PlatformWebhook.query().where('integration_id', p.integrationId)
    assert.lengthOf(await sent(), 0)

    const order: OrderForIssue = {
      orderNo: `2026${String(Date.now()).slice(-10)}${randomInt(10_000, 99_999)}`,
      userId: user.id,
      certKind: 'personal',
      medium: 'cloud',
      years: 1,
      platformId: integration.platformId,
      platformName: integration.platformName,
      productName: old.productName,
      subjectType: 'person',
      subjectName: old.subjectName,
      subjectIdType: 'resident_id',
      subjectIdNumber: old.subjectIdNumber,
      subjectOrgName: null,
      subjectUscc: null,
      handlerName: old.subjectName,
      handlerPhone: user.phone,
      serviceType: 'renew',
      serviceCertificateId: old.id,
      renewalWindowDays: 90,
    }
    /* a crash before the commit tells nobody */
    armFault('certificates.after_record')
    await assert.rejects(() => issueCloudCertificateForOrder(order), /injected fault/)
    assert.lengthOf(await sent(), 0)

    const renewed = await issueCloudCertificateForOrder(order)
    assert.equal(renewed.replacesId, old.id)
    const rows = await sent()
    assert.lengthOf(rows, 1)
    assert.equal(rows[0].event, 'issued')
    assert.equal(rows[0].dedupKey, `issued:${renewed.serial}`)

    /* a retry finds the row recorded: nothing issued, nobody told again */
    const again = await issueCloudCertificateForOrder(order)
    assert.equal(again.id, renewed.id)
    assert.lengthOf(await sent(), 1)
    assert.lengthOf(await Certificate.query().where('order_no', order.orderNo), 1)
    assert.lengthOf(await nameSeals(), 1, 'no second 个人名章')
  })
})
