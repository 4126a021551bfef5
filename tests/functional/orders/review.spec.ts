import { test } from '@japa/runner'
import AuditLog from '#core/audit/audit_log'
import { orderLifecycle, type OrderStatus } from '#orders/lifecycle'
import { approveOrder } from '#orders/actions/review'
import { createStaff } from '#tests/helpers/factories'
import { asStaff } from '#tests/helpers/auth'
import { catalogFixture, fillApplication, verifiedApplicant } from './support.js'

/**
 * 订单审核 approves only what waits for review: the approve action checks
 * the order itself, so that a transition slipped into the table (say
 * draft → approved) still cannot approve an unsubmitted order.
 */
test.group('Orders · the review approves only orders waiting for review', () => {
  test('a draft is refused by the approve action even when the table would allow draft → approved', async ({
    client,
    assert,
  }) => {
    const { cloud, cloudMaterial } = await catalogFixture()
    const user = await verifiedApplicant()
    const draft = await fillApplication(client, user, cloud.id, cloudMaterial.id)
    const reviewer = await createStaff(['reviewer'])

    const approve = orderLifecycle.events.approve.transitions as Array<[OrderStatus, OrderStatus]>
    approve.push(['draft', 'approved'])
    try {
      assert.isTrue(orderLifecycle.can('approve', 'draft'))
      await assert.rejects(
        () => approveOrder(draft, { id: reviewer.id, displayName: reviewer.displayName }),
        '只有待审核的订单可以审核通过'
      )
      const response = await asStaff(
        client.post(`/admin/orders/${draft.orderNo}/approve`),
        reviewer
      )
        .withCsrfToken()
        .redirects(0)
      response.assertFlashMessage('error', '只有待审核的订单可以审核通过')
    } finally {
      approve.pop()
    }
    assert.isFalse(orderLifecycle.can('approve', 'draft'))

    await draft.refresh()
    assert.equal(draft.status, 'draft')
    assert.isNull(draft.approvedAt)
    assert.isNull(
      await AuditLog.query()
        .where('action', 'orders.order.approve')
        .where('subject_id', draft.orderNo)
        .first()
    )
  })
})
