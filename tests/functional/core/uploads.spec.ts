import { test } from '@japa/runner'
import { stat } from 'node:fs/promises'
import { join } from 'node:path'
import RealNameRequest from '#accounts/realname/real_name_request'
import { storageRoot } from '#config/drive'
import testUtils from '@adonisjs/core/services/test_utils'
import { sendPrivateFile } from '#core/http/private_file'
import { createUser } from '#tests/helpers/factories'
import { asApplicant } from '#tests/helpers/auth'
import { makeBombPng, makeFakeFile, makeImage } from '#tests/helpers/files'
import { readFile } from 'node:fs/promises'

/**
 * Uploads as a reviewer and an attacker meet them (issue 9 #7), through a
 * real form (实名认证 人工审核, two ID photos): a decompression bomb is
 * refused at its field in Chinese with the typed fields kept; a
 * JPEG/HTML polyglot is stored as a plain picture and goes out with its
 * type, a Content-Disposition, nosniff and a sandbox (the core responder
 * every module's file route uses); the stored file is readable by the
 * office's user only (600, folders 700).
 */
async function submit(client: any, user: any, front: string) {
  return asApplicant(client.post('/account/real-name/manual'), user)
    .withCsrfToken()
    .fields({ id_type: 'passport', real_name: 'John Smith', id_number: 'E12345678' })
    .file('front', front)
    .file('back', await makeImage('png', 30 * 1024))
    .redirects(0)
}

test.group('Uploads through a form', () => {
  test('a 20000×20000 PNG bomb is refused at its field, in Chinese, with the form kept', async ({
    client,
    assert,
  }) => {
    const user = await createUser()
    const response = await submit(client, user, makeBombPng(20000, 20000))
    response.assertFlashMessage('inputErrorsBag', {
      front: ['图片尺寸过大（20000×20000 像素），请上传不超过 4000 万像素的图片'],
    })
    response.assertFlashMessage('real_name', 'John Smith')
    assert.lengthOf(await RealNameRequest.query().where('user_id', user.id), 0)
  })

  test('a JPEG/HTML polyglot is stored as a plain picture and served as a file, never as a page', async ({
    client,
    assert,
  }) => {
    const user = await createUser()
    const jpeg = await readFile(await makeImage('jpg', 30 * 1024))
    const page = Buffer.from('<html><script>alert(document.cookie)</script></html>')
    const polyglot = makeFakeFile('front.jpg', Buffer.concat([jpeg, page]))
    const response = await submit(client, user, polyglot)
    response.assertFlashMessage('success', '已提交人工审核，审核结果将通过短信和站内消息通知您')
    const request = await RealNameRequest.query().where('user_id', user.id).firstOrFail()

    const stored = join(storageRoot, request.frontKey!)
    assert.equal((await stat(stored)).mode & 0o777, 0o600)
    assert.equal((await stat(join(stored, '..'))).mode & 0o777, 0o700)
    assert.notInclude((await readFile(stored)).toString('latin1'), '<script>')

    // and served by the core responder as a file (nosniff, Content-Disposition, sandbox)
    const ctx = await testUtils.createHttpContext()
    await sendPrivateFile(ctx, {
      key: request.frontKey!,
      type: 'jpg',
      name: '证件正面.jpg',
      disposition: 'inline',
    })
    const headers = ctx.response.getHeaders()
    assert.equal(headers['content-type'], 'image/jpeg')
    assert.equal(headers['x-content-type-options'], 'nosniff')
    assert.match(
      String(headers['content-disposition']),
      /^inline; filename="download.jpg"; filename\*=UTF-8''%E8%AF%81/
    )
    assert.equal(headers['content-security-policy'], "default-src 'none'; sandbox")
  })
})
