import { test } from '@japa/runner'
import { DateTime } from 'luxon'
import Notice from '#catalog/models/notice'

test.group('Catalog public pages (smoke)', () => {
  test('notices page renders', async ({ client, assert }) => {
    await Notice.create({ title: '测试公告一', body: '正文', status: 'published', pinned: false, publishedAt: DateTime.utc().minus({ hours: 1 }) })
    const response = await client.get('/notices')
    response.assertStatus(200)
    assert.include(response.text(), '测试公告一')
  })
})
