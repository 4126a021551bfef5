import type {
  BankCardCheck,
  BankCardProvider,
  OperatorCheck,
  OperatorProvider,
  RealNameCheck,
  RealNameProvider,
  RealNameVerdict,
} from './contract.js'

/**
 * Offline, deterministic element checks for demos and tests (沙箱). The
 * rules are shown on the page next to the 沙箱 label:
 * - every check: a sequence code (digits 15-17 of the ID number) of 999
 *   → the elements do not match, 998 → no such number;
 * - 银行卡四要素: also a card number ending in 0000 → mismatch;
 * - 运营商三要素: also a phone ending in 0000 → mismatch;
 * - anything else matches.
 */
function bySequence(idNumber: string, mismatch: string): RealNameVerdict | null {
  const sequence = idNumber.slice(14, 17)
  if (sequence === '999') return { result: 'mismatch', message: mismatch }
  if (sequence === '998') return { result: 'not_found', message: '查无此身份证号' }
  return null
}

export class SandboxRealNameProvider implements RealNameProvider {
  readonly name = 'sandbox'
  readonly sandbox = true

  static readonly RULES =
    '沙箱规则：身份证号第 15-17 位为 999 时返回“姓名与身份证号不一致”，为 998 时返回“查无此身份证号”，其余均核验通过。'

  readonly rules = SandboxRealNameProvider.RULES

  async check(input: RealNameCheck): Promise<RealNameVerdict> {
    return bySequence(input.idNumber, '姓名与身份证号不一致') ?? { result: 'match' }
  }
}

/**
 * The sandbox of a check with one more element than 身份证核验 (the card
 * number, the phone): that element ending in 0000 is a mismatch too.
 */
abstract class SandboxElementProvider<Input extends RealNameCheck> {
  readonly name = 'sandbox'
  readonly sandbox = true
  readonly rules: string

  constructor(
    private element: { label: string; of: (input: Input) => string },
    private mismatch: string
  ) {
    this.rules = `沙箱规则：${element.label}末 4 位为 0000 或身份证号第 15-17 位为 999 时返回“${mismatch}”，身份证号第 15-17 位为 998 时返回“查无此身份证号”，其余均核验通过。`
  }

  async check(input: Input): Promise<RealNameVerdict> {
    if (this.element.of(input).endsWith('0000')) {
      return { result: 'mismatch', message: this.mismatch }
    }
    return bySequence(input.idNumber, this.mismatch) ?? { result: 'match' }
  }
}

export class SandboxBankCardProvider
  extends SandboxElementProvider<BankCardCheck>
  implements BankCardProvider
{
  constructor() {
    super({ label: '银行卡号', of: (input) => input.cardNumber }, '银行卡信息与身份信息不一致')
  }
}

export class SandboxOperatorProvider
  extends SandboxElementProvider<OperatorCheck>
  implements OperatorProvider
{
  constructor() {
    super({ label: '手机号', of: (input) => input.phone }, '手机号与姓名、身份证号不一致')
  }
}
