import { test } from '@japa/runner'
import { createRequire } from 'node:module'
import sharp from 'sharp'
import { makeTemplateSeal, templateFace } from '#seals/actions/seal_images'
import { sealKinds } from '#seals/queries/kinds'
import { FONT_FILE } from '#seals/services/font'
import { alphaOf } from '#tests/unit/seals/support'

/**
 * Template seals, checked by what a person sees on them: the name along
 * the upper arc (ink at each character's expected angle), a five-point
 * star in the middle, the kind across the bottom, the code on the lower
 * arc, red ink on transparency, 300 dpi, and the same bytes every time.
 *
 * Expected angles are worked out here from the documented rule (the name
 * spans 24° a character, 120°–240°, centred on 12 o'clock, characters
 * evenly spaced), not read from the renderer.
 */

const NAME = '示例市某某科技有限公司'
const CODE = '4401050012345'

type Pixels = Awaited<ReturnType<typeof alphaOf>>

/** red ink pixels (alpha ≥ 50 %) in a polar window around the seal's centre */
function inkIn(
  p: Pixels,
  o: { from: number; to: number; r0: number; r1: number; cx?: number; cy?: number }
) {
  const cx = o.cx ?? p.width / 2
  const cy = o.cy ?? p.height / 2
  let count = 0
  let weighted = 0
  for (let deg = o.from; deg <= o.to; deg += 0.25) {
    const t = (deg * Math.PI) / 180
    for (let r = o.r0; r <= o.r1; r += 0.5) {
      const x = Math.round(cx + r * Math.sin(t))
      const y = Math.round(cy - r * Math.cos(t))
      if (x < 0 || y < 0 || x >= p.width || y >= p.height) continue
      if (p.alpha[y * p.width + x] >= 128) {
        count++
        weighted += deg
      }
    }
  }
  return { count, meanAngle: count ? weighted / count : Number.NaN }
}

