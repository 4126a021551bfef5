import { test } from '@japa/runner'

test.group('Home page', () => {
  test('a visitor sees the hall in Chinese with login and register links', async ({ client, assert }) => {
    const response = await client.get('/')
    response.assertStatus(200)
    assert.include(response.text(), '注册账号')
    assert.include(response.text(), '<html lang="zh-CN">')
  })

  test('an unknown page shows a Chinese 404 page with a reference id', async ({ client, assert }) => {
    const response = await client.get('/no-such-page')
    response.assertStatus(404)
    assert.include(response.text(), '页面不存在')
    assert.include(response.text(), '参考编号')
  })
})
