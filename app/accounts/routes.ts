import router from '@adonisjs/core/services/router'
import { controllers } from '#generated/controllers'
import { middleware } from '#start/kernel'

/**
 * Applicant accounts: home page, registration, login (password and SMS),
 * forgotten password, 个人中心 and its security pages, 账号申诉, and the
 * SMS code endpoint used by every form's 获取验证码 button.
 */
router.get('/', [controllers.accounts.Home, 'index']).as('accounts.home')

router
  .group(() => {
    router.get('/register', [controllers.accounts.Registration, 'create']).as('register.create')
    router.post('/register', [controllers.accounts.Registration, 'store']).as('register.store')
    router.get('/login', [controllers.accounts.Session, 'create']).as('session.create')
    router.post('/login', [controllers.accounts.Session, 'store']).as('session.store')
    router.post('/login/sms', [controllers.accounts.Session, 'storeSms']).as('session.storeSms')
    router
      .get('/password/forgot', [controllers.accounts.PasswordReset, 'create'])
      .as('password_reset.create')
    router
      .post('/password/forgot', [controllers.accounts.PasswordReset, 'store'])
      .as('password_reset.store')
    router.get('/phone/lost', [controllers.accounts.LostPhone, 'create']).as('lost_phone.create')
    router.post('/phone/lost', [controllers.accounts.LostPhone, 'store']).as('lost_phone.store')
  })
  .as('accounts')
  .use(middleware.guest())

router
  .group(() => {
    router.get('/agreements/:name', [controllers.accounts.Agreements, 'show']).as('agreements.show')
    router.get('/appeal', [controllers.accounts.Appeals, 'create']).as('appeals.create')
    router.post('/appeal', [controllers.accounts.Appeals, 'store']).as('appeals.store')
    router
      .get('/appeal/submitted', [controllers.accounts.Appeals, 'submitted'])
      .as('appeals.submitted')
    router.post('/sms/codes', [controllers.accounts.SmsCodes, 'store']).as('sms_codes.store')
  })
  .as('accounts')

router
  .group(() => {
    router.post('/logout', [controllers.accounts.Session, 'destroy']).as('session.destroy')
    router.get('/account', [controllers.accounts.Account, 'show']).as('account.show')
    router.get('/account/edit', [controllers.accounts.Account, 'edit']).as('account.edit')
    router.post('/account/edit', [controllers.accounts.Account, 'update']).as('account.update')
    router.get('/account/password', [controllers.accounts.Password, 'edit']).as('password.edit')
    router
      .post('/account/password', [controllers.accounts.Password, 'update'])
      .as('password.update')
    router.get('/account/phone', [controllers.accounts.Phone, 'edit']).as('phone.edit')
    router.post('/account/phone', [controllers.accounts.Phone, 'update']).as('phone.update')
    router
      .get('/account/phone/lost', [controllers.accounts.Phone, 'lostCreate'])
      .as('phone.lostCreate')
    router
      .post('/account/phone/lost', [controllers.accounts.Phone, 'lostStore'])
      .as('phone.lostStore')
    router
      .get('/account/phone/requests/:id', [controllers.accounts.Phone, 'showRequest'])
      .as('phone.showRequest')
    router
      .get('/account/phone/requests/:id/photo', [controllers.accounts.Phone, 'photo'])
      .as('phone.photo')
    router
      .post('/account/phone/requests/:id/cancel', [controllers.accounts.Phone, 'cancelRequest'])
      .as('phone.cancelRequest')
    router.get('/account/devices', [controllers.accounts.Devices, 'index']).as('devices.index')
    router
      .post('/account/devices/sign-out-others', [controllers.accounts.Devices, 'destroyOthers'])
      .as('devices.destroyOthers')
    router
      .post('/account/devices/:id/sign-out', [controllers.accounts.Devices, 'destroy'])
      .as('devices.destroy')
    router.get('/account/logs', [controllers.accounts.OperationLogs, 'index']).as('logs.index')
    router.get('/account/logs/:ref', [controllers.accounts.OperationLogs, 'show']).as('logs.show')
    router
      .get('/account/deregister', [controllers.accounts.Deregistration, 'show'])
      .as('deregistration.show')
    router
      .post('/account/deregister', [controllers.accounts.Deregistration, 'store'])
      .as('deregistration.store')
  })
  .as('accounts')
  .use(middleware.auth())
