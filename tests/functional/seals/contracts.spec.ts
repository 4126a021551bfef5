import { test } from '@japa/runner'
import { asApplicant } from '#tests/helpers/auth'
import { bodyBuffer } from '#tests/helpers/binary'
import { ensureCa } from '#tests/unit/issuance/support'
import { verifiedUser } from '#tests/functional/orgs/helpers'
import { pdfsig } from '#tests/functional/invoices/support'
import { padSignature } from '#tests/unit/seals/support'
import { certificateFor } from '#tests/functional/seals/helpers'
import { makeSealFromTemplate } from '#seals/actions/seals'
import SealContract from '#seals/models/seal_contract'
import SealUsage from '#seals/models/seal_usage'
import Seal from '#seals/models/seal'
import AuditLog from '#core/audit/audit_log'

/**
 * 电子合同 (manual 003 §3.2.1, issue 13): a real-name verified applicant
 * ticks 本人已同意签署合同, signs on the pad (or with a photo, or their own
 * 个人手写签名), may stamp a seal; the PDF carries the signature and the
 * office's seal and verifies with pdfsig as signed by the office's CA.
 */
async function dataUrl() {
  return `data:image/png;base64,${(await padSignature()).toString('base64')}`
}

function imagesIn(pdf: Buffer) {
  return (pdf.toString('latin1').match(/\/Subtype \/Image/g) ?? []).length
}

test.group('seals · the signed e-contract', (group) => {
  group.setup(async () => {
    await ensureCa()
  })

  test('sign with the pad: the PDF carries the signature and the office seal, pdfsig says the office signed it; listed and downloadable', async ({
    client,
    assert,
  }) => {
    const user = await verifiedUser('周合同')
    const form = await asApplicant(client.get('/seals/contracts/new'), user)
    form.assertStatus(200)
    assert.include(form.text(), '数字证书服务电子合同')
    assert.include(form.text(), '本人已阅读并同意签署合同')
    assert.include(form.text(), 'name="signature"')

    const response = await asApplicant(client.post('/seals/contracts'), user)
      .withCsrfToken()
      .form({ agree: 'yes', signature_data: await dataUrl() })
      .redirects(0)
    response.assertStatus(302)
    const contract = await SealContract.query().where('user_id', user.id).firstOrFail()
    assert.equal(response.header('location'), `/seals/contracts/${contract.id}`)
    assert.equal(contract.partyName, '周合同')
    assert.notInclude(contract.partyIdNumber!, user.realIdNumber!.slice(6, 14))
    assert.isNull(contract.orgId)

    const show = await asApplicant(client.get(`/seals/contracts/${contract.id}`), user)
    show.assertStatus(200)
    assert.include(show.text(), contract.contractNo)
    const list = await asApplicant(client.get('/seals/contracts'), user)
    assert.include(list.text(), `/seals/contracts/${contract.id}/contract.pdf`)

    const download = await asApplicant(
      client.get(`/seals/contracts/${contract.id}/contract.pdf`),
      user
    )
    download.assertStatus(200)
    assert.equal(download.header('content-type'), 'application/pdf')
    const pdf = bodyBuffer(download)
    const check = await pdfsig(pdf)
    assert.include(check.out, 'Signature is Valid', check.out)
    assert.include(check.out, 'ETSI.CAdES.detached')
    assert.include(check.out, '示例数字证书服务中心')
    assert.isAtLeast(imagesIn(pdf), 2, 'the office seal and the signature')

    const entry = await AuditLog.query()
      .where('action', 'seals.contract.sign')
      .where('subject_id', contract.id)
      .firstOrFail()
    assert.equal(entry.details?.pdfSha256, contract.pdfSha256)
  })

  test('refusals: not ticked, no signature, not verified — nothing signed, the message at the field', async ({
    client,
    assert,
  }) => {
    const user = await verifiedUser('吴拒绝')
    const unticked = await asApplicant(client.post('/seals/contracts'), user)
      .withCsrfToken()
      .header('referer', '/seals/contracts/new')
      .form({ signature_data: await dataUrl() })
      .redirects(0)
    unticked.assertStatus(302)
    assert.property(unticked.flashMessages().inputErrorsBag ?? {}, 'agree')

    const unsigned = await asApplicant(client.post('/seals/contracts'), user)
      .withCsrfToken()
      .header('referer', '/seals/contracts/new')
      .form({ agree: 'yes' })
      .redirects(0)
    assert.property(unsigned.flashMessages().inputErrorsBag ?? {}, 'signature')

    const stranger = await verifiedUser('郑未认证', { realNameStatus: 'none' } as any)
    const page = await asApplicant(client.get('/seals/contracts/new'), stranger)
    assert.include(page.text(), '前往实名认证')
    const refused = await asApplicant(client.post('/seals/contracts'), stranger)
      .withCsrfToken()
      .header('referer', '/seals/contracts/new')
      .form({ agree: 'yes', signature_data: await dataUrl() })
      .redirects(0)
    assert.property(refused.flashMessages().inputErrorsBag ?? {}, 'agree')
    assert.equal(
      await SealContract.query()
        .whereIn('user_id', [user.id, stranger.id])
        .count('* as n')
        .then((r) => Number(r[0].$extras.n)),
      0
    )
  })

  test("own signature and name seal stamped, the use recorded; another person's seal refused, their contract 404", async ({
    client,
    assert,
  }) => {
    const user = await verifiedUser('钱印章')
    await certificateFor(user, { name: '钱印章', idNumber: user.realIdNumber! })
    const owner = { type: 'person' as const, userId: user.id, name: '钱印章', idNumber: null }
    const { seal } = await makeSealFromTemplate(owner, { kind: 'personal', text: '钱印章' })
    const signatureSeal = await Seal.create({
      ...seal.$attributes,
      id: undefined,
      code: `${seal.code.slice(0, 18)}9`,
      kind: 'personal_signature',
      name: '钱印章个人手写签名',
      source: 'signature',
    } as any)

    const other = await verifiedUser('孙他人')
    const theirs = await asApplicant(client.post('/seals/contracts'), other)
      .withCsrfToken()
      .header('referer', '/seals/contracts/new')
      .form({ agree: 'yes', seal_id: seal.id, signature_data: await dataUrl() })
      .redirects(0)
    assert.property(theirs.flashMessages().inputErrorsBag ?? {}, 'seal_id')

    const form = await asApplicant(client.get('/seals/contracts/new'), user)
    assert.include(form.text(), '钱印章个人手写签名')
    assert.include(form.text(), '乙方签章')
    const response = await asApplicant(client.post('/seals/contracts'), user)
      .withCsrfToken()
      .form({ agree: 'yes', signature_seal_id: signatureSeal.id, seal_id: seal.id })
      .redirects(0)
    response.assertStatus(302)
    const contract = await SealContract.query().where('user_id', user.id).firstOrFail()
    assert.equal(contract.sealId, seal.id)
    const uses = await SealUsage.query().where('user_id', user.id).orderBy('seal_id')
    assert.sameMembers(
      uses.map((u) => u.sealId),
      [seal.id, signatureSeal.id]
    )
    assert.isTrue(uses.every((u) => u.operation === '签署电子合同'))

    const peek = await asApplicant(client.get(`/seals/contracts/${contract.id}`), other)
    peek.assertStatus(404)
    const pdf = await asApplicant(client.get(`/seals/contracts/${contract.id}/contract.pdf`), other)
    pdf.assertStatus(404)
  })
})
