import { test } from '@japa/runner'
import { asApplicant } from '#tests/helpers/auth'
import { makeShippingOrigin } from '#tests/functional/catalog/catalog_helpers'
import { catalogFixture, fillApplication, verifiedApplicant } from './support.js'

/**
 * 邮寄-收方付: the order records the shipping office the delivery step
 * showed (the platform region's own, when it has one).
 */
test.group("Orders · mailing from the region's shipping office", () => {
  test('the 发货地址 saved with the order is the one the delivery step showed', async ({
    client,
    assert,
  }) => {
    const { ukey, ukeyMaterial, region } = await catalogFixture()
    const own = await makeShippingOrigin({
      regionId: region.id,
      address: '示例市政务服务中心 3 楼 CA 发货室',
      contact: '示例市发货组',
    } as any)
    const user = await verifiedApplicant()
    const order = await fillApplication(client, user, ukey.id, ukeyMaterial.id, {
      delivery_method: 'self_make',
    })

    const page = await asApplicant(client.get(`/orders/${order.orderNo}/apply/delivery`), user)
    assert.include(page.text(), `发货地址：${own.address}`)

    await asApplicant(client.post(`/orders/${order.orderNo}/apply/delivery`), user)
      .withCsrfToken()
      .form({
        delivery_method: 'mail_cod',
        receiver: '陈一',
        receiver_phone: user.phone,
        region_code: '110105',
        address: '示例路 8 号示例大厦 12 层',
      })
    await order.refresh()
    assert.equal(order.deliveryMethod, 'mail_cod')
    assert.include(order.delivery?.shipFrom ?? '', own.address)
  })
})
