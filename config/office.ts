import env from '#start/env'

/**
 * The CA office running this instance: our own texts, configurable.
 */
const officeConfig = {
  name: env.get('OFFICE_NAME', '示例数字证书服务中心'),
  shortName: env.get('OFFICE_SHORT_NAME', '示例CA'),
  systemName: '数字证书在线自助办理系统',
  hotline: env.get('OFFICE_HOTLINE', '400-000-0000'),
  address: env.get('OFFICE_ADDRESS', '示例市示例区政务服务中心 3 楼 CA 窗口'),
  serviceHours: '工作日 9:00-12:00，13:30-17:30',
}

export default officeConfig
