import { test } from '@japa/runner'
import app from '@adonisjs/core/services/app'
import { createStaff } from '#tests/helpers/factories'
import { asStaff } from '#tests/helpers/auth'
import Integration from '#platforms/models/integration'
import { adapterFolders, allAdapters } from '#platforms/adapters/registry'
import { tradingPlatform } from './support.js'

test.group('平台集成 · back office', () => {
  test('an integrator enables an adapter; the API secret is shown once, secrets are encrypted at rest', async ({
    client,
    assert,
  }) => {
    const staff = await createStaff(['integrator'] as any)
    const tp = await tradingPlatform()
    const response = await asStaff(client.post('/admin/platforms'), staff).withCsrfToken().form({
      platform_id: tp.id,
      adapter: 'procurement',
      platform_code: 'ABCDEFGHIJK',
      callback_url: 'https://platform.example.com/cb',
      cfg_site_url: 'https://site.example.com',
      cfg_api_key: 'very-secret-key-123',
      enabled: '1',
    })
    response.assertStatus(200)
    const integration = await Integration.findByOrFail('platform_id', tp.id)
    const html = response.text()
    assert.include(html, '接口密钥（只显示这一次）')
    assert.notInclude(html, 'very-secret-key-123')
    assert.notInclude(integration.secretsEnc ?? '', 'very-secret-key-123')
    const show = await asStaff(client.get(`/admin/platforms/${integration.id}`), staff)
    show.assertStatus(200)
    assert.notInclude(show.text(), '接口密钥（只显示这一次）')
    assert.include(show.text(), '已加密保存')
    assert.notInclude(show.text(), 'very-secret-key-123')
  })

  test('a bad 系统标识码 comes back at its field; staff without the role are refused', async ({
    client,
  }) => {
    const staff = await createStaff(['integrator'] as any)
    const tp = await tradingPlatform()
    const bad = await asStaff(client.post('/admin/platforms'), staff)
      .withCsrfToken()
      .header('referer', '/admin/platforms/create')
      .form({ platform_id: tp.id, adapter: 'minimal', platform_code: 'short' })
      .redirects(0)
    bad.assertStatus(302)
    bad.assertFlashMessage('inputErrorsBag', { platform_code: ['系统标识码为 11 位字母或数字'] })
    const reviewer = await createStaff(['reviewer'])
    const refused = await asStaff(client.get('/admin/platforms'), reviewer)
    refused.assertStatus(403)
  })

  test('adapters are found by their folders: the minimal one needs nothing but its folder', async ({
    assert,
  }) => {
    assert.includeMembers(adapterFolders(), ['minimal', 'mutual_recognition', 'procurement'])
    const adapters = await allAdapters()
    const minimal = adapters.find((a) => a.name === 'minimal')!
    assert.deepEqual(minimal.capabilities, ['qrLogin'])
    /* nothing outside its folder names it: no manifest, no import, no list */
    const { spawnSync } = await import('node:child_process')
    const grep = spawnSync('grep', ['-rlE', '[\'"/]minimal[\'"/]', 'app', 'start', 'config'], {
      encoding: 'utf8',
    })
    const named = grep.stdout
      .split('\n')
      .filter((f) => f && !f.startsWith('app/platforms/adapters/minimal/') && f.endsWith('.ts'))
    assert.deepEqual(named, [])
    /* a folder with an adapter.ts is an adapter, whatever its name */
    const { mkdtempSync, mkdirSync, rmSync, writeFileSync } = await import('node:fs')
    const { join } = await import('node:path')
    const root = mkdtempSync(join(app.makePath('tmp'), 'adapters-'))
    mkdirSync(join(root, 'another_site'))
    writeFileSync(join(root, 'another_site', 'adapter.ts'), 'export default {}')
    mkdirSync(join(root, 'not_an_adapter'))
    assert.deepEqual(adapterFolders(root), ['another_site'])
    rmSync(root, { recursive: true, force: true })
  })
})
