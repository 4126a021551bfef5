import { test } from '@japa/runner'
import { lineOf, mergeRows } from '#ocr/services/layout'
import { idCardSide, matchLabel, parseIdCard, parseLicence } from '#ocr/services/fields'
import { makeIdCard, makeLicence } from '#ocr/bench/documents'
import { fixPlacePrefix, placesOf } from '#ocr/services/places'

/**
 * From tesseract's lines to the fields, without tesseract: lines made
 * here as the engine returns them (spaces gone, labels sometimes garbled,
 * look-alike characters). What the user notices: each field lands in its
 * box, a misread label does not move a value to the wrong field, the
 * credit code and ID number arrive repaired, and doubtful fields are
 * flagged with a reason.
 */
function licenceLines(rows: Array<[string, string]>, code: string) {
  const lines = [lineOf('营业执照', 0, 300), lineOf(`统一社会信用代码${code}`, 40, 100)]
  rows.forEach(([label, value], i) => {
    /* labels take 5 characters' width, values start at x = 160 */
    const labelLine = lineOf(label, 80 + i * 40, 100)
    const valueLine = lineOf(value, 80 + i * 40, 160)
    lines.push({
      ...labelLine,
      text: label + value,
      chars: [...labelLine.chars, ...valueLine.chars],
      x1: valueLine.x1,
    })
  })
  return lines
}

test.group('OCR · fields of a business licence', () => {
  const truth = makeLicence(5)
  const rows = (overrides: Record<string, string> = {}): Array<[string, string]> => [
    [overrides.nameLabel ?? '名称', truth.name],
    ['类型', truth.type.replace('（', '(').replace('）', ')')],
    [overrides.repLabel ?? '法定代表人', truth.legal_representative],
    ['注册资本', truth.registered_capital.replace(/0/g, 'O')],
    ['成立日期', truth.established],
    ['营业期限', truth.term],
    ['住所', truth.address],
  ]

  test('every field is read from its labelled line, brackets made full-width', ({ assert }) => {
    const reading = parseLicence(licenceLines(rows(), truth.credit_code))
    assert.deepEqual(reading.fields, { ...truth })
    assert.deepEqual(reading.flagged, {})
    assert.isAtLeast(reading.confidence.credit_code, 0.98)
  })

  test('a garbled label (法定代表人 read as 洁让二人) still gives its value to the right field', ({
    assert,
  }) => {
    const reading = parseLicence(
      licenceLines(rows({ repLabel: '洁让二人', nameLabel: '功称' }), truth.credit_code)
    )
    assert.equal(reading.fields.legal_representative, truth.legal_representative)
    assert.equal(reading.fields.name, truth.name)
    assert.equal(reading.fields.registered_capital, truth.registered_capital)
  })

  test('a credit code read with O for 0 arrives repaired and flagged for a look', ({ assert }) => {
    const misread = truth.credit_code.replace(/0/g, 'O')
    assert.notEqual(misread, truth.credit_code)
    const reading = parseLicence(licenceLines(rows(), misread))
    assert.equal(reading.fields.credit_code, truth.credit_code)
    assert.match(reading.flagged.credit_code, /已按校验位修正/)
  })

  test('a credit code with two valid repairs is left as read, flagged with both candidates', ({
    assert,
  }) => {
    const reading = parseLicence(licenceLines(rows(), '91440305L2448KGY6U'))
    assert.equal(reading.fields.credit_code, '91440305L2448KGY6U')
    assert.isBelow(reading.confidence.credit_code, 0.5)
    assert.include(reading.flagged.credit_code, '91440305L244BKGY6U')
    assert.include(reading.flagged.credit_code, '91440305L2448K6Y6U')
  })

  test('fields not found are empty and flagged; low confidence is flagged', ({ assert }) => {
    const lines = licenceLines(rows().slice(0, 2), truth.credit_code)
    lines[2].chars = lines[2].chars.map((c) => ({ ...c, conf: 0.4 }))
    const reading = parseLicence(lines)
    assert.isNull(reading.fields.address)
    assert.equal(reading.flagged.address, '未能识别，请手动填写')
    assert.equal(reading.confidence.address, 0)
    assert.equal(reading.flagged.name, '识别把握不大，请核对')
  })

  test('labels are matched fuzzily at the start of a line', ({ assert }) => {
    assert.equal(matchLabel('法定代表入张伟', '法定代表人')?.score, 0.8)
    assert.equal(matchLabel('功称南京', '名称')?.end, 1)
    assert.isNull(matchLabel('南京市名称', '名称'))
  })
})

