import router from '@adonisjs/core/services/router'

/**
 * Routes of the orders module (prefix and names "orders.*").
 */
void router
