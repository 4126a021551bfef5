/*
|--------------------------------------------------------------------------
| HTTP kernel file
|--------------------------------------------------------------------------
*/
import router from '@adonisjs/core/services/router'
import server from '@adonisjs/core/services/server'

server.errorHandler(() => import('#exceptions/handler'))

server.use([
  () => import('#middleware/container_bindings_middleware'),
  () => import('#middleware/security_headers_middleware'),
  () => import('#middleware/health_middleware'),
  () => import('#issuance/middleware/ocsp_fast_path_middleware'),
  () => import('#payments/middleware/notify_body_middleware'),
  () => import('#middleware/static_files_middleware'),
])

router.use([
  () => import('@adonisjs/core/bodyparser_middleware'),
  () => import('@adonisjs/session/session_middleware'),
  () => import('#middleware/session_lifetime_middleware'),
  () => import('#middleware/shield_middleware'),
  () => import('#middleware/unused_csrf_secret_middleware'),
  () => import('@adonisjs/auth/initialize_auth_middleware'),
  () => import('#middleware/silent_auth_middleware'),
  () => import('#accounts/middleware/device_session_middleware'),
  () => import('#middleware/initialize_bouncer_middleware'),
  () => import('#middleware/view_locals_middleware'),
  () => import('#orgs/middleware/acting_identity_middleware'),
  () => import('#middleware/empty_error_page_middleware'),
])

export const middleware = router.named({
  guest: () => import('#middleware/guest_middleware'),
  auth: () => import('#middleware/auth_middleware'),
  staff: () => import('#admin/middleware/staff_middleware'),
})
