import { test } from '@japa/runner'
import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import { createUser } from '#tests/helpers/factories'
import { asApplicant } from '#tests/helpers/auth'
import {
  makeDownload,
  makeGuide,
  makeMaterial,
  makeNotice,
  makeProduct,
  sampleDocx,
  samplePdf,
} from './catalog_helpers.js'
import storage from '#core/storage'
import type ProductMaterial from '#catalog/models/product_material'

/**
 * Binary bodies: collect the raw bytes of a download.
 */
function bytesOf(response: any): Buffer {
  const body = response.response.body
  if (Buffer.isBuffer(body)) return body
  return Buffer.from(response.text() ?? '', 'binary')
}

test.group('通知公告 (public)', () => {
  test('the list shows published notices only, pinned first; drafts and scheduled ones are hidden', async ({
    client,
    assert,
  }) => {
    await makeNotice({ title: '普通公告甲', publishedAt: DateTime.utc().minus({ days: 1 }) })
    await makeNotice({
      title: '置顶公告乙',
      pinned: true,
      publishedAt: DateTime.utc().minus({ days: 3 }),
    })
    await makeNotice({ title: '草稿公告丙', status: 'draft', publishedAt: null })
    await makeNotice({ title: '定时公告丁', publishedAt: DateTime.utc().plus({ days: 2 }) })

    const response = await client.get('/notices')
    response.assertStatus(200)
    const html = response.text()
    assert.include(html, '普通公告甲')
    assert.include(html, '置顶公告乙')
    assert.notInclude(html, '草稿公告丙')
    assert.notInclude(html, '定时公告丁')
    assert.isBelow(html.indexOf('置顶公告乙'), html.indexOf('普通公告甲'))
  })

  test('a published notice opens; a draft, a scheduled one, an unknown or malformed id give the 404 page', async ({
    client,
    assert,
  }) => {
    const published = await makeNotice({
      title: '关于系统升级的公告',
      body: '第一段\n\n第二段内容',
    })
    const draft = await makeNotice({ title: '草稿', status: 'draft', publishedAt: null })
    const scheduled = await makeNotice({
      title: '明天的公告',
      publishedAt: DateTime.utc().plus({ days: 1 }),
    })

    const ok = await client.get(`/notices/${published.id}`)
    ok.assertStatus(200)
    assert.include(ok.text(), '关于系统升级的公告')
    assert.include(ok.text(), '第二段内容')

    for (const url of [
      `/notices/${draft.id}`,
      `/notices/${scheduled.id}`,
      '/notices/00000000-0000-4000-8000-000000000000',
      '/notices/123',
    ]) {
      const missing = await client.get(url)
      missing.assertStatus(404)
      assert.include(missing.text(), '页面不存在')
    }
  })

  test('notices can be searched by keyword in the title or the text', async ({
    client,
    assert,
  }) => {
    await makeNotice({ title: '关于证书更新的提醒', body: '请在到期前办理' })
    await makeNotice({ title: '春节服务安排', body: '节假日客服电话照常接听' })

    const byTitle = await client.get('/notices').qs({ keyword: '更新' })
    assert.include(byTitle.text(), '关于证书更新的提醒')
    assert.notInclude(byTitle.text(), '春节服务安排')

    const byBody = await client.get('/notices').qs({ keyword: '客服电话' })
    assert.include(byBody.text(), '春节服务安排')
    assert.notInclude(byBody.text(), '关于证书更新的提醒')

    const none = await client.get('/notices').qs({ keyword: '%' })
    assert.include(none.text(), '没有找到包含“%”的通知公告')
  })

  test('the home page lists the latest published notice, for visitors and signed-in applicants', async ({
    client,
    assert,
  }) => {
    const latest = await makeNotice({
      title: '最新的通知公告',
      publishedAt: DateTime.utc().minus({ minutes: 5 }),
    })
    await makeNotice({ title: '尚未发布的公告', status: 'draft', publishedAt: null })

    const visitor = await client.get('/')
    visitor.assertStatus(200)
    assert.include(visitor.text(), '最新的通知公告')
    assert.include(visitor.text(), `/notices/${latest.id}`)
    assert.notInclude(visitor.text(), '尚未发布的公告')

    const user = await createUser()
    const signedIn = await asApplicant(client.get('/'), user)
    assert.include(signedIn.text(), '最新的通知公告')
  })
})

