import router from '@adonisjs/core/services/router'
import '#orders/payments/routes'

/**
 * Routes of the orders module (prefix and names "orders.*").
 */
void router
