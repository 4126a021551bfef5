import { test } from '@japa/runner'
import type { ApiClient } from '@japa/api-client'
import { nextId } from '#core/ids'
import Order from '#orders/models/order'
import type User from '#accounts/models/user'
import type Org from '#orgs/models/org'
import Membership from '#orgs/models/membership'
import { ACTING_SESSION_KEY } from '#orgs/queries/acting'
import { asApplicant } from '#tests/helpers/auth'
import { claimedOrg, verifiedUser } from '#tests/functional/orgs/helpers'
import { catalogFixture } from '#tests/functional/orders/support'
import { orderPartyFields } from '#tests/functional/orders/service_support'

/**
 * 首页 · 最新申请进度 follows the identity the person acts as (切换身份):
 * acting for an org, its admins see every order of the org, a member the
 * orders they handle (经办人) while they belong to it; acting as 自然人,
 * their own orders. Another org's admin, another member and a removed
 * member see none of the org's orders.
 */
async function orderOf(
  product: { id: string; platformId: string },
  user: User,
  org: Org | null,
  label: string
) {
  const orderNo = nextId()
  await Order.create({
    orderNo,
    userId: user.id,
    serviceType: 'new',
    status: 'pending_review',
    paymentState: 'paid',
    wizardStep: 'confirm',
    platformId: product.platformId,
    platformName: '示例市公共资源交易平台',
    productId: product.id,
    productSnapshot: { name: label, certKind: org ? 'enterprise' : 'personal' },
    certKind: org ? 'enterprise' : 'personal',
    medium: 'cloud',
    years: 1,
    listPriceFen: 24000,
    amountFen: 24000,
    reviewMode: 'after_payment',
    ...orderPartyFields(user, org),
    reviewCount: 0,
  } as any)
  return orderNo
}

function home(client: ApiClient, user: User, membershipId?: string) {
  return asApplicant(client.get('/'), user).withSession(
    membershipId ? { [ACTING_SESSION_KEY]: membershipId } : {}
  )
}

async function twoOrgs() {
  const adminA = await verifiedUser('甲管理')
  const handler = await verifiedUser('甲经办')
  const colleague = await verifiedUser('甲同事')
  const adminB = await verifiedUser('乙管理')
  const a = await claimedOrg(adminA, { members: [handler, colleague] })
  const b = await claimedOrg(adminB)
  const { cloud } = await catalogFixture()
  const orgOrder = await orderOf(cloud, handler, a.org, '单位移动证书甲')
  const ownOrder = await orderOf(cloud, handler, null, '个人移动证书甲经办')
  return { adminA, handler, colleague, adminB, a, b, orgOrder, ownOrder }
}

test.group('Home page · 最新申请进度 and the acting identity', () => {
  test('the org admin acting for the org sees its orders under way, made by a member', async ({
    client,
    assert,
  }) => {
    const { adminA, a, orgOrder, ownOrder } = await twoOrgs()
    const page = await home(client, adminA, a.adminMembership.id)
    page.assertStatus(200)
    assert.include(page.text(), orgOrder)
    assert.include(page.text(), '单位移动证书甲')
    assert.notInclude(page.text(), ownOrder, 'the member’s personal order is theirs alone')

    const asPerson = await home(client, adminA)
    assert.notInclude(asPerson.text(), orgOrder, 'acting as 自然人: only personal orders')
  })

  test('the 经办人 acting for the org sees the order they handle; as 自然人 their own', async ({
    client,
    assert,
  }) => {
    const { handler, a, orgOrder, ownOrder } = await twoOrgs()
    const forOrg = await home(client, handler, a.memberships[0].id)
    assert.include(forOrg.text(), orgOrder)
    assert.notInclude(forOrg.text(), ownOrder)
    const asPerson = await home(client, handler)
    assert.include(asPerson.text(), ownOrder)
    assert.notInclude(asPerson.text(), orgOrder)
  })

  test('another member, org B’s admin and a removed 经办人 see none of org A’s orders', async ({
    client,
    assert,
  }) => {
    const { handler, colleague, adminB, a, b, orgOrder } = await twoOrgs()
    const other = await home(client, colleague, a.memberships[1].id)
    other.assertStatus(200)
    assert.notInclude(other.text(), orgOrder)

    const orgB = await home(client, adminB, b.adminMembership.id)
    assert.notInclude(orgB.text(), orgOrder)
    /* org B's admin naming org A's membership in their session gains nothing */
    const forged = await home(client, adminB, a.adminMembership.id)
    assert.notInclude(forged.text(), orgOrder)

    await Membership.query().where('id', a.memberships[0].id).update({ status: 'removed' })
    const removed = await home(client, handler, a.memberships[0].id)
    assert.notInclude(removed.text(), orgOrder, 'removed: the org’s order is gone at once')
    const removedAsPerson = await home(client, handler)
    assert.notInclude(removedAsPerson.text(), orgOrder)
  })
})
