import { test } from '@japa/runner'
import vine, { errors } from '@vinejs/vine'
import {
  PASSWORD_RULE_MESSAGE,
  PHONE_RULE_MESSAGE,
  USCC_RULE_MESSAGE,
  idNumberMessage,
  isChinaMobile,
  isForeignPermanentId,
  isResidentId,
  isStrongPassword,
  isUscc,
  isValidIdNumber,
  maskIdNumber,
  maskPhone,
  residentIdBirthDate,
  residentIdCheckChar,
  usccCheckChar,
} from '#core/validation/identity'
import { rules } from '#core/validation/rules'

/**
 * The first 17 characters plus their computed check character.
 */
function withCheck(first17: string) {
  return first17 + residentIdCheckChar(first17)
}

async function messagesFor(schema: Record<string, any>, data: Record<string, unknown>) {
  try {
    await vine.create(schema).validate(data)
    return {}
  } catch (error) {
    if (!(error instanceof errors.E_VALIDATION_ERROR)) throw error
    const bag: Record<string, string> = {}
    for (const m of error.messages as Array<{ field: string; message: string }>)
      bag[m.field] ??= m.message
    return bag
  }
}

test.group('Identity · mobile phone', () => {
  test('accepts mainland mobile numbers 13x–19x', ({ assert }) => {
    for (const phone of [
      '13800138000',
      '14700000000',
      '15912345678',
      '16612345678',
      '17712345678',
      '18612345678',
      '19912345678',
    ]) {
      assert.isTrue(isChinaMobile(phone), phone)
    }
  })

  test("rejects the manuals' examples and other malformed numbers", ({ assert }) => {
    for (const phone of [
      '12440',
      '1111111111',
      '11111111111111111111',
      '111111111111111111',
      '12345678901',
      '10012345678',
      '1380013800',
      '138001380001',
      '1380013800a',
      ' 13800138000',
      '+8613800138000',
      '',
    ]) {
      assert.isFalse(isChinaMobile(phone), phone)
    }
  })

  test('the VineJS rule reports 请输入合法手机号/电话号 at the field', async ({ assert }) => {
    const bag = await messagesFor({ phone: rules.phone() }, { phone: '12440' })
    assert.equal(bag.phone, PHONE_RULE_MESSAGE)
    assert.equal(PHONE_RULE_MESSAGE, '请输入合法手机号/电话号')
    assert.deepEqual(await messagesFor({ phone: rules.phone() }, { phone: ' 13800138000 ' }), {})
  })
})

