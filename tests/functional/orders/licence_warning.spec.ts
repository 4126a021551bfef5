import { test } from '@japa/runner'
import { asApplicant } from '#tests/helpers/auth'
import { makeFakeFile } from '#tests/helpers/files'
import { oneOcrWorker } from '#tests/helpers/ocr'
import { fixture } from '#ocr/bench/documents'
import {
  catalogFixture,
  fillApplication,
  verifiedApplicant,
} from '#tests/functional/orders/support'
import { usccCode } from '#tests/helpers/factories'
import OrderMaterial from '#orders/models/order_material'

/**
 * An org's order: the 营业执照 uploaded as a material is read (#ocr) and
 * compared with the org's credit code; a licence of another organisation
 * is uploaded all the same, with a warning to check it. One reading.
 */
test.group('Orders · the licence among the materials', (group) => {
  group.setup(() => oneOcrWorker())

  test('a licence whose code is not the org’s is kept, with a warning naming both codes', async ({
    client,
    assert,
  }) => {
    const { cloud, cloudMaterial } = await catalogFixture()
    const user = await verifiedApplicant()
    const draft = await fillApplication(client, user, cloud.id, cloudMaterial.id)
    /* the order of an org, whose product asks for the licence */
    const orgCode = usccCode()
    draft.subjectUscc = orgCode
    draft.productSnapshot = {
      ...draft.productSnapshot,
      materials: draft.productSnapshot.materials.map((m) => ({
        ...m,
        name: '营业执照副本复印件',
        minSize: null,
        maxSize: 5 * 1024 * 1024,
      })),
    }
    await draft.save()
    const licence = await fixture('licence', 44, 'jpeg')
    const upload = await asApplicant(client.post(`/orders/${draft.orderNo}/apply/materials`), user)
      .withCsrfToken()
      .field('intent', 'upload')
      .file(`material_${cloudMaterial.id}`, makeFakeFile('licence.jpg', licence.image))
      .redirects(0)
    upload.assertStatus(302)
    const warning = upload.flashMessages().warning as string
    assert.include(warning, licence.truth.credit_code)
    assert.include(warning, orgCode)
    assert.include(warning, '营业执照副本复印件')
    const stored = await OrderMaterial.query().where('order_id', draft.id).firstOrFail()
    assert.equal(stored.fileType, 'jpg')
  }).timeout(90_000)
})
