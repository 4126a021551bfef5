import type { RealNameCheck, RealNameProvider, RealNameVerdict } from './contract.js'

/**
 * Offline, deterministic identity check for demos and tests:
 * - a sequence code (digits 15-17 of the ID number) of 999 → 姓名与身份证号不一致
 * - a sequence code of 998 → 查无此身份证号
 * - anything else → match
 * The rules are shown on the page next to the 沙箱 label.
 */
export class SandboxRealNameProvider implements RealNameProvider {
  readonly name = 'sandbox'
  readonly sandbox = true

  static readonly RULES =
    '沙箱规则：身份证号第 15-17 位为 999 时返回“姓名与身份证号不一致”，为 998 时返回“查无此身份证号”，其余均核验通过。'

  async check(input: RealNameCheck): Promise<RealNameVerdict> {
    const sequence = input.idNumber.slice(14, 17)
    if (sequence === '999') return { result: 'mismatch', message: '姓名与身份证号不一致' }
    if (sequence === '998') return { result: 'not_found', message: '查无此身份证号' }
    return { result: 'match' }
  }
}
