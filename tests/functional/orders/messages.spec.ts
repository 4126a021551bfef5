import { test } from '@japa/runner'
import { asApplicant } from '#tests/helpers/auth'
import { catalogFixture, verifiedApplicant } from '#tests/functional/orders/support'

/**
 * Each form's messages speak of its own fields: the apply wizard's
 * 申请协议 never renames the registration form's 用户服务协议和隐私政策
 * (field labels are scoped to a module's validators, not one shared list).
 */
test.group('Orders · messages of the wizard', () => {
  test('the agreement step without the tick asks to read and agree, not to "fill in"', async ({
    client,
  }) => {
    const { cloud } = await catalogFixture()
    const user = await verifiedApplicant()
    const start = await asApplicant(client.post('/apply'), user)
      .withCsrfToken()
      .form({ product_id: cloud.id, years: '1' })
      .redirects(0)
    const orderNo = /\/orders\/(\d{19})\//.exec(start.header('location')!)![1]
    const refused = await asApplicant(client.post(`/orders/${orderNo}/apply/agreement`), user)
      .withCsrfToken()
      .header('referer', `/orders/${orderNo}/apply/agreement`)
      .form({})
      .redirects(0)
    refused.assertFlashMessage('inputErrorsBag', { agree: ['请阅读并同意申请协议'] })
  })

  test('after the wizard refused its agreement, registration still names its own agreement and 所在行政区', async ({
    client,
  }) => {
    const { cloud } = await catalogFixture()
    const user = await verifiedApplicant()
    const start = await asApplicant(client.post('/apply'), user)
      .withCsrfToken()
      .form({ product_id: cloud.id, years: '1' })
      .redirects(0)
    const orderNo = /\/orders\/(\d{19})\//.exec(start.header('location')!)![1]
    await asApplicant(client.post(`/orders/${orderNo}/apply/agreement`), user)
      .withCsrfToken()
      .form({})
      .redirects(0)

    const register = await client
      .post('/register')
      .withCsrfToken()
      .header('referer', '/register')
      .form({ account_type: 'person', phone: '13912340000' })
      .redirects(0)
    const bag = register.flashMessages().inputErrorsBag as Record<string, string[]>
    register.assertFlashMessage('inputErrorsBag', {
      ...bag,
      agree: ['请阅读并勾选用户服务协议和隐私政策'],
      region_code: ['请填写所在行政区'],
    })
  })
})
