import router from '@adonisjs/core/services/router'
import { controllers } from '#generated/controllers'
import { backOfficeRoutes } from '#core/http/back_office_routes'

/**
 * Back-office pages of the catalog (prefix /admin, names "admin.*", staff
 * sign-in; a Bouncer policy in every action). Ids are UUIDs (404
 * otherwise).
 *
 * 业务目录 (super admin): regions, platforms, pickup points, shipping
 * origins, products and their materials. 内容 (operators): notices,
 * guides, downloads.
 */
const admin = controllers.catalog.admin

/**
 * index, create, store, edit, update, status (switch on/off, publish)
 * and destroy of one kind of item (an ItemPagesController).
 */
function itemPages(path: string, name: string, controller: any) {
  router.get(path, [controller, 'index']).as(`${name}.index`)
  router.get(`${path}/create`, [controller, 'create']).as(`${name}.create`)
  router.post(path, [controller, 'store']).as(`${name}.store`)
  router.get(`${path}/:id/edit`, [controller, 'edit']).as(`${name}.edit`)
  router.put(`${path}/:id`, [controller, 'update']).as(`${name}.update`)
  router.post(`${path}/:id/status`, [controller, 'status']).as(`${name}.status`)
  router.delete(`${path}/:id`, [controller, 'destroy']).as(`${name}.destroy`)
}

backOfficeRoutes(() => {
  itemPages('/catalog/regions', 'catalog.regions', admin.Regions)
  itemPages('/catalog/platforms', 'catalog.platforms', admin.Platforms)
  itemPages('/catalog/pickup-points', 'catalog.pickup_points', admin.PickupPoints)
  itemPages('/catalog/shipping-origins', 'catalog.shipping_origins', admin.ShippingOrigins)

  itemPages('/catalog/products', 'catalog.products', admin.Products)
  router.get('/catalog/products/:id', [admin.Products, 'show']).as('catalog.products.show')
  itemPages('/catalog/packages', 'catalog.packages', admin.Packages)

  const materials = '/catalog/products/:productId/materials'
  router.get(`${materials}/create`, [admin.Materials, 'create']).as('catalog.materials.create')
  router.post(materials, [admin.Materials, 'store']).as('catalog.materials.store')
  router.get('/catalog/materials/:id/edit', [admin.Materials, 'edit']).as('catalog.materials.edit')
  router.put('/catalog/materials/:id', [admin.Materials, 'update']).as('catalog.materials.update')
  router
    .delete('/catalog/materials/:id', [admin.Materials, 'destroy'])
    .as('catalog.materials.destroy')

  itemPages('/content/notices', 'content.notices', admin.Notices)
  itemPages('/content/guides', 'content.guides', admin.Guides)
  itemPages('/content/downloads', 'content.downloads', admin.Downloads)
  router.get('/content/downloads/:id/file', [admin.Downloads, 'file']).as('content.downloads.file')
})
  .where('id', router.matchers.uuid())
  .where('productId', router.matchers.uuid())
