import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import { DateTime } from 'luxon'
import { createStaff } from '#tests/helpers/factories'
import { asStaff } from '#tests/helpers/auth'
import storage from '#core/storage'
import {
  auditEntries,
  flashed,
  makeDownload,
  makeGuide,
  makeNotice,
  samplePdf,
  samplePng,
  sampleZip,
} from './catalog_helpers.js'

test.group('通知公告 (back office)', () => {
  test('an operator writes a draft, publishes it, and it appears to applicants and on the home page', async ({
    client,
    assert,
  }) => {
    const operator = await createStaff(['operator'])
    await asStaff(client.post('/admin/content/notices'), operator).withCsrfToken().form({
      _form: 'notice',
      title: '关于五一假期服务安排的通知',
      body: '5 月 1 日至 5 日暂停窗口服务。\n\n在线办理不受影响。',
      status: 'draft',
    })
    const notice = await db
      .from('notices')
      .where('title', '关于五一假期服务安排的通知')
      .firstOrFail()
    assert.equal(notice.status, 'draft')
    assert.isNull(notice.published_at)
    assert.lengthOf(await auditEntries('catalog.notice.create', notice.id), 1)
    ;(await client.get(`/notices/${notice.id}`)).assertStatus(404)

    const list = await asStaff(client.get('/admin/content/notices'), operator)
    assert.include(list.text(), '关于五一假期服务安排的通知')
    assert.include(list.text(), '草稿')

    await asStaff(client.post(`/admin/content/notices/${notice.id}/status`), operator)
      .withCsrfToken()
      .form({ status: 'published' })
    assert.lengthOf(await auditEntries('catalog.notice.publish', notice.id), 1)
    const published = await client.get(`/notices/${notice.id}`)
    published.assertStatus(200)
    assert.include(published.text(), '在线办理不受影响。')
    assert.include((await client.get('/')).text(), '关于五一假期服务安排的通知')

    await asStaff(client.post(`/admin/content/notices/${notice.id}/status`), operator)
      .withCsrfToken()
      .form({ status: 'draft' })
    assert.lengthOf(await auditEntries('catalog.notice.unpublish', notice.id), 1)
    ;(await client.get(`/notices/${notice.id}`)).assertStatus(404)
  })

  test('a publish time in the future schedules the notice (Shanghai time typed, UTC stored)', async ({
    client,
    assert,
  }) => {
    const operator = await createStaff(['operator'])
    const tomorrow = DateTime.now().setZone('Asia/Shanghai').plus({ days: 1 }).startOf('minute')
    await asStaff(client.post('/admin/content/notices'), operator)
      .withCsrfToken()
      .form({
        _form: 'notice',
        title: '明日生效的公告',
        body: '内容',
        status: 'published',
        published_at: tomorrow.toFormat("yyyy-MM-dd'T'HH:mm"),
      })
    const notice = await db.from('notices').where('title', '明日生效的公告').firstOrFail()
    ;(await client.get(`/notices/${notice.id}`)).assertStatus(404)
    const admin = await asStaff(client.get('/admin/content/notices'), operator)
    assert.include(admin.text(), '定时发布')
    const edit = await asStaff(client.get(`/admin/content/notices/${notice.id}/edit`), operator)
    assert.include(edit.text(), `value="${tomorrow.toFormat("yyyy-MM-dd'T'HH:mm")}"`)
  })

  test('a notice without a title or with a bad publish time is refused at the field', async ({
    client,
    assert,
  }) => {
    const operator = await createStaff(['operator'])
    const response = await asStaff(client.post('/admin/content/notices'), operator)
      .withCsrfToken()
      .form({
        _form: 'notice',
        title: '',
        body: '正文内容',
        status: 'published',
        published_at: '明天',
      })
      .redirects(0)
    const flash = flashed(response)
    assert.equal(flash.inputErrorsBag.title[0], '请填写标题')
    assert.equal(flash.inputErrorsBag.published_at[0], '请选择正确的发布时间')
    assert.equal(flash.body, '正文内容')
    assert.lengthOf(await auditEntries('catalog.notice.create'), 0)
  })

  test('editing pins a notice; deleting removes it; both audited', async ({ client, assert }) => {
    const operator = await createStaff(['operator'])
    const notice = await makeNotice({ title: '旧标题' })
    await asStaff(client.put(`/admin/content/notices/${notice.id}`), operator)
      .withCsrfToken()
      .form({ _form: 'notice', title: '新标题', body: '新正文', status: 'published', pinned: '1' })
    const row = await db.from('notices').where('id', notice.id).first()
    assert.equal(row.title, '新标题')
    assert.isTrue(Boolean(row.pinned))
    assert.isNotNull(row.published_at)
    assert.lengthOf(await auditEntries('catalog.notice.update', notice.id), 1)

    await asStaff(client.delete(`/admin/content/notices/${notice.id}`), operator).withCsrfToken()
    assert.isNull(await db.from('notices').where('id', notice.id).first())
    assert.lengthOf(await auditEntries('catalog.notice.delete', notice.id), 1)
  })
})