test.group('Seals · template rendering', () => {
  test('a round contract seal carries the name on the upper arc, each character at its angle', async ({
    assert,
  }) => {
    const seal = await makeTemplateSeal({ kind: 'contract', text: NAME, code: CODE })
    const p = await alphaOf(seal.png)
    const R = p.width / 2
    const n = Array.from(NAME).length
    const span = Math.min(240, Math.max(120, 24 * n))
    const pitch = span / n
    // the text band: inside the 1.2 mm border (14 px), glyphs 6.2 mm (73 px) high
    const band = { r0: R - 95, r1: R - 25 }
    for (let i = 0; i < n; i++) {
      const expected = -span / 2 + pitch * (i + 0.5)
      const ink = inkIn(p, { ...band, from: expected - pitch / 2, to: expected + pitch / 2 })
      assert.isAbove(ink.count, 150, `character ${i + 1} has ink at ${expected.toFixed(1)}°`)
      assert.approximately(
        ink.meanAngle,
        expected,
        pitch * 0.2,
        `character ${i + 1} is centred on its angle`
      )
    }
    // past the name's two ends, beside the code, the outer half of the band is empty
    const outer = { r0: R - 60, r1: R - 25 }
    const gapLeft = inkIn(p, { ...outer, from: -span / 2 - 18, to: -span / 2 - 4 })
    const gapRight = inkIn(p, { ...outer, from: span / 2 + 4, to: span / 2 + 18 })
    assert.equal(gapLeft.count + gapRight.count, 0)
    // the layout says the same: one glyph per character, rotated to its angle
    const arc = seal.glyphs.filter((g) => g.line === 'arc')
    assert.deepEqual(
      arc.map((g) => g.char),
      Array.from(NAME)
    )
    arc.forEach((g, i) => assert.approximately(g.rotation, -span / 2 + pitch * (i + 0.5), 0.01))
  })

  test('the five-point star is in the centre, its five points up and round', async ({ assert }) => {
    const seal = await makeTemplateSeal({ kind: 'official', text: NAME })
    const p = await alphaOf(seal.png)
    const R = p.width / 2
    const star = 0.35 * R
    let sum = 0
    let sx = 0
    let sy = 0
    for (let y = 0; y < p.height; y++) {
      for (let x = 0; x < p.width; x++) {
        if (Math.hypot(x - R, y - R) > star + 4) continue
        const a = p.alpha[y * p.width + x] / 255
        sum += a
        sx += a * x
        sy += a * y
      }
    }
    assert.isAbove(sum, 0.25 * Math.PI * star * star, 'the star is solid ink')
    assert.approximately(sx / sum, R, 1.5, 'centred across')
    // a star's centroid is its centre
    assert.approximately(sy / sum, R, 1.5, 'centred down')
    // at 80 % of the star's radius: ink at the five points, none between them
    for (let k = 0; k < 5; k++) {
      const tip = 72 * k
      assert.isAbove(
        inkIn(p, { from: tip - 2, to: tip + 2, r0: star * 0.78, r1: star * 0.82 }).count,
        0
      )
      assert.equal(
        inkIn(p, { from: tip + 30, to: tip + 42, r0: star * 0.78, r1: star * 0.82 }).count,
        0
      )
    }
    // nothing across the bottom: 企业公章 has no kind line
    assert.equal(inkIn(p, { from: 160, to: 200, r0: star + 6, r1: R * 0.6 }).count, 0)
  })

  test('the kind runs across the bottom and the 13-digit code along the lower arc', async ({
    assert,
  }) => {
    const withCode = await alphaOf(
      (await makeTemplateSeal({ kind: 'finance', text: NAME, code: CODE })).png
    )
    const without = await alphaOf((await makeTemplateSeal({ kind: 'finance', text: NAME })).png)
    const R = withCode.width / 2
    // 财务专用章: a line of five characters centred 9 mm (106 px) below the centre
    const seal = await makeTemplateSeal({ kind: 'finance', text: NAME })
    const bottom = seal.glyphs.filter((g) => g.line === 'bottom')
    assert.equal(bottom.map((g) => g.char).join(''), '财务专用章')
    let inkBelow = 0
    for (let y = Math.round(R + 85); y < R + 130; y++) {
      for (let x = Math.round(R - 100); x < R + 100; x++)
        if (without.alpha[y * without.width + x] >= 128) inkBelow++
    }
    assert.isAbove(inkBelow, 1500, 'the kind is drawn across the bottom')
    // the code: digits 2 mm high just inside the border, around 6 o'clock
    const band = { r0: R - 45, r1: R - 19, from: 150, to: 210 }
    assert.isAbove(inkIn(withCode, band).count, 300)
    assert.equal(inkIn(without, band).count, 0)
    const digits = (
      await makeTemplateSeal({ kind: 'finance', text: NAME, code: CODE })
    ).glyphs.filter((g) => g.line === 'code')
    assert.equal(digits.map((g) => g.char).join(''), CODE, 'read left to right')
    assert.isBelow(digits[0].x, digits[12].x)
  })

  test('the ink is red on transparency, and nothing outside the seal', async ({ assert }) => {
    const seal = await makeTemplateSeal({ kind: 'contract', text: NAME, code: CODE })
    const p = await alphaOf(seal.png)
    const R = p.width / 2
    let inked = 0
    const outside: string[] = []
    const notRed: string[] = []
    for (let i = 0; i < p.alpha.length; i++) {
      const x = i % p.width
      const y = Math.floor(i / p.width)
      if (Math.hypot(x + 0.5 - R, y + 0.5 - R) > R + 0.5) {
        if (p.alpha[i]) outside.push(`${x},${y}`)
        continue
      }
      if (p.alpha[i] === 0) continue
      inked++
      const [r, g, b] = [p.rgba[i * 4], p.rgba[i * 4 + 1], p.rgba[i * 4 + 2]]
      if (!(r >= 200 && g <= 30 && b <= 30)) notRed.push(`${x},${y}: ${r},${g},${b}`)
    }
    assert.deepEqual(outside, [], 'transparent outside the circle')
    assert.deepEqual(notRed, [], 'every inked pixel is red')
    assert.isAbove(inked, p.alpha.length * 0.15)
    // between the star and the name the paper shows through
    assert.equal(inkIn(p, { from: -60, to: 60, r0: 0.38 * R, r1: 0.5 * R }).count, 0)
  })

  test('a PNG at 300 dpi, sized in millimetres: 40 mm is 472 px, 42 mm is 496 px', async ({
    assert,
  }) => {
    const seal = await makeTemplateSeal({ kind: 'official', text: NAME })
    const meta = await sharp(seal.png).metadata()
    assert.equal(meta.format, 'png')
    assert.equal(meta.density, 300)
    assert.equal(meta.channels, 4)
    assert.deepEqual([meta.width, meta.height], [472, 472])
    const big = await makeTemplateSeal({ kind: 'official', text: NAME, style: { sizeMm: 42 } })
    assert.deepEqual([big.width, big.height], [496, 496])
  })

  test('the same input gives the same bytes; another text gives others', async ({ assert }) => {
    const input = {
      kind: 'invoice' as const,
      text: NAME,
      taxNumber: '91110108551385082Q',
      code: CODE,
    }
    const first = await makeTemplateSeal(input)
    const second = await makeTemplateSeal({ ...input })
    assert.isTrue(first.png.equals(second.png))
    assert.equal(first.svg, second.svg)
    const other = await makeTemplateSeal({ ...input, text: '示例市另一家科技有限公司' })
    assert.isFalse(first.png.equals(other.png))
  })

  test('glyphs are paths from the shipped font, never text for a system font', async ({
    assert,
  }) => {
    const seal = await makeTemplateSeal({ kind: 'personal', text: '张三丰印' })
    assert.notInclude(seal.svg, '<text')
    assert.notInclude(seal.svg, 'font-family')
    const file = createRequire(import.meta.url).resolve(FONT_FILE)
    assert.include(file, 'node_modules')
    assert.notInclude(file, '/usr/share/fonts')
  })

  test('an invoice seal is an oval with the tax number across the middle', async ({ assert }) => {
    const seal = await makeTemplateSeal({
      kind: 'invoice',
      text: NAME,
      taxNumber: '91110108551385082Q',
    })
    assert.equal(seal.shape, 'oval')
    assert.deepEqual([seal.width, seal.height], [472, 354])
    const p = await alphaOf(seal.png)
    const cx = p.width / 2
    const cy = p.height / 2
    const at = (x: number, y: number) => p.alpha[Math.round(y) * p.width + Math.round(x)]
    // the border follows the ellipse: ink at the ends of both axes, none in the corners
    assert.isAbove(at(cx, 6), 200)
    assert.isAbove(at(cx, p.height - 7), 200)
    assert.isAbove(at(6, cy), 200)
    assert.isAbove(at(p.width - 7, cy), 200)
    assert.equal(at(20, 20), 0)
    assert.equal(at(p.width - 20, p.height - 20), 0)
    const middle = seal.glyphs.filter((g) => g.line === 'middle')
    assert.equal(middle.map((g) => g.char).join(''), '91110108551385082Q')
    middle.forEach((g) => assert.approximately(g.y, cy, 0.01))
    let row = 0
    for (let x = cx - 140; x < cx + 140; x++) if (at(x, cy) >= 128) row++
    assert.isAbove(row, 40, 'the tax number is drawn across the middle')
    assert.equal(
      seal.glyphs
        .filter((g) => g.line === 'bottom')
        .map((g) => g.char)
        .join(''),
      '发票专用章'
    )
  })

  test('a name seal is square: a frame, four characters in two columns read from the right', async ({
    assert,
  }) => {
    const seal = await makeTemplateSeal({ kind: 'personal', text: '张三丰印' })
    assert.equal(seal.shape, 'square')
    assert.deepEqual([seal.width, seal.height], [236, 236])
    const p = await alphaOf(seal.png)
    const at = (x: number, y: number) => p.alpha[y * p.width + x]
    for (const v of [10, 60, 118, 180, 225]) {
      assert.isAbove(at(v, 5), 200, 'top edge')
      assert.isAbove(at(v, p.height - 6), 200, 'bottom edge')
      assert.isAbove(at(5, v), 200, 'left edge')
      assert.isAbove(at(p.width - 6, v), 200, 'right edge')
    }
    const w = p.width
    const quadrant = (qx: number, qy: number) => {
      let count = 0
      for (let y = 20 + qy * 100; y < 116 + qy * 100; y++)
        for (let x = 20 + qx * 100; x < 116 + qx * 100; x++) if (p.alpha[y * w + x] >= 128) count++
      return count
    }
    for (const [qx, qy] of [
      [0, 0],
      [1, 0],
      [0, 1],
      [1, 1],
    ])
      assert.isAbove(quadrant(qx, qy), 600, `ink in quadrant ${qx},${qy}`)
    const [first, second, third, fourth] = seal.glyphs
    assert.deepEqual([first.char, second.char, third.char, fourth.char], ['张', '三', '丰', '印'])
    assert.isAbove(first.x, w / 2, '张 on the right')
    assert.isBelow(first.y, w / 2, '张 at the top')
    assert.isAbove(second.y, w / 2, '三 below it')
    assert.isBelow(third.x, w / 2, '丰 starts the left column')

    const two = await makeTemplateSeal({ kind: 'legal_rep', text: '李四' })
    assert.deepEqual(
      two.glyphs.map((g) => g.char),
      ['李', '四']
    )
    assert.isAbove(two.glyphs[0].height, two.glyphs[0].width * 1.5, 'two characters stand tall')
    const three = await makeTemplateSeal({ kind: 'personal', text: '欧阳锋' })
    assert.isAbove(
      three.glyphs[0].height,
      three.glyphs[1].height * 1.5,
      'the surname takes the right column'
    )
  })

  test('阴文: the characters are cut out of a red square', async ({ assert }) => {
    const yang = await alphaOf((await makeTemplateSeal({ kind: 'personal', text: '李四' })).png)
    const yin = await alphaOf(
      (await makeTemplateSeal({ kind: 'personal', text: '李四', style: { carving: 'yin' } })).png
    )
    const share = (p: Pixels) => p.alpha.filter((v) => v >= 128).length / p.alpha.length
    assert.isAbove(share(yin), 0.6)
    assert.isBelow(share(yang), 0.45)
  })

  test('变更章面: style, 环绕文字 and 信息编码 change the face', async ({ assert }) => {
    const base = await makeTemplateSeal({ kind: 'contract', text: NAME })
    const styled = await makeTemplateSeal({
      kind: 'contract',
      text: NAME,
      code: CODE,
      style: { color: '#C00000', borderMm: 1.5, innerRing: true, arcDegrees: 220, textScale: 0.9 },
    })
    assert.isFalse(base.png.equals(styled.png))
    const p = await alphaOf(styled.png)
    const opaque = p.alpha.findIndex((v) => v === 255)
    assert.deepEqual(
      [p.rgba[opaque * 4], p.rgba[opaque * 4 + 1], p.rgba[opaque * 4 + 2]],
      [192, 0, 0]
    )
    const arc = styled.glyphs.filter((g) => g.line === 'arc')
    assert.approximately(arc[0].rotation, -110 + 10, 0.01, 'the name spans the 220° asked for')
  })

  test('faces that break the rules are refused in Chinese, at their field', async ({ assert }) => {
    const refused = (input: Parameters<typeof templateFace>[0]) => {
      try {
        templateFace(input)
      } catch (error) {
        return { field: (error as any).field, message: (error as Error).message }
      }
      return null
    }
    assert.deepEqual(refused({ kind: 'contract', text: NAME, code: '12345' }), {
      field: 'code',
      message: '信息编码须为 13 位数字',
    })
    assert.equal(refused({ kind: 'personal', text: '张三丰五郎' })?.field, 'text')
    assert.equal(refused({ kind: 'invoice', text: NAME })?.field, 'tax_number')
    assert.equal(
      refused({ kind: 'invoice', text: NAME, taxNumber: '91110108551385082X' })?.field,
      'tax_number'
    )
    assert.equal(refused({ kind: 'personal_signature', text: '张三' })?.field, 'kind')
    assert.equal(refused({ kind: 'contract', text: NAME, style: { color: 'red' } })?.field, 'color')
    assert.equal(refused({ kind: 'contract', text: NAME, style: { sizeMm: 80 } })?.field, 'size_mm')
    assert.equal(refused({ kind: 'nonsense' as any, text: NAME })?.field, 'kind')
    for (const r of [
      refused({ kind: 'contract', text: 'A' }),
      refused({ kind: 'personal', text: '张' }),
    ])
      assert.match(r!.message, /[\u4e00-\u9fff]/)
    await assert.rejects(
      () => makeTemplateSeal({ kind: 'contract', text: '示例😀公司' }),
      /字体中没有字符/
    )
  })

  test('every template kind renders with its default shape', async ({ assert }) => {
    for (const kind of sealKinds().filter((k) => k.made === 'template')) {
      const seal = await makeTemplateSeal({
        kind: kind.kind,
        text: kind.shape === 'square' ? '王五' : NAME,
        taxNumber: kind.needsTaxNumber ? '91110108551385082Q' : undefined,
      })
      assert.equal(seal.shape, kind.shape, kind.label)
    }
  })
})
