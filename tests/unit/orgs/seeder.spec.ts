import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import Org from '#orgs/models/org'
import Membership from '#orgs/models/membership'

/**
 * The demo seed has an org with an admin, a legal representative and a
 * member, so a newcomer can walk the enterprise journey from the README.
 */
test.group('Orgs · demo seeder', () => {
  test('seeds 示例科技有限公司 with an admin, a legal representative and a member; again: nothing', async ({
    assert,
  }) => {
    const { default: OrgsSeeder } = await import('#database/seeders/04_orgs_seeder')
    const log = console.log
    console.log = () => {}
    try {
      await new OrgsSeeder(db.connection()).run()
      const org = await Org.findByOrFail('name', '示例科技有限公司')
      assert.equal(org.status, 'claimed')
      assert.isNotNull(org.validatedAt)
      const members = await Membership.query().where('org_id', org.id).where('status', 'active')
      assert.lengthOf(members, 3)
      assert.equal(members.filter((m) => m.role === 'admin').length, 1)
      assert.equal(members.filter((m) => m.isLegalRep).length, 1)
      await new OrgsSeeder(db.connection()).run()
      assert.lengthOf(await Org.query().where('name', '示例科技有限公司'), 1)
    } finally {
      console.log = log
    }
  })
})
