import { test } from '@japa/runner'
import encryption from '@adonisjs/core/services/encryption'
import OrgCase from '#orgs/models/org_case'
import OrgClaim from '#orgs/models/org_claim'
import storage from '#core/storage'
import { asApplicant } from '#tests/helpers/auth'
import { makeFakeFile, makeImage, makePdf } from '#tests/helpers/files'
import { fieldErrors, flash } from '#tests/functional/accounts/helpers'
import { claimForm, claimedOrg, verifiedUser } from '#tests/functional/orgs/helpers'
import { fixture } from '#ocr/bench/documents'
import { oneOcrWorker } from '#tests/helpers/ocr'
import {
  KEEP_FOR_MS,
  KEPT_PHOTO_PURPOSE,
  keepPhoto,
  sweepKeptPhotos,
  takeKeptPhoto,
} from '#ocr/actions/kept_photos'
import { readFile } from 'node:fs/promises'

/**
 * 识别营业执照并填入 in the org forms (#ocr), without JavaScript: the
 * claim form and 机构变更 come back with their empty inputs filled from the
 * licence, typed values that differ marked, the photo kept behind a hidden
 * token so that the submission does not ask for it again. Tesseract is
 * slow: one worker for the file, two readings; the token's refusals need
 * no reading.
 */
test.group('Orgs · reading the business licence', (group) => {
  group.setup(() => oneOcrWorker())

  test('认领机构: the licence fills the form, a typed name that differs is marked, the photo is kept for the submission', async ({
    client,
    assert,
  }) => {
    const user = await verifiedUser('钱七')
    const licence = await fixture('licence', 41, 'clean')
    const form = claimForm({ org_name: '辽宁另一家有限公司', uscc: '', legal_rep_name: '' })
    const read = await asApplicant(client.post('/orgs/claim'), user)
      .withCsrfToken()
      .fields({ ...form, method: 'review', intent: 'ocr' })
      .file('licence', makeFakeFile('licence.png', licence.image))
      .redirects(0)
    read.assertStatus(302)
    read.assertHeader('location', '/orgs/claim?method=review')
    assert.equal(flash(read, 'uscc'), licence.truth.credit_code)
    assert.equal(flash(read, 'legal_rep_name'), licence.truth.legal_representative)
    assert.equal(flash(read, 'org_name'), '辽宁另一家有限公司', 'what was typed is never replaced')
    assert.include((flash(read, 'ocr_marks') as any).org_name, licence.truth.name)
    assert.equal(flash(read, 'legal_rep_phone'), form.legal_rep_phone)
    const token = flash(read, 'licence_token') as string
    assert.isString(token)
    assert.lengthOf(await OrgClaim.query().where('user_id', user.id), 0, 'nothing submitted')

    /* the form comes back: the values read, what was read beside them, the photo kept */
    const page = await asApplicant(client.get('/orgs/claim?method=review'), user).withFlashMessages(
      read.flashMessages()
    )
    const html = page.text()
    assert.include(html, `name="uscc" value="${licence.truth.credit_code}"`)
    assert.include(html, '识别结果（请与证件核对）')
    assert.include(html, '与填写的不一致')
    assert.include(html, 'name="licence_token"')
    assert.include(html, '已保留识别时选择的营业执照照片')

    /* submitted with the kept photo: no licence chosen again */
    const submitted = await asApplicant(client.post('/orgs/claim'), user)
      .withCsrfToken()
      .fields({
        ...form,
        method: 'review',
        org_name: licence.truth.name,
        uscc: licence.truth.credit_code,
        legal_rep_name: licence.truth.legal_representative,
        licence_token: token,
      })
      .file('letter', makePdf())
      .redirects(0)
    const claim = await OrgClaim.query().where('uscc', licence.truth.credit_code).firstOrFail()
    submitted.assertHeader('location', `/orgs/claims/${claim.id}`)
    assert.equal(claim.status, 'pending')
    assert.equal(claim.licenceType, 'png')
    const stored = await storage.get(claim.licenceKey)
    assert.isAbove(stored.length, 1000)
  }).timeout(90_000)

  test('机构变更: the licence fills the new legal representative, a licence of another org is flagged', async ({
    client,
    assert,
  }) => {
    const admin = await verifiedUser()
    const { org } = await claimedOrg(admin)
    const licence = await fixture('licence', 42, 'clean')
    const read = await asApplicant(client.post(`/orgs/${org.id}/change`), admin)
      .withCsrfToken()
      .fields({ kind: 'change_legal_rep', legal_rep_name: '', intent: 'ocr' })
      .file('licence', makeFakeFile('licence.png', licence.image))
      .redirects(0)
    read.assertHeader('location', `/orgs/${org.id}/change?kind=change_legal_rep`)
    assert.equal(flash(read, 'legal_rep_name'), licence.truth.legal_representative)
    assert.include((flash(read, 'ocr_marks') as any).licence, '与本机构')
    const page = await asApplicant(
      client.get(`/orgs/${org.id}/change?kind=change_legal_rep`),
      admin
    ).withFlashMessages(read.flashMessages())
    assert.include(
      page.text(),
      `name="legal_rep_name" value="${licence.truth.legal_representative}"`
    )
    assert.include(page.text(), '请确认是否选错了证件')
    assert.lengthOf(await OrgCase.query().where('org_id', org.id), 0)
  }).timeout(90_000)
})