test.group('操作指南 (public)', () => {
  test('guides are searched by keyword and filtered by category; drafts stay hidden', async ({
    client,
    assert,
  }) => {
    await makeGuide({
      title: '如何支付证书费用',
      category: 'payment',
      body: '支持微信和支付宝扫码',
    })
    await makeGuide({ title: '如何修改 PIN 码', category: 'usage', body: '在我的证书中修改' })
    await makeGuide({
      title: '未发布的指南',
      category: 'payment',
      status: 'draft',
      publishedAt: null,
    })

    const all = await client.get('/guides')
    all.assertStatus(200)
    assert.include(all.text(), '如何支付证书费用')
    assert.include(all.text(), '如何修改 PIN 码')
    assert.notInclude(all.text(), '未发布的指南')

    const search = await client.get('/guides').qs({ keyword: '支付宝' })
    assert.include(search.text(), '如何支付证书费用')
    assert.notInclude(search.text(), '如何修改 PIN 码')

    const caseInsensitive = await client.get('/guides').qs({ keyword: 'pin' })
    assert.include(caseInsensitive.text(), '如何修改 PIN 码')

    const category = await client.get('/guides').qs({ category: 'usage' })
    assert.include(category.text(), '如何修改 PIN 码')
    assert.notInclude(category.text(), '如何支付证书费用')

    const nothing = await client.get('/guides').qs({ keyword: '不存在的词' })
    assert.include(nothing.text(), '没有找到与“不存在的词”相关的操作指南')
  })

  test('a guide opens with related guides; a draft gives 404', async ({ client, assert }) => {
    const guide = await makeGuide({
      title: '新办个人证书',
      category: 'apply',
      body: '第一步：选择交易平台',
    })
    await makeGuide({ title: '新办企业证书', category: 'apply' })
    const draft = await makeGuide({ title: '草稿指南', status: 'draft' })

    const response = await client.get(`/guides/${guide.id}`)
    response.assertStatus(200)
    assert.include(response.text(), '第一步：选择交易平台')
    assert.include(response.text(), '新办企业证书')

    const hidden = await client.get(`/guides/${draft.id}`)
    hidden.assertStatus(404)
  })
})

test.group('下载专区 (public)', () => {
  test('the page lists published files by category, drafts hidden', async ({ client, assert }) => {
    await makeDownload({ name: 'uKey 驱动程序', category: 'driver', version: 'V3.2.1' })
    await makeDownload(
      { name: '操作手册', category: 'manual', fileType: 'pdf', fileName: '操作手册.pdf' },
      samplePdf()
    )
    await makeDownload({ name: '内部草稿文件', status: 'draft' })

    const response = await client.get('/downloads')
    response.assertStatus(200)
    const html = response.text()
    assert.include(html, 'uKey 驱动程序')
    assert.include(html, 'V3.2.1')
    assert.include(html, '操作手册')
    assert.include(html, '驱动')
    assert.include(html, '手册')
    assert.notInclude(html, '内部草稿文件')
    assert.include(html, 'class="active">下载专区')
    assert.include(html, 'href="/pki/ca/root.crt"')
    assert.include(html, 'href="/pki/crl/issuing.crl"')
  })

  test('a download streams the file with its type and Chinese name, and is counted', async ({
    client,
    assert,
  }) => {
    const pdf = samplePdf()
    const download = await makeDownload(
      {
        name: '用户操作手册',
        category: 'manual',
        fileType: 'pdf',
        fileName: '用户操作手册.pdf',
        fileSize: pdf.length,
      },
      pdf
    )

    const response = await client.get(`/downloads/${download.id}/file`)
    response.assertStatus(200)
    response.assertHeader('content-type', 'application/pdf')
    response.assertHeader('content-length', String(pdf.length))
    const disposition = response.header('content-disposition')
    assert.include(disposition, 'attachment;')
    assert.include(disposition, `filename*=UTF-8''${encodeURIComponent('用户操作手册.pdf')}`)
    assert.include(disposition, 'filename="download.pdf"')
    assert.equal(bytesOf(response).subarray(0, 5).toString('latin1'), '%PDF-')

    await client.get(`/downloads/${download.id}/file`)
    const row = await db.from('downloads').where('id', download.id).first()
    assert.equal(Number(row.download_count), 2)
  })

  test('a draft file, an unknown id or a file gone from the disk gives 404 and counts nothing', async ({
    client,
    assert,
  }) => {
    const draft = await makeDownload({ status: 'draft' })
    const gone = await makeDownload()
    await storage.delete(gone.fileKey)

    ;(await client.get(`/downloads/${draft.id}/file`)).assertStatus(404)
    ;(await client.get('/downloads/00000000-0000-4000-8000-000000000000/file')).assertStatus(404)
    ;(await client.get(`/downloads/${gone.id}/file`)).assertStatus(404)
    const row = await db.from('downloads').where('id', draft.id).first()
    assert.equal(Number(row.download_count), 0)
  })
})

test.group('模板下载 (public)', () => {
  test("a material's template is served as a Word file with its name; a material without one gives 404", async ({
    client,
    assert,
  }) => {
    const product = await makeProduct()
    const docx = sampleDocx()
    const key = storage.makeKey('catalog/templates', 'docx')
    await storage.put(key, docx)
    const material = await makeMaterial(product.id, {
      name: '申请表',
      templateKey: key,
      templateName: '个人数字证书申请表.docx',
      templateType: 'docx',
      templateSize: docx.length,
    } as Partial<ProductMaterial>)
    const without = await makeMaterial(product.id)

    const response = await client.get(`/catalog/materials/${material.id}/template`)
    response.assertStatus(200)
    response.assertHeader(
      'content-type',
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document'
    )
    assert.include(
      response.header('content-disposition'),
      `filename*=UTF-8''${encodeURIComponent('个人数字证书申请表.docx')}`
    )

    ;(await client.get(`/catalog/materials/${without.id}/template`)).assertStatus(404)
  })
})
