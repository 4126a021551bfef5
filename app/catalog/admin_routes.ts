import router from '@adonisjs/core/services/router'
import { controllers } from '#generated/controllers'
import { middleware } from '#start/kernel'

/**
 * Back-office pages of the "catalog" area: prefix /admin, names "admin.*",
 * middleware.staff() on every route, a Bouncer policy in every action.
 *
 * 业务目录 (super admin): regions, platforms, pickup points, shipping
 * origins, products and their materials. 内容 (operators): notices,
 * guides, downloads.
 */
/**
 * index, create, store, edit, update, status (switch on/off, publish)
 * and destroy of one kind of item; ids are UUIDs (404 otherwise).
 */
function crud(
  path: string,
  name: string,
  controller: any,
  extra: (uuid: ReturnType<typeof router.matchers.uuid>) => void = () => {}
) {
  const uuid = router.matchers.uuid()
  router.get(path, [controller, 'index']).as(`${name}.index`)
  router.get(`${path}/create`, [controller, 'create']).as(`${name}.create`)
  router.post(path, [controller, 'store']).as(`${name}.store`)
  router.get(`${path}/:id/edit`, [controller, 'edit']).as(`${name}.edit`).where('id', uuid)
  router.put(`${path}/:id`, [controller, 'update']).as(`${name}.update`).where('id', uuid)
  router.post(`${path}/:id/status`, [controller, 'status']).as(`${name}.status`).where('id', uuid)
  router.delete(`${path}/:id`, [controller, 'destroy']).as(`${name}.destroy`).where('id', uuid)
  extra(uuid)
}

router
  .group(() => {
    crud('/catalog/regions', 'catalog.regions', controllers.admin.CatalogRegions)
    crud('/catalog/platforms', 'catalog.platforms', controllers.admin.CatalogPlatforms)
    crud('/catalog/pickup-points', 'catalog.pickup_points', controllers.admin.CatalogPickupPoints)
    crud(
      '/catalog/shipping-origins',
      'catalog.shipping_origins',
      controllers.admin.CatalogShippingOrigins
    )
    crud('/catalog/products', 'catalog.products', controllers.admin.CatalogProducts, (uuid) => {
      router
        .get('/catalog/products/:id', [controllers.admin.CatalogProducts, 'show'])
        .as('catalog.products.show')
        .where('id', uuid)
      router
        .get('/catalog/products/:productId/materials/create', [
          controllers.admin.CatalogMaterials,
          'create',
        ])
        .as('catalog.materials.create')
        .where('productId', uuid)
      router
        .post('/catalog/products/:productId/materials', [
          controllers.admin.CatalogMaterials,
          'store',
        ])
        .as('catalog.materials.store')
        .where('productId', uuid)
      router
        .get('/catalog/materials/:id/edit', [controllers.admin.CatalogMaterials, 'edit'])
        .as('catalog.materials.edit')
        .where('id', uuid)
      router
        .put('/catalog/materials/:id', [controllers.admin.CatalogMaterials, 'update'])
        .as('catalog.materials.update')
        .where('id', uuid)
      router
        .delete('/catalog/materials/:id', [controllers.admin.CatalogMaterials, 'destroy'])
        .as('catalog.materials.destroy')
        .where('id', uuid)
    })

    crud('/content/notices', 'content.notices', controllers.admin.ContentNotices)
    crud('/content/guides', 'content.guides', controllers.admin.ContentGuides)
    crud('/content/downloads', 'content.downloads', controllers.admin.ContentDownloads, (uuid) => {
      router
        .get('/content/downloads/:id/file', [controllers.admin.ContentDownloads, 'file'])
        .as('content.downloads.file')
        .where('id', uuid)
    })
  })
  .prefix('/admin')
  .as('admin')
  .use(middleware.staff())
