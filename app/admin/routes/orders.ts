import router from '@adonisjs/core/services/router'

/**
 * Back-office pages of the "orders" area: prefix /admin, names "admin.*",
 * middleware.staff() on every route, a Bouncer policy in every action.
 */
void router
