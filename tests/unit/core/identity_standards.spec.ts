import { test } from '@japa/runner'
import { mock } from 'node:test'
import vine, { errors } from '@vinejs/vine'
import {
  BANK_CARD_MESSAGES,
  RESIDENT_ID_MESSAGES,
  USCC_AUTHORITIES,
  USCC_MESSAGES,
  bankCardProblem,
  beijingToday,
  isBankCardNumber,
  isResidentId,
  isUscc,
  luhnCheckDigit,
  maskBankCard,
  maskIdNumber,
  maskName,
  orgCodeCheckChar,
  residentIdCheckChar,
  residentIdProblem,
  usccCheckChar,
  usccKind,
  usccProblem,
} from '#core/validation/identity'
import { rules } from '#core/validation/rules'

/**
 * The identity numbers against the standards, beyond the basics of
 * identity.spec.ts: GB 32100's registration authority and category table
 * and the embedded GB 11714 organisation code, residence permits of Hong
 * Kong, Macao and Taiwan residents, the Beijing date of "born today", a
 * message naming the reason, bank card numbers (Luhn), the masks — and
 * agreement with independent implementations of the three check
 * characters on 100,000 generated numbers.
 */

function withCheck(first17: string) {
  return first17 + residentIdCheckChar(first17)
}

/** a USCC from its first 16 characters: the organisation code's and the code's check characters computed */
function uscc(first16: string) {
  const first17 = first16 + orgCodeCheckChar(first16.slice(8, 16))
  return first17 + usccCheckChar(first17)
}

async function messageFor(schema: Record<string, any>, data: Record<string, unknown>) {
  try {
    await vine.create(schema).validate(data)
    return null
  } catch (error) {
    if (!(error instanceof errors.E_VALIDATION_ERROR)) throw error
    return (error.messages as Array<{ message: string }>)[0].message
  }
}

/* ---- independent reference implementations, written from the standards' formulas ---- */

/** ISO 7064 MOD 11-2, recursive form (GB 11643) */
function refResidentCheck(first17: string) {
  let p = 0
  for (const ch of first17) p = ((p + Number(ch)) * 2) % 11
  const c = (12 - p) % 11
  return c === 10 ? 'X' : String(c)
}

const REF_USCC_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY'

/** GB 32100: weights 3^i mod 31, check (31 - Σ mod 31) mod 31 */
function refUsccCheck(first17: string) {
  let sum = 0
  let weight = 1
  for (const ch of first17) {
    sum += REF_USCC_CHARS.indexOf(ch) * weight
    weight = (weight * 3) % 31
  }
  return REF_USCC_CHARS[(31 - (sum % 31)) % 31]
}

/** GB 11714: weights 2^(9-i) mod 11, C9 = 11 - Σ mod 11 (10 → X, 11 → 0) */
function refOrgCheck(body: string) {
  let sum = 0
  for (let i = 0; i < 8; i++) {
    const value = /\d/.test(body[i]) ? Number(body[i]) : body.charCodeAt(i) - 55
    sum += value * (2 ** (8 - i) % 11)
  }
  const c = 11 - (sum % 11)
  return c === 10 ? 'X' : c === 11 ? '0' : String(c)
}

