import { randomUUID } from 'node:crypto'
import { test } from '@japa/runner'
import { DateTime } from 'luxon'
import sharp from 'sharp'
import { asApplicant } from '#tests/helpers/auth'
import { bodyBuffer } from '#tests/helpers/binary'
import { ensureCa, nssDb } from '#tests/unit/issuance/support'
import { claimedOrg, verifiedUser } from '#tests/functional/orgs/helpers'
import { pdfsig } from '#tests/functional/invoices/support'
import { padSignature } from '#tests/unit/seals/support'
import { asOrg, certificateFor, sealPackageFor } from '#tests/functional/seals/helpers'
import { makeSealFromTemplate } from '#seals/actions/seals'
import { grantSeals } from '#seals/actions/grants'
import { contractFormToken } from '#seals/actions/contracts'
import SealContract from '#seals/models/seal_contract'
import SealUsage from '#seals/models/seal_usage'
import Seal from '#seals/models/seal'
import AuditLog from '#core/audit/audit_log'
import Order from '#orders/models/order'
import { catalogFixture, fillApplication } from '#tests/functional/orders/support'

/**
 * 电子合同 (manual 003 §3.2.1, issue 13): a real-name verified applicant
 * ticks 本人已同意签署合同, signs on the pad (or with a photo, or their own
 * 个人手写签名), may stamp a seal; the PDF carries the signature and the
 * office's seal and verifies with pdfsig as signed by the office's CA.
 */
async function dataUrl() {
  return `data:image/png;base64,${(await padSignature()).toString('base64')}`
}

/** 上传身份证件: any real photo will do for the form */
async function idPhoto() {
  return sharp({ create: { width: 320, height: 200, channels: 3, background: '#dde4ee' } })
    .png()
    .toBuffer()
}

/** the one-time token the form page gives (every POST must carry one) */
function tokenIn(page: { text(): string }) {
  return /name="form_token" value="([^"]+)"/.exec(page.text())?.[1]
}

