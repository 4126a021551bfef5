import { test } from '@japa/runner'
import sharp from 'sharp'
import { makeSignature } from '#seals/actions/seal_images'
import { alphaOf, padSignature, paperSignaturePhoto } from '#tests/unit/seals/support'

/**
 * 手写签名: what comes out of the signature pad or a photo of a signature
 * on paper is trimmed to the strokes, on transparency, at a fixed height,
 * in the strokes' colour (black when they have none).
 */

/** the box of the pixels at least half opaque */
function inkBox(p: Awaited<ReturnType<typeof alphaOf>>) {
  let x0 = p.width
  let y0 = p.height
  let x1 = -1
  let y1 = -1
  for (let y = 0; y < p.height; y++) {
    for (let x = 0; x < p.width; x++) {
      if (p.alpha[y * p.width + x] < 128) continue
      x0 = Math.min(x0, x)
      y0 = Math.min(y0, y)
      x1 = Math.max(x1, x)
      y1 = Math.max(y1, y)
    }
  }
  return { x0, y0, x1, y1 }
}

test.group('Seals · handwritten signatures', () => {
  test('a pad signature is trimmed to its strokes, 180 px high, its blue kept', async ({
    assert,
  }) => {
    const pad = await padSignature({ color: '#1a3d8f' })
    const drawn = inkBox(await alphaOf(pad))
    const result = await makeSignature(pad)
    assert.equal(result.source, 'pad')
    assert.equal(result.color, '#1a3d8f')
    assert.equal(result.height, 180)
    const meta = await sharp(result.png).metadata()
    assert.equal(meta.density, 300)
    const p = await alphaOf(result.png)
    // trimmed: the strokes reach within the 6 % margin of every side
    const box = inkBox(p)
    assert.isBelow(box.x0, 16)
    assert.isBelow(box.y0, 16)
    assert.isAbove(box.x1, p.width - 17)
    assert.isAbove(box.y1, p.height - 17)
    // the drawing's proportions, scaled
    assert.approximately(
      (box.x1 - box.x0) / (box.y1 - box.y0),
      (drawn.x1 - drawn.x0) / (drawn.y1 - drawn.y0),
      0.05
    )
    // transparent around the strokes, every inked pixel in the pen's colour
    assert.equal(p.alpha[0], 0)
    assert.equal(p.alpha[p.alpha.length - 1], 0)
    const inked = p.alpha.reduce((n, v) => n + (v > 0 ? 1 : 0), 0)
    assert.isBelow(inked, p.alpha.length * 0.3)
    const colours = new Set<string>()
    for (let i = 0; i < p.alpha.length; i++) {
      if (p.alpha[i]) colours.add(`${p.rgba[i * 4]},${p.rgba[i * 4 + 1]},${p.rgba[i * 4 + 2]}`)
    }
    assert.deepEqual([...colours], ['26,61,143'])
  })

  test('a pad that draws on white is read as paper; black strokes stay black', async ({
    assert,
  }) => {
    const result = await makeSignature(
      await padSignature({ color: '#111111', background: '#ffffff' })
    )
    assert.equal(result.source, 'paper')
    assert.equal(result.color, '#000000')
    assert.equal(result.height, 180)
    const p = await alphaOf(result.png)
    assert.equal(p.alpha[0], 0, 'the white is gone')
  })

  test('a photo of a signature on paper: shadows are not ink, the strokes come out black', async ({
    assert,
  }) => {
    const result = await makeSignature(await paperSignaturePhoto())
    assert.equal(result.source, 'paper')
    assert.equal(result.color, '#000000')
    assert.equal(result.height, 180)
    const p = await alphaOf(result.png)
    const box = inkBox(p)
    const drawn = inkBox(await alphaOf(await padSignature()))
    assert.approximately(
      (box.x1 - box.x0) / (box.y1 - box.y0),
      (drawn.x1 - drawn.x0) / (drawn.y1 - drawn.y0),
      0.1
    )
    // the paper, lit from one corner, is transparent: few pixels carry any ink
    const faint = p.alpha.reduce((n, v) => n + (v > 0 && v < 128 ? 1 : 0), 0)
    const solid = p.alpha.reduce((n, v) => n + (v >= 128 ? 1 : 0), 0)
    assert.isBelow(faint, solid, 'stroke edges only, no grey paper')
    assert.isBelow(solid, p.alpha.length * 0.3)
  })

  test('a blue pen on paper stays blue; a colour asked for is used', async ({ assert }) => {
    const blue = await makeSignature(await paperSignaturePhoto({ color: '#1e3a8a' }))
    const [r, g, b] = [1, 3, 5].map((i) => Number.parseInt(blue.color.slice(i, i + 2), 16))
    assert.isAbove(b, r + 40, `blue ink: ${blue.color}`)
    assert.isAbove(b, g + 20)
    const red = await makeSignature(await padSignature(), { color: '#cc0000', height: 120 })
    assert.equal(red.color, '#cc0000')
    assert.equal(red.height, 120)
  })

  test('a very long signature keeps its height, scaled into the widest allowed', async ({
    assert,
  }) => {
    const result = await makeSignature(await padSignature(), { maxWidth: 300 })
    assert.equal(result.height, 180)
    assert.equal(result.width, 300)
    const p = await alphaOf(result.png)
    const box = inkBox(p)
    assert.isAbove(box.y0, 20, 'centred: empty above')
    assert.isBelow(box.y1, 160, 'and below')
  })

  test('an empty pad or a blank sheet is refused in Chinese', async ({ assert }) => {
    const blankPad = await sharp({
      create: { width: 600, height: 300, channels: 4, background: { r: 0, g: 0, b: 0, alpha: 0 } },
    })
      .png()
      .toBuffer()
    const blankSheet = await sharp({
      create: { width: 600, height: 300, channels: 3, background: '#f4f2ea' },
    })
      .jpeg()
      .toBuffer()
    for (const image of [blankPad, blankSheet]) {
      try {
        await makeSignature(image)
        assert.fail('an empty signature was accepted')
      } catch (error: any) {
        assert.equal(error.field, 'signature')
        assert.equal(error.code, 'no_signature')
        assert.include(error.message, '未检测到签名笔迹')
      }
    }
    const pad = await padSignature()
    await assert.rejects(() => makeSignature(pad, { color: 'blue' }), /笔迹颜色/)
  })

  test('the same image gives the same bytes', async ({ assert }) => {
    const image = await paperSignaturePhoto()
    const first = await makeSignature(image)
    const second = await makeSignature(image)
    assert.isTrue(first.png.equals(second.png))
  })
})