/** a small deterministic PRNG (mulberry32), so that a failure can be replayed */
function prng(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

test.group('Identity standards · unified social credit code (GB 32100, GB 11714)', () => {
  test('positions 1–2: every registration authority with its own categories, nothing else', ({
    assert,
  }) => {
    assert.deepEqual(Object.keys(USCC_AUTHORITIES).sort(), [
      '1',
      '2',
      '3',
      '4',
      '5',
      '6',
      '7',
      '8',
      '9',
      'A',
      'N',
      'Y',
    ])
    assert.deepEqual(Object.keys(USCC_AUTHORITIES['9'].categories), ['1', '2', '3'])
    assert.deepEqual(Object.keys(USCC_AUTHORITIES['Y'].categories), ['1'])
    assert.deepEqual(usccKind('91110108551385082Q'), { authority: '工商', category: '企业' })
    assert.deepEqual(usccKind('12100000400000624D'), {
      authority: '机构编制',
      category: '事业单位',
    })

    for (const [authority, { categories }] of Object.entries(USCC_AUTHORITIES)) {
      for (const category of '0123456789ABCDEFGHJKLMNPQRTUWXY') {
        const code = uscc(`${authority}${category}11010855138508`)
        const expected = category in categories ? null : USCC_MESSAGES.category
        assert.equal(usccProblem(code), expected, code)
      }
    }
    for (const authority of 'BCDEFGHJKLMPQRTUWX0') {
      assert.equal(usccProblem(uscc(`${authority}111010855138508`)), USCC_MESSAGES.authority)
    }
  })

  test("positions 9–17: the organisation code's own check character (GB 11714)", ({ assert }) => {
    assert.equal(orgCodeCheckChar('55138508'), '2')
    assert.equal(orgCodeCheckChar('71526726'), 'X')
    assert.equal(orgCodeCheckChar('19220382'), '1')
    assert.isNull(orgCodeCheckChar('5513850'))
    /* a code whose 18th character is right for the other 17, but whose organisation code is not */
    const first17 = '91110108551385083'
    const code = first17 + usccCheckChar(first17)
    assert.equal(usccProblem(code), USCC_MESSAGES.orgCode)
    assert.isFalse(isUscc(code))
  })

  test('the message names the reason, in the order a person fixes it', ({ assert }) => {
    assert.equal(usccProblem('12440'), USCC_MESSAGES.length)
    assert.equal(usccProblem('9111010855138508IQ'), USCC_MESSAGES.characters)
    assert.equal(usccProblem('Z1110108551385082Q'), USCC_MESSAGES.characters)
    assert.equal(usccProblem('B1110108551385082Q'), USCC_MESSAGES.authority)
    assert.equal(usccProblem('94110108551385082Q'), USCC_MESSAGES.category)
    assert.equal(usccProblem('91110A08551385082Q'), USCC_MESSAGES.region)
    assert.equal(usccProblem('91110108551385081Q'), USCC_MESSAGES.orgCode)
    assert.equal(usccProblem('91110108551385082A'), USCC_MESSAGES.check)
    assert.isNull(usccProblem('91110108551385082q'))
  })
})

test.group('Identity standards · resident ID and residence permits (GB 11643)', () => {
  test('residence permits: 810000 Hong Kong, 820000 Macao, 830000 Taiwan', ({ assert }) => {
    for (const region of ['810000', '820000', '830000']) {
      assert.isTrue(isResidentId(withCheck(`${region}19900307123`)), region)
    }
    /* 83 exists only as the Taiwan residence permit's 830000 */
    assert.equal(residentIdProblem(withCheck('83010019900307123')), RESIDENT_ID_MESSAGES.region)
    assert.equal(residentIdProblem(withCheck('84000019900307123')), RESIDENT_ID_MESSAGES.region)
  })

  test('the message names the reason: length, characters, region, date, check character', ({
    assert,
  }) => {
    assert.equal(residentIdProblem('123'), RESIDENT_ID_MESSAGES.length)
    assert.equal(residentIdProblem('11111111111111111111'), RESIDENT_ID_MESSAGES.length)
    assert.equal(residentIdProblem('1101051949123100AX'), RESIDENT_ID_MESSAGES.characters)
    assert.equal(residentIdProblem('990105198805120317'), RESIDENT_ID_MESSAGES.region)
    assert.equal(residentIdProblem('110105198802300315'), RESIDENT_ID_MESSAGES.date)
    assert.equal(residentIdProblem(withCheck('11010518991231001')), RESIDENT_ID_MESSAGES.date)
    assert.equal(residentIdProblem(withCheck('11010530000101001')), RESIDENT_ID_MESSAGES.future)
    assert.equal(residentIdProblem('110105198805120318'), RESIDENT_ID_MESSAGES.check)
    assert.isNull(residentIdProblem('11010519491231002x'))
  })

  test('"born today" is judged on the Beijing date, with the clock fixed near midnight UTC', async ({
    assert,
    cleanup,
  }) => {
    /* 2026-03-01 16:30 UTC is already 2026-03-02 00:30 in Beijing */
    mock.timers.enable({ apis: ['Date'], now: Date.UTC(2026, 2, 1, 16, 30) })
    cleanup(() => mock.timers.reset())
    const bornToday = withCheck('11010520260302001')
    const bornTomorrow = withCheck('11010520260303001')
    assert.equal(beijingToday(), '20260302')
    assert.isTrue(isResidentId(bornToday), 'born on the Beijing date of today')
    assert.equal(residentIdProblem(bornTomorrow), RESIDENT_ID_MESSAGES.future)
    const schema = { id_type: vine.string(), id_number: rules.idNumber() }
    assert.isNull(await messageFor(schema, { id_type: 'resident_id', id_number: bornToday }))

    /* an hour earlier it is still 1 March in Beijing: 2 March is tomorrow */
    mock.timers.setTime(Date.UTC(2026, 2, 1, 15, 30))
    assert.equal(beijingToday(), '20260301')
    assert.equal(residentIdProblem(bornToday), RESIDENT_ID_MESSAGES.future)
    assert.equal(
      await messageFor(schema, { id_type: 'resident_id', id_number: bornToday }),
      RESIDENT_ID_MESSAGES.future
    )
  })
})

test.group('Identity standards · bank card numbers (Luhn)', () => {
  test('16–19 digits with a Luhn check digit; spaces are dropped by the rule', async ({
    assert,
  }) => {
    assert.equal(luhnCheckDigit('7992739871'), '3')
    for (const card of ['6222021234567890128', '4111111111111111', '6228480402564890018']) {
      assert.isTrue(isBankCardNumber(card), card)
    }
    assert.equal(bankCardProblem('6222021234567890127'), BANK_CARD_MESSAGES.check)
    assert.equal(bankCardProblem('411111111111111'), BANK_CARD_MESSAGES.length)
    assert.equal(bankCardProblem('62220212345678901280'), BANK_CARD_MESSAGES.length)
    assert.equal(bankCardProblem('6222-0212'), BANK_CARD_MESSAGES.characters)
    const ok = await vine
      .create({ bank_card: rules.bankCard() })
      .validate({ bank_card: ' 6222 0212 3456 7890 128 ' })
    assert.equal(ok.bank_card, '6222021234567890128')
    assert.equal(
      await messageFor({ bank_card: rules.bankCard() }, { bank_card: '6222 0212 3456 7890 127' }),
      BANK_CARD_MESSAGES.check
    )
  })
})

test.group('Identity standards · masks', () => {
  test('a name keeps its first character, numbers their ends', ({ assert }) => {
    assert.equal(maskName('张三'), '张*')
    assert.equal(maskName('王小明'), '王**')
    assert.equal(maskName('买买提·艾力'), '买**·**')
    assert.equal(maskName('John Smith'), 'J*** *****')
    assert.equal(maskName(null), '')
    assert.equal(maskIdNumber('211302199001012853'), '2113**********2853')
    assert.equal(maskBankCard('6222021234567890128'), '6222 **** **** 0128')
  })
})

test.group('Identity standards · agreement with the standards on 100,000 generated numbers', () => {
  test('GB 11643 resident IDs: valid ones pass, every wrong check character fails', ({
    assert,
  }) => {
    const random = prng(11643)
    const provinces = ['11', '31', '44', '65', '71', '81', '82']
    const today = Date.UTC(2026, 0, 1)
    const start = Date.UTC(1900, 0, 1)
    let agreed = 0
    for (let i = 0; i < 100_000; i++) {
      const birth = new Date(start + Math.floor(random() * (today - start)))
      const date = birth.toISOString().slice(0, 10).replaceAll('-', '')
      const region = provinces[Math.floor(random() * provinces.length)]
      const rest = String(Math.floor(random() * 10_000)).padStart(4, '0')
      const seq = String(Math.floor(random() * 1000)).padStart(3, '0')
      const first17 = `${region}${rest}${date}${seq}`
      const check = refResidentCheck(first17)
      const wrong = '0123456789X'[
        ('0123456789X'.indexOf(check) + 1 + Math.floor(random() * 10)) % 11
      ]
      if (
        residentIdCheckChar(first17) === check &&
        isResidentId(first17 + check) &&
        !isResidentId(first17 + wrong)
      ) {
        agreed++
      } else {
        assert.fail(`disagrees on ${first17}${check} (wrong: ${wrong})`)
      }
    }
    assert.equal(agreed, 100_000)
  })

  test('GB 32100 codes with their GB 11714 organisation codes: valid ones pass, wrong check characters fail', ({
    assert,
  }) => {
    const random = prng(32100)
    const pick = (chars: string) => chars[Math.floor(random() * chars.length)]
    const authorities = Object.entries(USCC_AUTHORITIES)
    const bodyChars = '0123456789ABCDEFGHJKLMNPQRTUWXY'
    let agreed = 0
    for (let i = 0; i < 100_000; i++) {
      const [authority, { categories }] = authorities[Math.floor(random() * authorities.length)]
      const category = pick(Object.keys(categories).join(''))
      const region = String(Math.floor(random() * 1_000_000)).padStart(6, '0')
      let body = ''
      for (let j = 0; j < 8; j++) body += pick(bodyChars)
      const org = refOrgCheck(body)
      const first17 = `${authority}${category}${region}${body}${org}`
      const check = refUsccCheck(first17)
      const wrongCheck =
        REF_USCC_CHARS[(REF_USCC_CHARS.indexOf(check) + 1 + Math.floor(random() * 30)) % 31]
      const wrongOrg = org === '0' ? '1' : '0'
      const forgedFirst17 = `${authority}${category}${region}${body}${wrongOrg}`
      const forged = forgedFirst17 + refUsccCheck(forgedFirst17)
      if (
        orgCodeCheckChar(body) === org &&
        usccCheckChar(first17) === check &&
        isUscc(first17 + check) &&
        !isUscc(first17 + wrongCheck) &&
        !isUscc(forged)
      ) {
        agreed++
      } else {
        assert.fail(`disagrees on ${first17}${check}`)
      }
    }
    assert.equal(agreed, 100_000)
  })
})
