import { test } from '@japa/runner'
import messages from '#core/messages/message_service'
import Message from '#core/messages/message'
import { createUser } from '#tests/helpers/factories'
import { asApplicant } from '#tests/helpers/auth'

test.group('Message centre (消息中心)', () => {
  test('an applicant sees their own messages, newest first, with the unread count in the menu', async ({
    client,
    assert,
  }) => {
    const user = await createUser()
    const other = await createUser()
    await messages.send(user.id, {
      category: 'review',
      title: '实名认证已通过',
      body: '您的实名认证已审核通过。',
    })
    await messages.send(user.id, { category: 'order', title: '订单已发货', body: '顺丰 SF123' })
    await messages.send(other.id, { category: 'order', title: '别人的订单消息', body: '不可见' })

    const response = await asApplicant(client.get('/messages'), user)
    response.assertStatus(200)
    const html = response.text()
    assert.include(html, '实名认证已通过')
    assert.include(html, '订单已发货')
    assert.notInclude(html, '别人的订单消息')
    assert.include(html, 'title="未读消息">2</span>')
  })

  test("opening a message marks it read; another applicant's message is a 404", async ({
    client,
    assert,
  }) => {
    const user = await createUser()
    const other = await createUser()
    const mine = await messages.send(user.id, {
      category: 'account',
      title: '登录提醒',
      body: '第一行\n第二行 <script>x</script>',
      link: '/account',
    })
    const theirs = await messages.send(other.id, {
      category: 'account',
      title: '别人的',
      body: '不可见',
    })

    const page = await asApplicant(client.get(`/messages/${mine.id}`), user)
    page.assertStatus(200)
    assert.include(page.text(), '第一行<br>')
    assert.include(page.text(), '&lt;script&gt;')
    assert.include(page.text(), 'href="/account"')
    await mine.refresh()
    assert.isNotNull(mine.readAt)

    const forbidden = await asApplicant(client.get(`/messages/${theirs.id}`), user)
    forbidden.assertStatus(404)
    assert.notInclude(forbidden.text(), '不可见')
    await theirs.refresh()
    assert.isNull(theirs.readAt)
    ;(await asApplicant(client.get('/messages/not-a-uuid'), user)).assertStatus(404)
  })

  test('filters by type and unread, and marks everything read', async ({ client, assert }) => {
    const user = await createUser()
    const read = await messages.send(user.id, {
      category: 'order',
      title: '已读的订单消息',
      body: '.',
    })
    await messages.markRead(read)
    await messages.send(user.id, { category: 'order', title: '未读的订单消息', body: '.' })
    await messages.send(user.id, { category: 'system', title: '系统维护通知', body: '.' })

    const orders = await asApplicant(client.get('/messages').qs({ category: 'order' }), user)
    assert.include(orders.text(), '未读的订单消息')
    assert.notInclude(orders.text(), '系统维护通知')
    const unread = await asApplicant(client.get('/messages').qs({ unread: '1' }), user)
    assert.include(unread.text(), '系统维护通知')
    assert.notInclude(unread.text(), '已读的订单消息')

    const all = await asApplicant(client.post('/messages/read-all'), user)
      .withCsrfToken()
      .redirects(0)
    all.assertHeader('location', '/messages')
    all.assertFlashMessage('success', '已全部标记为已读')
    assert.equal(await messages.unreadCount(user.id), 0)
    const rows = await Message.query().where('user_id', user.id)
    assert.isTrue(rows.every((m) => m.readAt !== null))
  })

  test('marking all read needs the CSRF token and a signed-in applicant', async ({
    client,
    assert,
  }) => {
    const user = await createUser()
    await messages.send(user.id, { category: 'system', title: '通知', body: '.' })
    const noToken = await asApplicant(client.post('/messages/read-all'), user).redirects(0)
    noToken.assertFlashMessage('error', '页面已过期或请求来源无效，请刷新页面后重新提交')
    assert.equal(await messages.unreadCount(user.id), 1)
    const visitor = await client.get('/messages').redirects(0)
    visitor.assertHeader('location', '/login')
  })
})
