import router from '@adonisjs/core/services/router'
import { controllers } from '#generated/controllers'
import { middleware } from '#start/kernel'
import { formRoutes, signedInRoutes } from '#core/http/route_sets'

/**
 * Applicant accounts: home page, registration, login (password and SMS),
 * forgotten password, 个人中心 and its security pages, 账号申诉, and the
 * SMS code endpoint used by every form's 获取验证码 button.
 */
const accounts = controllers.accounts

router.get('/', [accounts.Home, 'index']).as('accounts.home')

router
  .group(() => {
    formRoutes('/register', 'register', accounts.Registration)
    formRoutes('/login', 'session', accounts.Session)
    router.post('/login/sms', [accounts.Session, 'storeSms']).as('session.storeSms')
    formRoutes('/password/forgot', 'password_reset', accounts.PasswordReset)
    formRoutes('/phone/lost', 'lost_phone', accounts.LostPhone)
  })
  .as('accounts')
  .use(middleware.guest())

router
  .group(() => {
    router.get('/agreements/:name', [accounts.Agreements, 'show']).as('agreements.show')
    formRoutes('/appeal', 'appeals', accounts.Appeals)
    router.get('/appeal/submitted', [accounts.Appeals, 'submitted']).as('appeals.submitted')
    router.post('/sms/codes', [accounts.SmsCodes, 'store']).as('sms_codes.store')
  })
  .as('accounts')

signedInRoutes('accounts', () => {
  router.post('/logout', [accounts.Session, 'destroy']).as('session.destroy')
  router.get('/account', [accounts.Account, 'show']).as('account.show')
  formRoutes('/account/edit', 'account', accounts.Account, 'edit')
  formRoutes('/account/password', 'password', accounts.Password, 'edit')
  formRoutes('/account/phone', 'phone', accounts.Phone, 'edit')

  /* 原手机号不可用: the request with its photo, which the applicant may withdraw */
  router.get('/account/phone/lost', [accounts.Phone, 'lostCreate']).as('phone.lostCreate')
  router.post('/account/phone/lost', [accounts.Phone, 'lostStore']).as('phone.lostStore')
  router.get('/account/phone/requests/:id', [accounts.Phone, 'showRequest']).as('phone.showRequest')
  router.get('/account/phone/requests/:id/photo', [accounts.Phone, 'photo']).as('phone.photo')
  router
    .post('/account/phone/requests/:id/cancel', [accounts.Phone, 'cancelRequest'])
    .as('phone.cancelRequest')

  router.get('/account/devices', [accounts.Devices, 'index']).as('devices.index')
  router
    .post('/account/devices/sign-out-others', [accounts.Devices, 'destroyOthers'])
    .as('devices.destroyOthers')
  router.post('/account/devices/:id/sign-out', [accounts.Devices, 'destroy']).as('devices.destroy')
  router.get('/account/logs', [accounts.OperationLogs, 'index']).as('logs.index')
  router.get('/account/logs/:ref', [accounts.OperationLogs, 'show']).as('logs.show')
  router.get('/account/deregister', [accounts.Deregistration, 'show']).as('deregistration.show')
  router.post('/account/deregister', [accounts.Deregistration, 'store']).as('deregistration.store')
})