test.group('操作指南 (back office)', () => {
  test('an operator publishes a guide that applicants find by keyword', async ({
    client,
    assert,
  }) => {
    const operator = await createStaff(['operator'])
    await asStaff(client.post('/admin/content/guides'), operator).withCsrfToken().form({
      _form: 'guide',
      title: '如何申请电子发票',
      category: 'payment',
      body: '支付完成后在我的订单中申请数电发票。',
      status: 'published',
      sort_order: '1',
    })
    const guide = await db.from('guides').where('title', '如何申请电子发票').firstOrFail()
    assert.lengthOf(await auditEntries('catalog.guide.create', guide.id), 1)
    const found = await client.get('/guides').qs({ keyword: '数电发票' })
    assert.include(found.text(), '如何申请电子发票')
  })

  test('an unknown category is refused', async ({ client, assert }) => {
    const operator = await createStaff(['operator'])
    const response = await asStaff(client.post('/admin/content/guides'), operator)
      .withCsrfToken()
      .form({ _form: 'guide', title: '某指南', category: 'nope', body: '正文', status: 'draft' })
      .redirects(0)
    assert.equal(flashed(response).inputErrorsBag.category[0], '请选择有效的分类')
  })

  test('unpublishing hides a guide from applicants', async ({ client, assert }) => {
    const operator = await createStaff(['operator'])
    const guide = await makeGuide({ title: '将被撤回的指南' })
    await asStaff(client.post(`/admin/content/guides/${guide.id}/status`), operator)
      .withCsrfToken()
      .form({ status: 'draft' })
    assert.notInclude((await client.get('/guides')).text(), '将被撤回的指南')
    assert.lengthOf(await auditEntries('catalog.guide.unpublish', guide.id), 1)
  })
})

test.group('下载专区 (back office)', () => {
  test('an operator uploads a driver package; applicants see and download it', async ({
    client,
    assert,
  }) => {
    const operator = await createStaff(['operator'])
    const zip = sampleZip()
    const response = await asStaff(client.post('/admin/content/downloads'), operator)
      .withCsrfToken()
      .fields({
        _form: 'download',
        name: 'uKey 驱动程序',
        category: 'driver',
        version: 'V3.2.1',
        description: 'Windows 10/11',
        status: 'published',
        sort_order: '1',
      })
      .file('file', zip, { filename: 'uKey驱动.zip' })
      .redirects(0)
    response.assertStatus(302)
    response.assertHeader('location', '/admin/content/downloads')
    const row = await db.from('downloads').where('name', 'uKey 驱动程序').firstOrFail()
    assert.equal(row.file_type, 'zip')
    assert.equal(row.file_name, 'uKey驱动.zip')
    assert.equal(Number(row.file_size), zip.length)
    assert.isTrue(await storage.exists(row.file_key))
    assert.lengthOf(await auditEntries('catalog.download.create', row.id), 1)

    assert.include((await client.get('/downloads')).text(), 'uKey 驱动程序')
    const file = await client.get(`/downloads/${row.id}/file`)
    file.assertStatus(200)
    file.assertHeader('content-type', 'application/zip')
  })

  test('a missing file or a file of a type the area does not take is refused, the typed fields kept', async ({
    client,
    assert,
  }) => {
    const operator = await createStaff(['operator'])
    const missing = await asStaff(client.post('/admin/content/downloads'), operator)
      .withCsrfToken()
      .fields({ _form: 'download', name: '签章控件', category: 'control', status: 'published' })
      .redirects(0)
    assert.equal(flashed(missing).inputErrorsBag.file[0], '请选择要上传的文件')

    const wrong = await asStaff(client.post('/admin/content/downloads'), operator)
      .withCsrfToken()
      .fields({ _form: 'download', name: '签章控件', category: 'control', status: 'published' })
      .file('file', samplePng(), { filename: '控件.zip' })
      .redirects(0)
    const flash = flashed(wrong)
    assert.equal(
      flash.inputErrorsBag.file[0],
      '文件格式不正确，仅支持 ZIP、EXE、PDF、DOC、DOCX、XLS、XLSX 格式'
    )
    assert.equal(flash.name, '签章控件')
    assert.isNull(await db.from('downloads').where('name', '签章控件').first())
  })

  test('replacing the file keeps the counter and removes the old file; deleting removes the file', async ({
    client,
    assert,
  }) => {
    const operator = await createStaff(['operator'])
    const download = await makeDownload({ name: '用户手册', category: 'manual', downloadCount: 7 })
    const oldKey = download.fileKey
    await asStaff(client.put(`/admin/content/downloads/${download.id}`), operator)
      .withCsrfToken()
      .fields({
        _form: 'download',
        name: '用户手册',
        category: 'manual',
        version: 'V2.0',
        status: 'published',
      })
      .file('file', samplePdf(), { filename: '用户手册.pdf' })
    const row = await db.from('downloads').where('id', download.id).first()
    assert.equal(row.file_type, 'pdf')
    assert.equal(row.version, 'V2.0')
    assert.equal(Number(row.download_count), 7)
    assert.isFalse(await storage.exists(oldKey))

    const staffCopy = await asStaff(
      client.get(`/admin/content/downloads/${download.id}/file`),
      operator
    )
    staffCopy.assertStatus(200)
    assert.equal(
      Number((await db.from('downloads').where('id', download.id).first()).download_count),
      7
    )

    await asStaff(
      client.delete(`/admin/content/downloads/${download.id}`),
      operator
    ).withCsrfToken()
    assert.isNull(await db.from('downloads').where('id', download.id).first())
    assert.isFalse(await storage.exists(row.file_key))
    assert.lengthOf(await auditEntries('catalog.download.delete', download.id), 1)
  })
})
