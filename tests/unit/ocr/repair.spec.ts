import { test } from '@japa/runner'
import { isResidentId, isUscc } from '#core/validation/identity'
import { makeIdCard, makeUscc, random } from '#ocr/bench/documents'
import { digitsOf, repairCode, RESIDENT_ID_RULE, USCC_RULE } from '#ocr/services/repair'

/**
 * The credit code and the ID number read by OCR, repaired with their check
 * characters: what the applicant notices is that a code misread by one
 * look-alike (O for 0, B for 8 …) arrives correct in the form, and that
 * when two corrections would both be valid nothing is chosen for them.
 */
test.group('OCR · check-character repair', () => {
  test('a credit code valid as read is kept as read', ({ assert }) => {
    const code = makeUscc(random(1), '440305')
    assert.isTrue(isUscc(code))
    const repair = repairCode(code, USCC_RULE)
    assert.equal(repair.status, 'valid')
    assert.equal(repair.value, code)
  })

  test('letters a credit code cannot contain are read as their digits (O→0, I→1, S→5, Z→2)', ({
    assert,
  }) => {
    const code = '91440305' + makeUscc(random(2), '440305').slice(8)
    const read = code.replace(/0/g, 'O').replace(/1/, 'I').replace(/5/, 'S')
    const repair = repairCode(read.toLowerCase(), USCC_RULE)
    assert.equal(repair.status, 'repaired')
    assert.equal(repair.value, code)
  })

  test('one look-alike misread in a credit code (8 read as B) is repaired when only one fix is valid', ({
    assert,
  }) => {
    const rnd = random(3)
    let tried = 0
    for (let n = 0; n < 200; n++) {
      const code = makeUscc(rnd, '440305')
      const i = [...code].findIndex((c, k) => k > 1 && k < 17 && c === '8')
      if (i < 0) continue
      const read = code.slice(0, i) + 'B' + code.slice(i + 1)
      const repair = repairCode(read, USCC_RULE)
      if (repair.status === 'ambiguous') continue
      assert.equal(repair.status, 'repaired')
      assert.equal(repair.value, code)
      assert.deepEqual(repair.changed, [i])
      tried++
    }
    assert.isAbove(tried, 5)
  })

  test('two valid repairs: nothing is chosen, both candidates go to the user', ({ assert }) => {
    /* printed 91440305L244BKGY6U; read with its B as 8: changing either the 8 back to B or
       the G to 6 gives a valid code */
    const repair = repairCode('91440305L2448KGY6U', USCC_RULE)
    assert.equal(repair.status, 'ambiguous')
    assert.isNull(repair.value)
    assert.deepEqual(repair.candidates, ['91440305L2448K6Y6U', '91440305L244BKGY6U'])
    for (const candidate of repair.candidates) assert.isTrue(isUscc(candidate))
  })

  test('an ID number with letters for digits is repaired; a wrong length or a lost digit is not', ({
    assert,
  }) => {
    const id = makeIdCard(4).front.id_number
    assert.isTrue(isResidentId(id))
    const read = id.replace(/0/g, 'O').replace(/1/g, 'l').replace(/8/g, 'B')
    const repair = repairCode(read, RESIDENT_ID_RULE)
    assert.equal(repair.status, 'repaired')
    assert.equal(repair.value, id)
    assert.equal(repairCode(id.slice(0, 17), RESIDENT_ID_RULE).status, 'invalid')
    /* a digit read as another digit is not a look-alike: the check character refuses it */
    const wrong = id.slice(0, 5) + String((Number(id[5]) + 1) % 10) + id.slice(6)
    assert.equal(repairCode(wrong, RESIDENT_ID_RULE).status, 'invalid')
  })

  test('an ID number ending in a lower-case x is read with its X', ({ assert }) => {
    for (let seed = 1; seed < 200; seed++) {
      const id = makeIdCard(seed).front.id_number
      if (!id.endsWith('X')) continue
      const repair = repairCode(id.toLowerCase(), RESIDENT_ID_RULE)
      assert.equal(repair.value, id)
      return
    }
    assert.fail('no ID number ending in X among the samples')
  })

  test('digits inside dates and amounts: O→0, l→1, S→5, B→8', ({ assert }) => {
    assert.equal(digitsOf('2OlO年O7月2B日'), '2010年07月28日')
    assert.equal(digitsOf('人民币5OO万元'), '人民币500万元')
  })
})

test.group('OCR · check-character repair · stray marks', () => {
  test('a stray character read after the number (the card edge as 1) is dropped when one reading is valid', ({
    assert,
  }) => {
    const id = makeIdCard(1).front.id_number
    const repair = repairCode(`${id}1`, RESIDENT_ID_RULE)
    assert.equal(repair.value, id)
  })
})

test.group('OCR · check-character repair · a character read twice', () => {
  test('one extra character inside the code is dropped when exactly one deletion is valid', ({
    assert,
  }) => {
    /* printed 914401060N4126GB1P, read with its B as "BI" */
    const repair = repairCode('914401060N4126GBI1P', USCC_RULE)
    assert.equal(repair.status, 'repaired')
    assert.equal(repair.value, '914401060N4126GB1P')
  })

  test('an ID number whose check character X was lost is completed, and only then', ({
    assert,
  }) => {
    const ids = Array.from({ length: 60 }, (_, i) => makeIdCard(1000 + i).front.id_number)
    const withX = ids.find((id) => id.endsWith('X'))!
    const withDigit = ids.find((id) => !id.endsWith('X'))!
    const repair = repairCode(withX.slice(0, 17), RESIDENT_ID_RULE)
    assert.equal(repair.status, 'repaired')
    assert.equal(repair.value, withX)
    assert.deepEqual(repair.changed, [17])
    /* a lost digit could be any digit anywhere: nothing is made up */
    assert.equal(repairCode(withDigit.slice(0, 17), RESIDENT_ID_RULE).status, 'invalid')
  })
})
