import { test } from '@japa/runner'
import Order from '#orders/models/order'
import { ACTING_SESSION_KEY } from '#orgs/queries/acting'
import { createUser, residentId, usccCode } from '#tests/helpers/factories'
import { asApplicant } from '#tests/helpers/auth'
import { claimedOrg, verifiedUser } from '#tests/functional/orgs/helpers'
import { catalogFixture, enterpriseFixture, fillApplication, saveHandler } from './support.js'

/**
 * Enterprise certificates through the wizard (issue 10): acting for an
 * org (切换身份) the wizard offers the org's products, the enterprise
 * block comes from the org and cannot be changed, the order belongs to
 * the org.
 */
async function orgWithProducts() {
  const catalog = await catalogFixture()
  const enterprise = await enterpriseFixture(catalog.platform.id)
  const admin = await verifiedUser('苏管理')
  const member = await verifiedUser('李员工')
  const { org, adminMembership, memberships } = await claimedOrg(admin, { members: [member] })
  return { ...catalog, enterprise, admin, member, org, adminMembership, memberships }
}

function acting(membershipId: string) {
  return { [ACTING_SESSION_KEY]: membershipId }
}

test.group('Enterprise certificates · the wizard', () => {
  test('acting as a person shows no enterprise product; acting for the org shows only its products', async ({
    client,
    assert,
  }) => {
    const { platform, member, memberships } = await orgWithProducts()
    const asPerson = await asApplicant(client.get(`/apply/${platform.id}`), member)
    assert.include(asPerson.text(), '个人移动证书')
    assert.notInclude(asPerson.text(), '单位移动证书')

    const asOrg = await asApplicant(client.get(`/apply/${platform.id}`), member).withSession(
      acting(memberships[0].id)
    )
    assert.include(asOrg.text(), '单位移动证书')
    assert.include(asOrg.text(), '单位 uKey 证书')
    assert.notInclude(asOrg.text(), '个人移动证书')
    assert.include(asOrg.text(), '办理身份')
  })

  test('an enterprise product started as a person, or a personal one for the org, is refused with the reason', async ({
    client,
    assert,
  }) => {
    const { cloud, enterprise, member, memberships } = await orgWithProducts()
    const asPerson = await asApplicant(client.post('/apply'), member)
      .withCsrfToken()
      .form({ product_id: enterprise.cloud.id, years: '1' })
      .redirects(0)
    assert.include(
      (asPerson.flashMessages().inputErrorsBag as any).product_id[0],
      '单位证书需以机构身份办理'
    )
    const personalForOrg = await asApplicant(client.post('/apply'), member)
      .withSession(acting(memberships[0].id))
      .withCsrfToken()
      .form({ product_id: cloud.id, years: '1' })
      .redirects(0)
    assert.include(
      (personalForOrg.flashMessages().inputErrorsBag as any).product_id[0],
      '只能申请单位证书'
    )
    assert.lengthOf(await Order.query().where('user_id', member.id), 0)
  })

  test('the order is the org’s: subject from the org, the acting member is the 经办人, the enterprise block is read-only', async ({
    client,
    assert,
  }) => {
    const { enterprise, member, memberships, org } = await orgWithProducts()
    const start = await asApplicant(client.post('/apply'), member)
      .withSession(acting(memberships[0].id))
      .withCsrfToken()
      .form({ product_id: enterprise.cloud.id, years: '1' })
      .redirects(0)
    const orderNo = /\/orders\/(\d{19})\//.exec(start.header('location') ?? '')![1]
    const order = await Order.findByOrFail('order_no', orderNo)
    assert.equal(order.orgId, org.id)
    assert.equal(order.subjectType, 'org')
    assert.equal(order.subjectOrgName, org.name)
    assert.equal(order.subjectUscc, org.uscc)
    assert.equal(order.handlerName, '李员工')

    await asApplicant(client.post(`/orders/${orderNo}/apply/agreement`), member)
      .withCsrfToken()
      .form({ agree: 'on' })
    const page = await asApplicant(client.get(`/orders/${orderNo}/apply/applicant`), member)
    page.assertStatus(200)
    assert.include(page.text(), '单位信息（来自机构认证信息，不可修改）')
    assert.include(page.text(), org.name)
    assert.include(page.text(), org.uscc)
    assert.include(page.text(), '王*')
    assert.notInclude(page.text(), org.legalRepPhone!)
    assert.notInclude(page.text(), 'name="org_name"')

    /* a handler name typed over the read-only one is not taken */
    await saveHandler(client, member, orderNo, '张冒名')
    await order.refresh()
    assert.equal(order.handlerName, '李员工')
    assert.equal(order.handlerIdNumber, member.realIdNumber)
    assert.isNotNull(order.handlerPhoneVerifiedAt)
  })

  test('an account of the 机构 type still applies for an enterprise certificate as itself', async ({
    client,
    assert,
  }) => {
    const { platform, enterprise } = await orgWithProducts()
    const account = await createUser({
      accountType: 'org',
      orgName: '老式机构账号有限公司',
      uscc: usccCode(),
      realNameStatus: 'verified',
      realName: '赵经办',
      realIdType: 'resident_id',
      realIdNumber: residentId('19770707', '110105', '321'),
    } as any)
    const page = await asApplicant(client.get(`/apply/${platform.id}`), account)
    assert.include(page.text(), '单位移动证书')
    const start = await asApplicant(client.post('/apply'), account)
      .withCsrfToken()
      .form({ product_id: enterprise.cloud.id, years: '1' })
      .redirects(0)
    const orderNo = /\/orders\/(\d{19})\//.exec(start.header('location') ?? '')![1]
    const order = await Order.findByOrFail('order_no', orderNo)
    assert.isNull(order.orgId)
    assert.equal(order.subjectOrgName, '老式机构账号有限公司')
  })

  test('the whole draft is filled for the org through the wizard', async ({ client, assert }) => {
    const { enterprise, member, memberships, org } = await orgWithProducts()
    const draft = await fillApplication(
      client,
      member,
      enterprise.cloud.id,
      enterprise.cloudMaterial.id,
      { delivery_method: 'online_install' },
      { acting: memberships[0].id }
    )
    assert.equal(draft.orgId, org.id)
    assert.equal(draft.wizardStep, 'delivery')
  })
})