/** a fresh form's token for this signer (the page visited as they would) */
async function formToken(
  client: any,
  user: Parameters<typeof asApplicant>[1],
  membershipId?: string
): Promise<string> {
  const request = client.get('/seals/contracts/new')
  const page = await (membershipId
    ? asOrg(request, user, membershipId)
    : asApplicant(request, user))
  const token = tokenIn(page)
  if (!token) throw new Error('the contract form carries no form_token')
  return token
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
    assert.include(form.text(), 'name="id_photo"')

    const response = await asApplicant(client.post('/seals/contracts'), user)
      .withCsrfToken()
      .fields({
        agree: 'yes',
        signature_data: await dataUrl(),
        form_token: await formToken(client, user),
      })
      .file('id_photo', await idPhoto(), { filename: 'id.png' })
      .redirects(0)
    response.assertStatus(302)
    const contract = await SealContract.query().where('user_id', user.id).firstOrFail()
    assert.equal(response.header('location'), `/seals/contracts/${contract.id}`)
    assert.equal(contract.partyName, '周合同')
    assert.notInclude(contract.partyIdNumber!, user.realIdNumber!.slice(6, 14))
    assert.isNull(contract.orgId)
    assert.isString(contract.idPhotoKey, 'the ID photo is kept with the contract')

    const show = await asApplicant(client.get(`/seals/contracts/${contract.id}`), user)
    show.assertStatus(200)
    assert.include(show.text(), contract.contractNo)
    const list = await asApplicant(client.get('/seals/contracts'), user)
    assert.include(list.text(), `/seals/contracts/${contract.id}/contract.pdf`)
    const account = await asApplicant(client.get('/account'), user)
    assert.include(account.text(), 'href="/seals/contracts"')

    const download = await asApplicant(
      client.get(`/seals/contracts/${contract.id}/contract.pdf`),
      user
    )
    download.assertStatus(200)
    assert.equal(download.header('content-type'), 'application/pdf')
    const pdf = bodyBuffer(download)
    const check = await pdfsig(pdf, await nssDb())
    assert.include(check.out, 'Signature is Valid', check.out)
    assert.include(check.out, 'ETSI.CAdES.detached')
    assert.include(check.out, 'Certificate is Trusted', 'the signer chains to our root')
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
      .form({ signature_data: await dataUrl(), form_token: await formToken(client, user) })
      .redirects(0)
    unticked.assertStatus(302)
    assert.property(unticked.flashMessages().inputErrorsBag ?? {}, 'agree')

    const unsigned = await asApplicant(client.post('/seals/contracts'), user)
      .withCsrfToken()
      .header('referer', '/seals/contracts/new')
      .fields({ agree: 'yes', form_token: await formToken(client, user) })
      .file('id_photo', await idPhoto(), { filename: 'id.png' })
      .redirects(0)
    assert.property(unsigned.flashMessages().inputErrorsBag ?? {}, 'signature')

    const noIdPhoto = await asApplicant(client.post('/seals/contracts'), user)
      .withCsrfToken()
      .header('referer', '/seals/contracts/new')
      .form({
        agree: 'yes',
        signature_data: await dataUrl(),
        form_token: await formToken(client, user),
      })
      .redirects(0)
    assert.deepInclude(noIdPhoto.flashMessages().inputErrorsBag ?? {}, {
      id_photo: ['请上传身份证件照片'],
    })

    const stranger = await verifiedUser('郑未认证', { realNameStatus: 'none' } as any)
    const page = await asApplicant(client.get('/seals/contracts/new'), stranger)
    assert.include(page.text(), '前往实名认证')
    const refused = await asApplicant(client.post('/seals/contracts'), stranger)
      .withCsrfToken()
      .header('referer', '/seals/contracts/new')
      .fields({
        agree: 'yes',
        signature_data: await dataUrl(),
        /* the page offers no form before 实名认证: a token as it would give one */
        form_token: contractFormToken(stranger.id),
      })
      .file('id_photo', await idPhoto(), { filename: 'id.png' })
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
      .fields({
        agree: 'yes',
        seal_id: seal.id,
        signature_data: await dataUrl(),
        form_token: await formToken(client, other),
      })
      .file('id_photo', await idPhoto(), { filename: 'id.png' })
      .redirects(0)
    assert.property(theirs.flashMessages().inputErrorsBag ?? {}, 'seal_id')

    const form = await asApplicant(client.get('/seals/contracts/new'), user)
    assert.include(form.text(), '钱印章个人手写签名')
    assert.include(form.text(), '乙方签章')
    const response = await asApplicant(client.post('/seals/contracts'), user)
      .withCsrfToken()
      .fields({
        agree: 'yes',
        signature_seal_id: signatureSeal.id,
        seal_id: seal.id,
        form_token: tokenIn(form)!,
      })
      .file('id_photo', await idPhoto(), { filename: 'id.png' })
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

  test('a product that requires the contract: the confirm step links to it and refuses to submit until it is signed; the order links to the contract', async ({
    client,
    assert,
  }) => {
    const catalog = await catalogFixture()
    catalog.cloud.spec = { ...(catalog.cloud.spec ?? {}), requiresContract: true }
    await catalog.cloud.save()
    const user = await verifiedUser('卫下单')
    const order = await fillApplication(client, user, catalog.cloud.id, catalog.cloudMaterial.id)
    assert.isTrue(order.productSnapshot.requiresContract)
    const confirm = await asApplicant(client.get(`/orders/${order.orderNo}/apply/confirm`), user)
    assert.include(confirm.text(), '/seals/contracts/new')
    assert.include(confirm.text(), '须先签署数字证书服务电子合同')
    const refused = await asApplicant(client.post(`/orders/${order.orderNo}/apply/confirm`), user)
      .withCsrfToken()
      .header('referer', `/orders/${order.orderNo}/apply/confirm`)
      .form({})
      .redirects(0)
    refused.assertStatus(302)
    assert.equal((await Order.findOrFail(order.id)).status, 'draft')

    await asApplicant(client.post('/seals/contracts'), user)
      .withCsrfToken()
      .fields({
        agree: 'yes',
        signature_data: await dataUrl(),
        form_token: await formToken(client, user),
      })
      .file('id_photo', await idPhoto(), { filename: 'id.png' })
      .redirects(0)
    const again = await asApplicant(client.get(`/orders/${order.orderNo}/apply/confirm`), user)
    assert.notInclude(again.text(), '须先签署数字证书服务电子合同')
    const submitted = await asApplicant(client.post(`/orders/${order.orderNo}/apply/confirm`), user)
      .withCsrfToken()
      .form({})
      .redirects(0)
    submitted.assertStatus(302)
    assert.notEqual((await Order.findOrFail(order.id)).status, 'draft')
    const page = await asApplicant(client.get(`/orders/${order.orderNo}`), user)
    assert.include(page.text(), 'href="/seals/contracts"')
  })

  test('acting for an org: the org is 乙方, an org seal authorised to the member is stamped and its use recorded for the org; another org’s seal is refused', async ({
    client,
    assert,
  }) => {
    const admin = await verifiedUser('杨管理')
    const member = await verifiedUser('朱员工')
    const { org, memberships } = await claimedOrg(admin, { members: [member] })
    await certificateFor(admin, {
      name: org.name,
      idNumber: org.uscc,
      org: { name: org.name, uscc: org.uscc },
    })
    await sealPackageFor(org.id)
    const owner = {
      type: 'org' as const,
      userId: admin.id,
      orgId: org.id,
      orgName: org.name,
      uscc: org.uscc,
    }
    const { seal } = await makeSealFromTemplate(owner, { kind: 'contract', text: org.name })
    await Seal.query().where('id', seal.id).update({ status: 'active' })
    const today = DateTime.now().setZone('Asia/Shanghai')
    await grantSeals(org.id, {
      userIds: [member.id],
      sealIds: [seal.id],
      from: today.toISODate()!,
      to: today.plus({ months: 1 }).toISODate()!,
    })

    const other = await verifiedUser('秦别家')
    const elsewhere = await claimedOrg(other)
    await certificateFor(other, {
      name: elsewhere.org.name,
      idNumber: elsewhere.org.uscc,
      org: { name: elsewhere.org.name, uscc: elsewhere.org.uscc },
    })
    await sealPackageFor(elsewhere.org.id)
    const foreign = await makeSealFromTemplate(
      {
        type: 'org',
        userId: other.id,
        orgId: elsewhere.org.id,
        orgName: elsewhere.org.name,
        uscc: elsewhere.org.uscc,
      },
      { kind: 'contract', text: elsewhere.org.name }
    )
    await Seal.query().where('id', foreign.seal.id).update({ status: 'active' })

    const form = await asOrg(client.get('/seals/contracts/new'), member, memberships[0].id)
    assert.include(form.text(), seal.name)
    assert.notInclude(form.text(), foreign.seal.name)
    const refused = await asOrg(client.post('/seals/contracts'), member, memberships[0].id)
      .withCsrfToken()
      .header('referer', '/seals/contracts/new')
      .fields({
        agree: 'yes',
        seal_id: foreign.seal.id,
        signature_data: await dataUrl(),
        form_token: tokenIn(form)!,
      })
      .file('id_photo', await idPhoto(), { filename: 'id.png' })
      .redirects(0)
    assert.property(refused.flashMessages().inputErrorsBag ?? {}, 'seal_id')

    const signed = await asOrg(client.post('/seals/contracts'), member, memberships[0].id)
      .withCsrfToken()
      .fields({
        agree: 'yes',
        seal_id: seal.id,
        signature_data: await dataUrl(),
        form_token: await formToken(client, member, memberships[0].id),
      })
      .file('id_photo', await idPhoto(), { filename: 'id.png' })
      .redirects(0)
    signed.assertStatus(302)
    const contract = await SealContract.query().where('user_id', member.id).firstOrFail()
    assert.equal(contract.orgId, org.id)
    assert.equal(contract.partyName, org.name)
    assert.equal(contract.partyIdNumber, org.uscc)
    assert.equal(contract.signerName, '朱员工')
    const use = await SealUsage.query().where('seal_id', seal.id).firstOrFail()
    assert.equal(use.orgId, org.id)
    assert.equal(use.userId, member.id)
  })

  test('the form submitted twice (a double click, at once and again later) makes one contract and one act of signing; both answers lead to it', async ({
    client,
    assert,
  }) => {
    const user = await verifiedUser('吴双击')
    await certificateFor(user, { name: '吴双击', idNumber: user.realIdNumber! })
    const owner = { type: 'person' as const, userId: user.id, name: '吴双击', idNumber: null }
    const { seal } = await makeSealFromTemplate(owner, { kind: 'personal', text: '吴双击' })
    const form = await asApplicant(client.get('/seals/contracts/new'), user)
    const token = tokenIn(form)
    assert.isString(token, 'the form carries a one-time token')
    const signature = await dataUrl()
    const photo = await idPhoto()
    const submit = () =>
      asApplicant(client.post('/seals/contracts'), user)
        .withCsrfToken()
        .fields({ agree: 'yes', seal_id: seal.id, signature_data: signature, form_token: token! })
        .file('id_photo', photo, { filename: 'id.png' })
        .redirects(0)
    const [first, second] = await Promise.all([submit(), submit()])
    const third = await submit()
    const contracts = await SealContract.query().where('user_id', user.id)
    assert.lengthOf(contracts, 1, 'one contract')
    for (const response of [first, second, third]) {
      response.assertStatus(302)
      assert.equal(response.header('location'), `/seals/contracts/${contracts[0].id}`)
    }
    const signings = await AuditLog.query()
      .where('action', 'seals.contract.sign')
      .where('subject_id', contracts[0].id)
    assert.lengthOf(signings, 1, 'one act of signing')
    assert.lengthOf(await SealUsage.query().where('seal_id', seal.id), 1, 'one use of the seal')

    /* a new visit of the form is a new signing */
    const again = await asApplicant(client.get('/seals/contracts/new'), user)
    const next = tokenIn(again)
    assert.notEqual(next, token)
  })
  test("a POST without the form's one-time token, or with a token the page did not give (made up, or another signer's), signs nothing: a Chinese message on top of the form, the choices kept, the page gives a fresh token", async ({
    client,
    assert,
  }) => {
    const user = await verifiedUser('冯令牌')
    await certificateFor(user, { name: '冯令牌', idNumber: user.realIdNumber! })
    const owner = { type: 'person' as const, userId: user.id, name: '冯令牌', idNumber: null }
    const { seal } = await makeSealFromTemplate(owner, { kind: 'personal', text: '冯令牌' })
    const other = await verifiedUser('褚他人')
    const theirs = await formToken(client, other)
    const signature = await dataUrl()
    const photo = await idPhoto()
    let flashed: Record<string, any> = {}
    for (const token of [undefined, '', randomUUID(), `${randomUUID()}.forged`, theirs]) {
      const refused = await asApplicant(client.post('/seals/contracts'), user)
        .withCsrfToken()
        .header('referer', '/seals/contracts/new')
        .fields({
          agree: 'yes',
          seal_id: seal.id,
          signature_data: signature,
          ...(token === undefined ? {} : { form_token: token }),
        })
        .file('id_photo', photo, { filename: 'id.png' })
        .redirects(0)
      refused.assertStatus(302)
      assert.equal(refused.header('location'), '/seals/contracts/new', String(token))
      const flash = refused.flashMessages()
      flashed = flash
      assert.include(flash.error ?? '', '签署页面已失效', String(token))
      assert.equal(flash.agree, 'yes', 'the tick is kept')
      assert.equal(flash.seal_id, seal.id, 'the chosen seal is kept')
    }
    assert.lengthOf(await SealContract.query().whereIn('user_id', [user.id, other.id]), 0)
    assert.lengthOf(await SealUsage.query().where('seal_id', seal.id), 0)
    assert.lengthOf(await AuditLog.query().where('action', 'seals.contract.sign'), 0)

    /* the form shown again: the message, the choices, and a fresh token that signs */
    const again = await asApplicant(client.get('/seals/contracts/new'), user).withFlashMessages(
      flashed
    )
    assert.include(again.text(), '签署页面已失效')
    assert.match(again.text(), /name="agree" value="yes"[^>]*checked/, 'the tick is still there')
    const fresh = tokenIn(again)
    assert.isString(fresh)
    assert.notEqual(fresh, tokenIn(await asApplicant(client.get('/seals/contracts/new'), user)))
    const signed = await asApplicant(client.post('/seals/contracts'), user)
      .withCsrfToken()
      .fields({ agree: 'yes', seal_id: seal.id, signature_data: signature, form_token: fresh! })
      .file('id_photo', photo, { filename: 'id.png' })
      .redirects(0)
    signed.assertStatus(302)
    assert.lengthOf(await SealContract.query().where('user_id', user.id), 1)
  })
})
