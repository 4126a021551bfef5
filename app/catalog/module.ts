import { defineModule } from '#core/modules'

/**
 * catalog: public notices, guides, downloads and templates; the back
 * office's regions, platforms, products and content.
 */
export default defineModule({
  name: 'catalog',
  routes: () => import('#catalog/routes'),
  boot: () => import('#catalog/registrations'),
  backOffice: {
    routes: () => import('#catalog/admin_routes'),
    menu: [
      {
        group: 'catalog',
        order: 10,
        key: 'catalog.platforms',
        label: '区域与交易平台',
        route: 'admin.catalog.platforms.index',
        roles: ['super_admin'],
      },
      {
        group: 'catalog',
        order: 20,
        key: 'catalog.products',
        label: '证书产品',
        route: 'admin.catalog.products.index',
        roles: ['super_admin'],
      },
      {
        group: 'catalog',
        order: 25,
        key: 'catalog.packages',
        label: '套餐产品',
        route: 'admin.catalog.packages.index',
        roles: ['super_admin'],
      },
      {
        group: 'catalog',
        order: 30,
        key: 'content.notices',
        label: '通知公告',
        route: 'admin.content.notices.index',
        roles: ['operator'],
      },
      {
        group: 'catalog',
        order: 40,
        key: 'content.guides',
        label: '操作指南',
        route: 'admin.content.guides.index',
        roles: ['operator'],
      },
      {
        group: 'catalog',
        order: 50,
        key: 'content.downloads',
        label: '下载专区',
        route: 'admin.content.downloads.index',
        roles: ['operator'],
      },
    ],
    figures: [
      {
        order: 140,
        label: '在售证书产品',
        route: 'admin.catalog.products.index',
        qs: { status: 'on_sale' },
        roles: ['super_admin'],
        value: () => import('#catalog/queries/admin').then((m) => m.onSaleProductCount()),
      },
    ],
    auditSubjects: {
      product: '产品',
      product_material: '产品材料',
      platform: '交易平台',
      trading_platform: '交易平台',
      service_region: '服务区域',
      pickup_point: '自取网点',
      shipping_origin: '发货地址',
      notice: '通知公告',
      guide: '操作指南',
      download: '下载资料',
    },
  },
})