test.group('OCR · fields of an ID card', () => {
  const { front, back } = makeIdCard(6)
  const [y, m, d] = front.birth_date.match(/\d+/g)!
  const frontLines = (overrides: { sex?: string; birth?: string; id?: string } = {}) =>
    mergeRows([
      lineOf('姓名', 0, 50),
      lineOf(front.name, 0, 150),
      lineOf(`性别${overrides.sex ?? front.sex}民族${front.ethnicity}`, 60, 50),
      lineOf(`出生${overrides.birth ?? `${y}年${m}月${d}日`}`, 120, 50),
      lineOf(`住址${front.address.slice(0, 11)}`, 180, 50),
      lineOf(front.address.slice(11), 196, 70),
      lineOf(`公民身份号码${overrides.id ?? front.id_number}`, 300, 50),
    ])

  test('the front: name, sex, ethnicity, birth date, the address over two lines, the number', ({
    assert,
  }) => {
    const reading = parseIdCard(frontLines())
    assert.equal(reading.side, 'front')
    assert.deepEqual(reading.fields, { ...front })
    assert.deepEqual(reading.flagged, {})
  })

  test('label and value read as separate blocks are put back on one row', ({ assert }) => {
    assert.equal(frontLines()[0].text, `姓名${front.name}`)
  })

  test('a misread birth date or sex is corrected from the number, and flagged', ({ assert }) => {
    const otherSex = front.sex === '男' ? '女' : '男'
    const reading = parseIdCard(frontLines({ sex: otherSex, birth: `${y}年${m}月2${d}日` }))
    assert.equal(reading.fields.sex, front.sex)
    assert.equal(reading.fields.birth_date, front.birth_date)
    assert.match(reading.flagged.sex, /与身份证号码不符/)
    assert.match(reading.flagged.birth_date, /与身份证号码不符/)
  })

  test('an ID number that no repair makes valid is kept as read and flagged', ({ assert }) => {
    const wrong = front.id_number.slice(0, 17) + (front.id_number[17] === '1' ? '2' : '1')
    const reading = parseIdCard(frontLines({ id: wrong }))
    assert.equal(reading.fields.id_number, wrong)
    assert.match(reading.flagged.id_number, /校验位不符/)
    /* nothing to check the printed birth date against: kept as printed */
    assert.equal(reading.fields.birth_date, front.birth_date)
  })

  test('the back: issuing authority and validity, recognised as the back', ({ assert }) => {
    const lines = [
      lineOf('中华人民共和国', 0, 200),
      lineOf('居民身份证', 60, 220),
      lineOf(`签发机关${back.issuing_authority}`, 200, 100),
      lineOf(`有效期限${back.validity.replace(/0/g, 'O')}`, 260, 100),
    ]
    assert.equal(idCardSide(lines), 'back')
    const reading = parseIdCard(lines)
    assert.equal(reading.side, 'back')
    assert.deepEqual(reading.fields, { ...back })
  })
})

test.group('OCR · place names from the region code', () => {
  test('the places of a code: province and city, a municipality and its district', ({ assert }) => {
    assert.deepEqual(placesOf('440305'), ['广东省', '深圳市'])
    assert.deepEqual(placesOf('110105'), ['北京市', '朝阳区'])
    assert.deepEqual(placesOf('990000'), [])
  })

  test('a place name misread by one character is put right; another real place is not', ({
    assert,
  }) => {
    const places = ['广东省', '深圳市']
    assert.deepEqual(fixPlacePrefix('厂东省深圭市南山区科技园路1号', places), {
      text: '广东省深圳市南山区科技园路1号',
      fixed: [
        { read: '厂东省', place: '广东省' },
        { read: '深圭市', place: '深圳市' },
      ],
    })
    /* a licence's address may start with the city */
    assert.equal(fixPlacePrefix('深圭市南山区', places).text, '深圳市南山区')
    /* a card issued in 广东 with an address in 山东: as read */
    assert.deepEqual(fixPlacePrefix('山东省济南市历下区', places).fixed, [])
    /* two characters off is another name */
    assert.deepEqual(fixPlacePrefix('厂乐省深圳市', places).text, '厂乐省深圳市')
  })

  test('an ID card’s address is put right from its number, and flagged for a look', ({
    assert,
  }) => {
    const card = makeIdCard(7).front
    const [province] = placesOf(card.id_number.slice(0, 6))
    const misread = `口${card.address.slice(1)}`
    const reading = parseIdCard(
      mergeRows([
        lineOf(`姓名${card.name}`, 0, 50),
        lineOf(`性别${card.sex}民族${card.ethnicity}`, 60, 50),
        lineOf(`住址${misread}`, 180, 50),
        lineOf(`公民身份号码${card.id_number}`, 300, 50),
      ])
    )
    assert.isTrue(card.address.startsWith(province))
    assert.equal(reading.fields.address, card.address)
    assert.match(reading.flagged.address, /身份证号码的地区码/)
  })
})