test.group('Identity · resident ID (GB 11643)', () => {
  test("the check character of the standard's example and of computed numbers", ({ assert }) => {
    assert.equal(residentIdCheckChar('11010519491231002'), 'X')
    assert.isTrue(isResidentId('11010519491231002X'))
    assert.isTrue(isResidentId('11010519491231002x'), 'a lower-case x is accepted')
    assert.equal(residentIdCheckChar('11010119900307447'), '7')
    assert.isTrue(isResidentId('110101199003074477'))
    assert.isTrue(isResidentId(withCheck('44030519851212228')))
    assert.isTrue(isResidentId(withCheck('65010220101010123')))
  })

  test('every wrong check character is rejected', ({ assert }) => {
    const first17 = '11010519491231002'
    for (const c of '0123456789X') {
      assert.equal(isResidentId(first17 + c), c === 'X', `check ${c}`)
    }
  })

  test("rejects the manuals' examples", ({ assert }) => {
    for (const id of ['123', '11111111111111111111', '123456789123456789', '111111111111111111']) {
      assert.isFalse(isResidentId(id), id)
    }
  })

  test('rejects impossible or future birth dates', ({ assert }) => {
    assert.isNull(residentIdBirthDate('110101199002300000'))
    assert.isFalse(isResidentId(withCheck('11010119900230001')), '30 February')
    assert.isFalse(isResidentId(withCheck('11010119901301001')), 'month 13')
    assert.isFalse(isResidentId(withCheck('11010119900100001')), 'day 0')
    assert.isFalse(isResidentId(withCheck('11010119000229001')), '1900 is not a leap year')
    assert.isTrue(isResidentId(withCheck('11010120000229001')), '2000 is a leap year')
    assert.isFalse(isResidentId(withCheck('11010118991231001')), 'before 1900')
    const nextYear = new Date().getUTCFullYear() + 1
    assert.isFalse(isResidentId(withCheck(`110101${nextYear}0101001`)), 'born in the future')
    assert.deepEqual(residentIdBirthDate('11010519491231002X'), new Date(Date.UTC(1949, 11, 31)))
  })

  test('rejects unknown province codes', ({ assert }) => {
    assert.isFalse(isResidentId(withCheck('99010519491231002')))
    assert.isFalse(isResidentId(withCheck('00010519491231002')))
    assert.isTrue(isResidentId(withCheck('81000019491231002')), "Hong Kong residents' mainland ID")
  })

  test('rejects letters other than a final X and wrong lengths', ({ assert }) => {
    assert.isFalse(isResidentId('1101051949123100AX'))
    assert.isFalse(isResidentId('11010519491231002'))
    assert.isFalse(isResidentId('11010519491231002X0'))
    assert.isFalse(isResidentId('110105491231002'), 'the old 15-digit format')
  })

  test('the VineJS rule names what is wrong and upper-cases the value', async ({ assert }) => {
    const bag = await messagesFor(
      { id_type: vine.string(), id_number: rules.idNumber() },
      { id_type: 'resident_id', id_number: '123456789123456789' }
    )
    assert.equal(bag.id_number, '身份证号第 7-14 位（出生日期）不是有效日期')
    const ok = await vine
      .create({ id_type: vine.string(), id_number: rules.idNumber() })
      .validate({ id_type: 'resident_id', id_number: '11010519491231002x' })
    assert.equal(ok.id_number, '11010519491231002X')
  })
})

test.group('Identity · other ID documents', () => {
  test('passport: at least 5 letters or digits', ({ assert }) => {
    assert.isTrue(isValidIdNumber('passport', 'E1234'))
    assert.isTrue(isValidIdNumber('passport', 'G12345678'))
    assert.isFalse(isValidIdNumber('passport', 'E123'))
    assert.isFalse(isValidIdNumber('passport', 'E12 345'))
    assert.equal(idNumberMessage('passport'), '护照号码需 5 位及以上的字母或数字')
  })

  test('Hong Kong/Macao and Taiwan permits, foreign permanent residence card', ({ assert }) => {
    assert.isTrue(isValidIdNumber('hk_macao_permit', 'H12345678'))
    assert.isTrue(isValidIdNumber('hk_macao_permit', 'M1234567801'))
    assert.isFalse(isValidIdNumber('hk_macao_permit', 'A12345678'))
    assert.isTrue(isValidIdNumber('taiwan_permit', '12345678'))
    assert.isFalse(isValidIdNumber('taiwan_permit', '1234567'))
    assert.isTrue(isForeignPermanentId('USA110012250001'))
    assert.isTrue(isForeignPermanentId(withCheck('93001119900101001')))
    const valid = withCheck('93001119900101001')
    const wrong = valid.slice(0, 17) + (valid[17] === '0' ? '1' : '0')
    assert.isFalse(isForeignPermanentId(wrong))
    assert.isFalse(isValidIdNumber('unknown_type', 'E12345'))
  })

  test('the rule follows the chosen ID type', async ({ assert }) => {
    const schema = { id_type: vine.string(), id_number: rules.idNumber() }
    assert.deepEqual(await messagesFor(schema, { id_type: 'passport', id_number: 'E12345' }), {})
    const bag = await messagesFor(schema, { id_type: 'passport', id_number: 'E1' })
    assert.equal(bag.id_number, '护照号码需 5 位及以上的字母或数字')
  })
})

