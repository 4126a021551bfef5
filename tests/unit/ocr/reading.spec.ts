import { test } from '@japa/runner'
import sharp from 'sharp'
import { RuleError } from '#core/rule_error'
import { fixture } from '#ocr/bench/documents'
import { closeOcr, ocrPool, openOcr } from '#ocr/services/engine'
import { normalise, TARGET_WIDTH } from '#ocr/services/normalise'
import { readDocument } from '#ocr/queries/read_document'

/**
 * Reading real images with tesseract: licences and ID cards rendered here
 * with fictional data (app/ocr/bench/documents.ts), clean and degraded as
 * an applicant's photo would be. What the applicant notices: the fields
 * arrive as printed, also from a photo turned 2°, a small JPEG or one
 * taken at an angle. Tesseract is slow on two shared cores: the file
 * shares one worker and reads four images (the accuracy over all the
 * fixtures is `npm run bench:ocr`'s).
 */
test.group('OCR · reading photos', (group) => {
  group.setup(async () => {
    /* replaced after 3 jobs: the fourth reading runs on a fresh worker */
    openOcr({ size: 1, recycleAfter: 3 })
    await ocrPool().warm()
    return () => closeOcr()
  })

  test('a scanned licence: every field as printed, the credit code confirmed by its check character', async ({
    assert,
  }) => {
    const { image, truth } = await fixture('licence', 11, 'clean')
    const reading = await readDocument(image, 'licence')
    assert.deepEqual(reading.fields, truth)
    assert.isAtLeast(reading.confidence.credit_code, 0.98)
  }).timeout(60_000)

  test('an ID card photographed 2° askew: the rotation is undone and the front is read', async ({
    assert,
  }) => {
    const { image, truth } = await fixture('idcard_front', 1, 'rotated')
    const reading = await readDocument(image, 'idcard')
    assert.equal(reading.side, 'front')
    assert.closeTo(reading.angle, 2, 0.4)
    assert.deepEqual(reading.fields, truth)
  }).timeout(60_000)

  test('the back of an ID card as a small low-quality JPEG', async ({ assert }) => {
    const { image, truth } = await fixture('idcard_back', 2, 'jpeg')
    const reading = await readDocument(image, 'idcard')
    assert.equal(reading.side, 'back')
    assert.deepEqual(reading.fields, truth)
  }).timeout(60_000)

  test('a licence photographed at an angle on a desk, read by a fresh worker after 3 jobs', async ({
    assert,
  }) => {
    const { image, truth } = await fixture('licence', 12, 'perspective')
    const reading = await readDocument(image, 'licence')
    assert.equal(reading.fields.credit_code, truth.credit_code)
    assert.equal(reading.fields.name, truth.name)
    const exact = Object.keys(truth).filter((k) => reading.fields[k] === truth[k])
    assert.isAtLeast(exact.length, 7)
    assert.deepInclude(ocrPool().stats, { started: 2, retired: 1, jobs: 4 })
  }).timeout(180_000)

  test('an image that is not one is refused in Chinese at the file field', async ({ assert }) => {
    const error = await readDocument(Buffer.from('not an image'), 'idcard').catch((e) => e)
    assert.instanceOf(error, RuleError)
    assert.equal(error.code, 'image_unreadable')
    assert.match(error.message, /无法读取该图片/)
  })
})

test.group('OCR · before tesseract', () => {
  test('without an open pool (ace commands, tests that do not read), reading is refused, not started', async ({
    assert,
  }) => {
    await closeOcr()
    const { image } = await fixture('idcard_back', 3, 'clean')
    const error = await readDocument(image, 'idcard').catch((e) => e)
    assert.instanceOf(error, RuleError)
    assert.equal(error.code, 'ocr_unavailable')
  })

  test('the document region is found on a desk and a 2° rotation measured', async ({ assert }) => {
    const rotated = await fixture('licence', 13, 'rotated')
    const n = await normalise(rotated.image, 'licence')
    assert.closeTo(n.angle, 2, 0.3)
    assert.isBelow(n.region.width, (await sharp(rotated.image).metadata()).width!)
    const clean = await normalise((await fixture('licence', 13, 'clean')).image, 'licence')
    assert.equal(clean.angle, 0)
    assert.equal(clean.width, TARGET_WIDTH.licence)
  })

  test('the camera orientation (EXIF) is applied before anything else', async ({ assert }) => {
    const { image } = await fixture('idcard_back', 3, 'clean')
    /* stored sideways with orientation 6 (rotate 90° to view) */
    const sideways = await sharp(image)
      .rotate(-90)
      .withMetadata({ orientation: 6 })
      .jpeg()
      .toBuffer()
    const n = await normalise(sideways, 'idcard')
    assert.isAbove(n.width, n.height)
  })
})
