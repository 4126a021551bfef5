import '@adonisjs/core/types/http'

type ParamValue = string | number | bigint | boolean

export type ScannedRoutes = {
  ALL: {
    'accounts.home': { paramsTuple?: []; params?: {} }
    'core.messages.index': { paramsTuple?: []; params?: {} }
    'core.messages.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'core.messages.readAll': { paramsTuple?: []; params?: {} }
    'admin.session.create': { paramsTuple?: []; params?: {} }
    'admin.session.store': { paramsTuple?: []; params?: {} }
    'admin.session.destroy': { paramsTuple?: []; params?: {} }
    'admin.dashboard': { paramsTuple?: []; params?: {} }
  }
  GET: {
    'accounts.home': { paramsTuple?: []; params?: {} }
    'core.messages.index': { paramsTuple?: []; params?: {} }
    'core.messages.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'admin.session.create': { paramsTuple?: []; params?: {} }
    'admin.dashboard': { paramsTuple?: []; params?: {} }
  }
  HEAD: {
    'accounts.home': { paramsTuple?: []; params?: {} }
    'core.messages.index': { paramsTuple?: []; params?: {} }
    'core.messages.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'admin.session.create': { paramsTuple?: []; params?: {} }
    'admin.dashboard': { paramsTuple?: []; params?: {} }
  }
  POST: {
    'core.messages.readAll': { paramsTuple?: []; params?: {} }
    'admin.session.store': { paramsTuple?: []; params?: {} }
    'admin.session.destroy': { paramsTuple?: []; params?: {} }
  }
}
declare module '@adonisjs/core/types/http' {
  export interface RoutesList extends ScannedRoutes {}
}