test.group('Identity · unified social credit code (GB 32100)', () => {
  test('accepts published codes whose check character we compute', ({ assert }) => {
    for (const code of [
      '91110108551385082Q',
      '9144030071526726XG',
      '914403001922038216',
      '91330100716105852F',
      '911000001000013428',
      '12100000400000624D',
      '91110000802100433B',
    ]) {
      assert.equal(usccCheckChar(code.slice(0, 17)), code[17], code)
      assert.isTrue(isUscc(code), code)
      assert.isTrue(isUscc(code.toLowerCase()), `${code} in lower case`)
    }
  })

  test('rejects every wrong check character', ({ assert }) => {
    const first17 = '91110108551385082'
    for (const c of '0123456789ABCDEFGHJKLMNPQRTUWXY') {
      assert.equal(isUscc(first17 + c), c === 'Q', `check ${c}`)
    }
  })

  test("rejects the manuals' examples, wrong lengths and forbidden letters", ({ assert }) => {
    for (const code of [
      '12440',
      '1111111111',
      '111111111111111111',
      '11111111111111111111',
      '91110108551385082',
      '91110108551385082QQ',
      '9111010855138508IQ',
      'I1110108551385082Q',
      '91110A08551385082Q',
    ]) {
      assert.isFalse(isUscc(code), code)
    }
    assert.isNull(usccCheckChar('9111010855138508I'))
  })

  test('the VineJS rule: 请输入 18 位统一社会信用代码 for a wrong length, the part that is wrong otherwise', async ({
    assert,
  }) => {
    assert.equal(
      (await messagesFor({ uscc: rules.uscc() }, { uscc: '12440' })).uscc,
      USCC_RULE_MESSAGE
    )
    assert.equal(USCC_RULE_MESSAGE, '请输入 18 位统一社会信用代码')
    assert.equal(
      (await messagesFor({ uscc: rules.uscc() }, { uscc: '11111111111111111111' })).uscc,
      USCC_RULE_MESSAGE
    )
    assert.equal(
      (await messagesFor({ uscc: rules.uscc() }, { uscc: '111111111111111111' })).uscc,
      '统一社会信用代码第 9-17 位（组织机构代码）的校验码不正确'
    )
    assert.equal(
      (await messagesFor({ uscc: rules.uscc() }, { uscc: '91110108551385082A' })).uscc,
      '统一社会信用代码最后一位（校验码）不正确，请核对后重新输入'
    )
    const ok = await vine.create({ uscc: rules.uscc() }).validate({ uscc: ' 91110108551385082q ' })
    assert.equal(ok.uscc, '91110108551385082Q')
  })
})

test.group('Identity · password rule', () => {
  test('digits, lower-case and upper-case letters, longer than 8', ({ assert }) => {
    for (const password of ['Abcdefgh1', 'Passw0rd123', '1234567aB', 'aB3!aB3!aB3!'])
      assert.isTrue(isStrongPassword(password), password)
  })

  test("rejects the manuals' examples and near misses", ({ assert }) => {
    for (const password of [
      '123',
      '123456789',
      'a12345678',
      'A12345678',
      'Aa123',
      "a'12345678",
      'Abcdef12',
      'ABCDEFGHI1',
      'abcdefghi1',
      'Abcdefghij',
      'A1' + 'a'.repeat(63),
    ]) {
      assert.isFalse(isStrongPassword(password), password)
    }
  })

  test("the VineJS rule reports the manual's message", async ({ assert }) => {
    const bag = await messagesFor({ password: rules.password() }, { password: 'a12345678' })
    assert.equal(bag.password, PASSWORD_RULE_MESSAGE)
    assert.equal(PASSWORD_RULE_MESSAGE, '密码为数字、小写字母、大写字母，且长度大于 8 位')
  })
})

test.group('Identity · masks', () => {
  test('phones and ID numbers are masked for display', ({ assert }) => {
    assert.equal(maskPhone('13800138000'), '138****8000')
    assert.equal(maskPhone(null), '')
    assert.equal(maskIdNumber('11010519491231002X'), '1101**********002X')
    assert.equal(maskIdNumber('E1234'), '*****')
  })
})