test.group('Orgs · the kept licence photo', () => {
  test('another person’s, an expired or an altered token is refused at the licence, what was typed kept', async ({
    client,
    assert,
  }) => {
    const owner = await verifiedUser()
    const other = await verifiedUser()
    const png = await readFile(await makeImage('png'))
    const token = await keepPhoto(owner.id, { buffer: png, type: 'png' })
    const expired = encryption.encrypt(
      {
        ...(encryption.decrypt<any>(token, KEPT_PHOTO_PURPOSE) as object),
        expires: Date.now() - 1,
      },
      undefined,
      KEPT_PHOTO_PURPOSE
    )
    const cases: Array<[typeof owner, string]> = [
      [other, token],
      [owner, expired],
      [owner, `${token.slice(0, -4)}AAAA`],
    ]
    for (const [user, value] of cases) {
      const form = claimForm()
      const response = await asApplicant(client.post('/orgs/claim'), user)
        .withCsrfToken()
        .fields({ ...form, method: 'review', licence_token: value })
        .file('letter', makePdf())
        .redirects(0)
      assert.deepEqual(fieldErrors(response).licence, ['识别时选择的照片已失效，请重新选择照片'])
      assert.equal(flash(response, 'org_name'), form.org_name)
      assert.lengthOf(await OrgClaim.query().where('uscc', form.uscc), 0)
    }
    /* 识别 with an unusable token and no photo: the same refusal, no reading attempted */
    const read = await asApplicant(client.post('/orgs/claim'), other)
      .withCsrfToken()
      .fields({ ...claimForm(), method: 'review', intent: 'ocr', licence_token: token })
      .redirects(0)
    assert.deepEqual(fieldErrors(read).licence, ['识别时选择的照片已失效，请重新选择照片'])
  })

  test('the hourly clean-up removes kept photos once their tokens have expired, not before', async ({
    assert,
  }) => {
    const owner = await verifiedUser()
    const png = await readFile(await makeImage('png'))
    const token = await keepPhoto(owner.id, { buffer: png, type: 'png' })
    await sweepKeptPhotos()
    assert.equal((await takeKeptPhoto(token, owner.id, 'licence')).type, 'png')
    assert.isAbove(await sweepKeptPhotos(Date.now() + KEEP_FOR_MS + 60 * 60 * 1000), 0)
    await assert.rejects(() => takeKeptPhoto(token, owner.id, 'licence'), /已失效/)
  })
})
