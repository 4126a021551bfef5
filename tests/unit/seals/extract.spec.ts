import { test } from '@japa/runner'
import sharp from 'sharp'
import { crc32, deflateSync } from 'node:zlib'
import { extractSealFromPhoto, makeTemplateSeal } from '#seals/actions/seal_images'
import { alignedIoU, alphaOf, stampedFormPhoto } from '#tests/unit/seals/support'

/**
 * 识别印章: a seal taken from a photo of a stamped application form. The
 * photos are made here: a rendered seal pressed in ink onto a printed form
 * on paper with grain, lit unevenly, turned a few degrees, blurred and
 * saved as JPEG. What the applicant would notice: the seal comes back
 * whole (its red overlaps the original's by ≥ 90 % once aligned), clean
 * on transparency; a poor photo is sent to manual review with a reason; a
 * photo without a seal is refused in Chinese.
 */

const NAME = '示例市某某科技有限公司'
/** a phone photo of an A4 form: 2400 × 1800, the 40 mm seal about 560 px across */
const PHOTO = { width: 2400, height: 1800, blur: 1, angle: 3, quality: 80, shade: 0.3 }

test.group('Seals · extraction from a photo', () => {
  test('a round seal comes back whole from a photo of the stamped form', async ({ assert }) => {
    const seal = await makeTemplateSeal({ kind: 'contract', text: NAME, code: '4401050012345' })
    const photo = await stampedFormPhoto(seal.png, {
      ...PHOTO,
      sealPx: 560,
      at: { x: 1770, y: 1305 },
    })
    const result = await extractSealFromPhoto(photo)

    const overlap = await alignedIoU(seal.png, result.png)
    assert.isAtLeast(overlap.iou, 0.9, `IoU ${overlap.iou.toFixed(3)}`)
    assert.approximately(overlap.angle, 3, 0.5, 'the seal is as turned as the photo')
    assert.equal(result.verdict, 'ok')
    assert.deepEqual(result.reasons, [])
    assert.equal(result.shape, 'round')
    // where it was pressed: a 560 px seal turned by 3° centred on (1770, 1305)
    assert.approximately(result.box.x + result.box.width / 2, 1770, 8)
    assert.approximately(result.box.y + result.box.height / 2, 1305, 8)
    // 40 mm at 300 dpi, red on transparency
    const meta = await sharp(result.png).metadata()
    assert.equal(meta.density, 300)
    assert.equal(Math.max(result.width, result.height), 472)
    const p = await alphaOf(result.png)
    for (const [x, y] of [
      [0, 0],
      [p.width - 1, 0],
      [0, p.height - 1],
      [p.width - 1, p.height - 1],
    ])
      assert.equal(p.alpha[y * p.width + x], 0, 'the paper is gone')
    const opaque = p.alpha.findIndex((v) => v === 255)
    assert.deepEqual(
      [p.rgba[opaque * 4], p.rgba[opaque * 4 + 1], p.rgba[opaque * 4 + 2]],
      [230, 0, 0]
    )
  })

  test('an oval invoice seal comes back whole', async ({ assert }) => {
    const oval = await makeTemplateSeal({
      kind: 'invoice',
      text: NAME,
      taxNumber: '91110108551385082Q',
    })
    const fromOval = await extractSealFromPhoto(
      await stampedFormPhoto(oval.png, { ...PHOTO, sealPx: 560 })
    )
    assert.isAtLeast((await alignedIoU(oval.png, fromOval.png)).iou, 0.9)
    assert.equal(fromOval.shape, 'oval')
    assert.equal(fromOval.verdict, 'ok')
  })

  test('a square name seal comes back whole, 20 mm at 300 dpi', async ({ assert }) => {
    const square = await makeTemplateSeal({ kind: 'legal_rep', text: '张三丰印' })
    const fromSquare = await extractSealFromPhoto(
      await stampedFormPhoto(square.png, { ...PHOTO, sealPx: 280, angle: -2 }),
      { sizeMm: 20 }
    )
    assert.isAtLeast((await alignedIoU(square.png, fromSquare.png)).iou, 0.9)
    assert.equal(fromSquare.shape, 'square')
    assert.equal(Math.max(fromSquare.width, fromSquare.height), 236, '20 mm at 300 dpi')
  })

  test('uneven light, stronger blur and JPEG loss still give the seal', async ({ assert }) => {
    const seal = await makeTemplateSeal({ kind: 'finance', text: NAME })
    const photo = await stampedFormPhoto(seal.png, {
      ...PHOTO,
      sealPx: 560,
      blur: 1.5,
      angle: -4,
      quality: 70,
      shade: 0.4,
      seed: 11,
    })
    const result = await extractSealFromPhoto(photo)
    assert.isAtLeast((await alignedIoU(seal.png, result.png)).iou, 0.9)
    assert.equal(result.verdict, 'ok')
  })

  test('a form without a seal is refused in Chinese', async ({ assert }) => {
    const photo = await stampedFormPhoto(null, PHOTO)
    try {
      await extractSealFromPhoto(photo)
      assert.fail('a photo without a seal was accepted')
    } catch (error: any) {
      assert.equal(error.code, 'no_seal')
      assert.equal(error.field, 'photo')
      assert.include(error.message, '未找到红色印章')
    }
  })

  test('something that is not an image, or an image too large, is refused in Chinese', async ({
    assert,
  }) => {
    await assert.rejects(
      () => extractSealFromPhoto(Buffer.from('%PDF-1.4 not a photo')),
      /无法读取该图片/
    )
    // a PNG header that announces 9000 × 7000 pixels (read before any pixel)
    const chunk = (type: string, body: Buffer) => {
      const head = Buffer.alloc(4)
      head.writeUInt32BE(body.length)
      const crc = Buffer.alloc(4)
      crc.writeUInt32BE(crc32(Buffer.concat([Buffer.from(type), body])))
      return Buffer.concat([head, Buffer.from(type), body, crc])
    }
    const header = Buffer.alloc(13)
    header.writeUInt32BE(9000, 0)
    header.writeUInt32BE(7000, 4)
    header.set([8, 2, 0, 0, 0], 8)
    const huge = Buffer.concat([
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
      chunk('IHDR', header),
      chunk('IDAT', deflateSync(Buffer.alloc(64))),
      chunk('IEND', Buffer.alloc(0)),
    ])
    await assert.rejects(() => extractSealFromPhoto(huge), /图片尺寸过大/)
  })

  /** a review verdict with a Chinese reason containing `word`, and a low confidence unless `rival` */
  async function reviewed(assert: any, photo: Buffer, word: string, rival = false) {
    const result = await extractSealFromPhoto(photo)
    assert.equal(result.verdict, 'review')
    assert.include(result.reasons.join(), word)
    result.reasons.forEach((reason: string) => assert.match(reason, /^[\u4e00-\u9fff]/))
    if (!rival) assert.isBelow(result.confidence, 0.6)
  }

  test('a blurred photo goes to manual review', async ({ assert }) => {
    const seal = await makeTemplateSeal({ kind: 'contract', text: NAME })
    await reviewed(
      assert,
      await stampedFormPhoto(seal.png, { ...PHOTO, sealPx: 560, blur: 6 }),
      '模糊'
    )
  })

  test('a seal too small in the photo goes to manual review', async ({ assert }) => {
    const seal = await makeTemplateSeal({ kind: 'contract', text: NAME })
    const photo = await stampedFormPhoto(seal.png, {
      ...PHOTO,
      width: 1600,
      height: 1200,
      sealPx: 100,
    })
    await reviewed(assert, photo, '太小')
  })

  test('a seal cut off by the edge of the photo goes to manual review', async ({ assert }) => {
    const seal = await makeTemplateSeal({ kind: 'contract', text: NAME })
    const photo = await stampedFormPhoto(seal.png, {
      ...PHOTO,
      sealPx: 560,
      at: { x: 2300, y: 1000 },
    })
    await reviewed(assert, photo, '不完整')
  })

  test('two seals in one photo go to manual review', async ({ assert }) => {
    const seal = await makeTemplateSeal({ kind: 'contract', text: NAME })
    const photo = await stampedFormPhoto(seal.png, {
      ...PHOTO,
      sealPx: 500,
      at: { x: 1800, y: 1300 },
      twice: { x: 600, y: 1300 },
    })
    await reviewed(assert, photo, '多个印章', true)
  })

  test('the same photo gives the same seal, byte for byte', async ({ assert }) => {
    const seal = await makeTemplateSeal({ kind: 'contract', text: NAME })
    const photo = await stampedFormPhoto(seal.png, {
      ...PHOTO,
      width: 1600,
      height: 1200,
      sealPx: 420,
    })
    const first = await extractSealFromPhoto(photo)
    const second = await extractSealFromPhoto(photo)
    assert.isTrue(first.png.equals(second.png))
  })
})
