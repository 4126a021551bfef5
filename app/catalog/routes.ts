import router from '@adonisjs/core/services/router'

/**
 * Routes of the catalog module (prefix and names "catalog.*").
 */
void router
