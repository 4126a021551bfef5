import { test } from '@japa/runner'
import RealNameRequest from '#accounts/realname/real_name_request'
import { createStaff, createUser } from '#tests/helpers/factories'
import { asApplicant, asStaff } from '#tests/helpers/auth'
import { makeFakeFile } from '#tests/helpers/files'
import { fixture } from '#ocr/bench/documents'
import { oneOcrWorker } from '#tests/helpers/ocr'

/**
 * Reading the ID card (#ocr) in the real-name pages: the applicant's 人工
 * 审核 form fills its name and number from a photo of the card's front,
 * for them to check, without submitting; staff read a case's photos and
 * see the fields beside them. Tesseract is slow: one worker for the whole
 * file, three readings.
 */
test.group('Real-name · reading the ID card', (group) => {
  group.setup(() => oneOcrWorker())

  test('识别身份证人像面 fills the manual form with the name and number read, and submits nothing', async ({
    client,
    assert,
  }) => {
    const user = await createUser()
    const front = await fixture('idcard_front', 21, 'jpeg')
    const response = await asApplicant(client.post('/account/real-name/manual?tab=manual'), user)
      .withCsrfToken()
      .fields({ id_type: 'passport', real_name: '', id_number: '', intent: 'ocr' })
      .file('front', makeFakeFile('front.jpg', front.image))
      .redirects(0)
    response.assertStatus(302)
    response.assertHeader('location', '/account/real-name?tab=manual')
    response.assertFlashMessage('real_name', front.truth.name)
    response.assertFlashMessage('id_number', front.truth.id_number)
    response.assertFlashMessage('id_type', 'resident_id')
    assert.lengthOf(await RealNameRequest.query().where('user_id', user.id), 0)
    await user.refresh()
    assert.equal(user.realNameStatus, 'none')

    /* the form comes back (no JavaScript involved) with what was read, to check and correct */
    const page = await asApplicant(
      client.get('/account/real-name?tab=manual'),
      user
    ).withFlashMessages(response.flashMessages())
    const html = page.text()
    assert.include(html, `name="real_name" value="${front.truth.name}"`)
    assert.include(html, `name="id_number" value="${front.truth.id_number}"`)
    assert.match(html, /<option value="resident_id" selected>/)
    assert.include(html, '识别结果（请与证件核对）')
    assert.include(html, front.truth.address)
  }).timeout(90_000)

  test('the back of the card given for the front is refused at the photo, the typed fields kept', async ({
    client,
    assert,
  }) => {
    const user = await createUser()
    const back = await fixture('idcard_back', 22, 'clean')
    const response = await asApplicant(client.post('/account/real-name/manual?tab=manual'), user)
      .withCsrfToken()
      .fields({ id_type: 'resident_id', real_name: '王五', id_number: '', intent: 'ocr' })
      .file('front', makeFakeFile('front.png', back.image))
      .redirects(0)
    response.assertFlashMessage('inputErrorsBag', {
      front: ['这是身份证国徽面，请选择人像面（有照片的一面）照片'],
    })
    response.assertFlashMessage('real_name', '王五')
    assert.lengthOf(await RealNameRequest.query().where('user_id', user.id), 0)
  }).timeout(90_000)

  test('a reviewer reads a case’s ID photo and sees the fields beside it, differences marked', async ({
    client,
    assert,
  }) => {
    const user = await createUser()
    const card = await fixture('idcard_front', 23, 'clean')
    const back = await fixture('idcard_back', 23, 'clean')
    /* the applicant typed another name than the card's */
    await asApplicant(client.post('/account/real-name/manual?tab=manual'), user)
      .withCsrfToken()
      .fields({ id_type: 'resident_id', real_name: '赵某某', id_number: card.truth.id_number })
      .file('front', makeFakeFile('front.png', card.image))
      .file('back', makeFakeFile('back.png', back.image))
    const request = await RealNameRequest.query().where('user_id', user.id).firstOrFail()

    const reviewer = await createStaff(['reviewer'])
    const show = await asStaff(client.get(`/admin/reviews/real-name/${request.id}`), reviewer)
    assert.include(show.text(), '识别正面')
    const read = await asStaff(
      client.post(`/admin/reviews/real-name/${request.id}/ocr/front`),
      reviewer
    )
      .withCsrfToken()
      .redirects(0)
    read.assertStatus(302)
    read.assertHeader('location', `/admin/reviews/real-name/${request.id}`)
    const flashed = read.flashMessages().ocr_front as any
    const rows = Object.fromEntries(flashed.rows.map((r: any) => [r.field, r]))
    assert.equal(rows.name.value, card.truth.name)
    assert.isTrue(rows.name.differs)
    assert.equal(rows.id_number.value, card.truth.id_number)
    assert.isFalse(rows.id_number.differs)
    const page = await asStaff(
      client.get(`/admin/reviews/real-name/${request.id}`),
      reviewer
    ).withFlashMessages(read.flashMessages())
    assert.include(page.text(), card.truth.address)
    assert.include(page.text(), '与提交信息不一致')
    await request.refresh()
    assert.equal(request.status, 'pending')
  }).timeout(90_000)
})

test.group('Real-name · reading the ID card · who may', () => {
  test('other staff, applicants and unknown cases never reach the reading', async ({ client }) => {
    const finance = await createStaff(['finance'])
    const reviewer = await createStaff(['reviewer'])
    const user = await createUser()
    const refused = await asStaff(
      client.post('/admin/reviews/real-name/1234567890123456789/ocr/front'),
      finance
    )
      .withCsrfToken()
      .redirects(0)
    refused.assertStatus(403)
    const missing = await asStaff(
      client.post('/admin/reviews/real-name/1234567890123456789/ocr/front'),
      reviewer
    )
      .withCsrfToken()
      .redirects(0)
    missing.assertStatus(404)
    const applicant = await asApplicant(
      client.post('/admin/reviews/real-name/1234567890123456789/ocr/front'),
      user
    )
      .withCsrfToken()
      .redirects(0)
    applicant.assertStatus(302)
    applicant.assertHeader('location', '/admin/login')
  })
})
