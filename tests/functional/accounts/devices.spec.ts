import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import UserDevice from '#accounts/models/user_device'
import { createUser } from '#tests/helpers/factories'
import { asApplicant } from '#tests/helpers/auth'
import { flash } from './helpers.js'

const A = '5b0c3f6e-2d7a-4c1e-9f3b-000000000001'
const B = '5b0c3f6e-2d7a-4c1e-9f3b-000000000002'
const C = '5b0c3f6e-2d7a-4c1e-9f3b-000000000003'

test.group('登录设备', () => {
  test('lists each signed-in browser with IP, first and last seen, the current one marked', async ({
    client,
    assert,
  }) => {
    const user = await createUser()
    await asApplicant(client.get('/'), user, B)
    const page = await asApplicant(client.get('/account/devices'), user, A)
    page.assertStatus(200)
    const text = page.text()
    assert.include(text, '当前设备')
    assert.include(text, '127.0.0.1')
    assert.include(text, '首次登录')
    assert.include(text, '最近活动')
    assert.include(text, `/account/devices/${B}/sign-out`)
    assert.notInclude(text, `/account/devices/${A}/sign-out`)
    assert.include(text, '退出其他所有设备')
  })

  test("signing out one device ends that browser's session on its next request", async ({
    client,
    assert,
  }) => {
    const user = await createUser()
    const before = await asApplicant(client.get('/account'), user, B).redirects(0)
    before.assertStatus(200)
    const response = await asApplicant(client.post(`/account/devices/${B}/sign-out`), user, A)
      .withCsrfToken()
      .redirects(0)
    response.assertHeader('location', '/account/devices')
    assert.equal(flash(response, 'success'), '该设备已退出登录')
    const after = await asApplicant(client.get('/account'), user, B).redirects(0)
    after.assertStatus(302)
    after.assertHeader('location', '/login')
    assert.include(flash(after, 'warning'), '已在其他设备上被退出')
    const still = await asApplicant(client.get('/account'), user, A).redirects(0)
    still.assertStatus(200)
    const entry = await db
      .from('audit_logs')
      .where('action', 'accounts.device.revoke')
      .where('subject_id', user.id)
    assert.lengthOf(entry, 1)
  })

  test('退出其他所有设备 keeps only the current browser', async ({ client, assert }) => {
    const user = await createUser()
    await asApplicant(client.get('/'), user, B)
    await asApplicant(client.get('/'), user, C)
    const response = await asApplicant(client.post('/account/devices/sign-out-others'), user, A)
      .withCsrfToken()
      .redirects(0)
    assert.equal(flash(response, 'success'), '已退出其他 2 台设备')
    assert.isNull((await UserDevice.findOrFail(A)).revokedAt)
    assert.isNotNull((await UserDevice.findOrFail(B)).revokedAt)
    assert.isNotNull((await UserDevice.findOrFail(C)).revokedAt)
    const b = await asApplicant(client.get('/account'), user, B).redirects(0)
    b.assertHeader('location', '/login')
  })

  test("the current device cannot be signed out from the list; another user's device is 404", async ({
    client,
    assert,
  }) => {
    const user = await createUser()
    const own = await asApplicant(client.post(`/account/devices/${A}/sign-out`), user, A)
      .withCsrfToken()
      .redirects(0)
    assert.include(flash(own, 'error'), '当前设备请使用“退出登录”')
    const stranger = await createUser()
    await asApplicant(client.get('/'), stranger, C)
    const response = await asApplicant(client.post(`/account/devices/${C}/sign-out`), user, A)
      .withCsrfToken()
      .redirects(0)
    response.assertStatus(404)
    assert.isNull((await UserDevice.findOrFail(C)).revokedAt)
  })
})
