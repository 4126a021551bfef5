import { BaseSeeder } from '@adonisjs/lucid/seeders'
import { DateTime } from 'luxon'
import storage from '#core/storage'
import type { FileType } from '#core/uploads'
import ServiceRegion from '#catalog/models/service_region'
import TradingPlatform from '#catalog/models/trading_platform'
import Product, { type ValidityOption } from '#catalog/models/product'
import ProductMaterial from '#catalog/models/product_material'
import PickupPoint from '#catalog/models/pickup_point'
import ShippingOrigin from '#catalog/models/shipping_origin'
import Notice from '#catalog/models/notice'
import Guide from '#catalog/models/guide'
import Download from '#catalog/models/download'
import type { DeliveryMethod } from '#catalog/labels'
import { makeDocx, makePdf, makeZip } from '#catalog/services/documents'

/**
 * The demo office's catalog: two service regions, two invented trading
 * platforms with a few products each, their materials (with generated
 * templates), pickup points, a shipping origin, notices, guides and
 * downloads. Idempotent: catalog items are matched by code (or name) and
 * brought back to the demo values; notices and guides are only created
 * when missing (staff may have edited them); files are only made when
 * missing.
 */

const KB = 1024
const MB = 1024 * 1024

const validity = (prices: Array<number | null>): ValidityOption[] =>
  prices.map((yuan, i) => ({
    years: i + 1,
    enabled: yuan !== null,
    priceFen: Math.round((yuan ?? 0) * 100),
  }))

function personalForm() {
  return makeDocx({
    title: '个人数字证书申请表',
    intro: [
      '申请编号：__________（由系统生成，可不填）',
      '请用黑色签字笔填写，字迹清楚，不得涂改。',
    ],
    rows: [
      '申请人姓名',
      '证件类型',
      '证件号码',
      '手机号码',
      '电子邮箱',
      '所属交易平台',
      '证书类型（个人 / 专家）',
      '证书有效期（1 年 / 2 年 / 3 年）',
      '工作单位（选填）',
    ],
    outro: [
      '申请人声明：本人承诺所填写信息及提交的资料真实、准确、有效，同意遵守《数字证书服务协议》，并对使用数字证书所产生的行为负责。',
      '',
      '申请人签字：____________        日期：______年____月____日',
    ],
  })
}

function enterpriseForm() {
  return makeDocx({
    title: '单位数字证书申请表',
    intro: ['请如实填写并加盖单位公章，扫描或拍照后上传。'],
    rows: [
      '单位名称',
      '统一社会信用代码',
      '单位地址',
      '法定代表人姓名',
      '法定代表人证件号码',
      '经办人姓名',
      '经办人手机号码',
      '经办人证件号码',
      '所属交易平台',
      '证书有效期（1 年 / 2 年 / 3 年）',
    ],
    outro: [
      '单位声明：本单位承诺所填写信息及提交的资料真实、准确、有效，同意遵守《数字证书服务协议》，并授权上述经办人办理数字证书相关事宜。',
      '',
      '法定代表人签字：____________        单位公章：',
      '日期：______年____月____日',
    ],
  })
}

function authorisationLetter() {
  return makeDocx({
    title: '授权委托书',
    intro: [
      '兹委托下列人员作为本单位经办人，代表本单位办理数字证书申请、更新、变更、补办等相关事宜。',
    ],
    rows: [
      '委托单位（盖章）',
      '统一社会信用代码',
      '法定代表人',
      '受托人姓名',
      '受托人证件号码',
      '受托人手机号码',
      '委托期限',
    ],
    outro: [
      '受托人在上述期限内办理的相关事宜，本单位均予以认可，并承担相应的法律责任。',
      '',
      '法定代表人签字：____________        日期：______年____月____日',
    ],
  })
}

function userManual() {
  return makePdf('数字证书在线自助办理系统 用户操作手册', [
    '一、注册与登录',
    '打开系统首页，点击“注册”，选择自然人或机构/企业，按页面提示填写手机号、证件信息并设置密码。密码须同时包含数字、小写字母和大写字母，长度大于 8 位。注册后可使用手机号和密码登录，也可使用短信验证码登录。',
    '二、实名认证',
    '首次办理证书前需完成实名认证：填写姓名和身份证号码后由系统自动核验；使用其他证件的，请上传证件正反面照片，由工作人员审核。',
    '三、申请证书',
    '进入“自助服务”，选择交易平台和证书产品（介质、证书类型、有效期），阅读并同意证书申请协议，核对申请人信息，按要求上传申请资料，选择取证方式，确认无误后提交并支付。',
    '四、查询进度',
    '在“我的订单”中可查看每个申请的状态。审核未通过的，按审核意见完善资料后重新提交，无需再次支付。',
    '五、领取与使用证书',
    '移动证书审核通过后在“我的证书”中在线安装使用，默认 PIN 码为手机号后 6 位，请及时修改。uKey 证书按所选方式邮寄、自取或自助制证；收到后请在进度查询中点击“签收”。',
    '六、联系我们',
    '如遇问题，请拨打客服电话或在工作时间到取证地址咨询。',
  ])
}

function driverPackage() {
  return makeZip([
    {
      name: '安装说明.txt',
      data: [
        'uKey 驱动程序（演示版）',
        '',
        '1. 解压本压缩包；',
        '2. 以管理员身份运行安装程序，按提示完成安装；',
        '3. 插入 uKey，系统托盘出现 uKey 图标即表示安装成功。',
        '',
        '注意：本文件为演示数据，仅用于体验下载流程。',
      ].join('\r\n'),
    },
    { name: 'version.txt', data: 'V3.2.1 (demo)\r\n' },
  ])
}

function controlPackage() {
  return makeZip([
    {
      name: '安装说明.txt',
      data: [
        '电子签章控件（演示版）',
        '',
        '用于在浏览器中识别 uKey 并完成电子签章。安装后请重启浏览器。',
        '',
        '注意：本文件为演示数据，仅用于体验下载流程。',
      ].join('\r\n'),
    },
  ])
}

interface MaterialSeed {
  name: string
  description: string
  types: FileType[]
  minSize: number | null
  maxSize: number
  required: boolean
  template?: { name: string; make: () => Buffer }
}

const personalMaterials: MaterialSeed[] = [
  {
    name: '个人数字证书申请表',
    description: '下载模板，按要求填写并签字后，扫描或拍照上传。',
    types: ['jpg', 'png', 'pdf'],
    minSize: null,
    maxSize: 5 * MB,
    required: true,
    template: { name: '个人数字证书申请表.docx', make: personalForm },
  },
  {
    name: '申请人身份证复印件',
    description: '身份证人像面和国徽面拍在同一张照片上，四角完整、文字清晰。',
    types: ['jpg', 'png'],
    minSize: 150 * KB,
    maxSize: 1 * MB,
    required: true,
  },
]

const enterpriseMaterials: MaterialSeed[] = [
  {
    name: '单位数字证书申请表',
    description: '下载模板，填写后由法定代表人签字并加盖单位公章，扫描上传。',
    types: ['jpg', 'png', 'pdf'],
    minSize: null,
    maxSize: 5 * MB,
    required: true,
    template: { name: '单位数字证书申请表.docx', make: enterpriseForm },
  },
  {
    name: '营业执照副本复印件',
    description: '统一社会信用代码证或营业执照副本，加盖单位公章。',
    types: ['jpg', 'png', 'pdf'],
    minSize: null,
    maxSize: 5 * MB,
    required: true,
  },
  {
    name: '经办人身份证复印件',
    description: '经办人身份证人像面和国徽面。',
    types: ['jpg', 'png'],
    minSize: 150 * KB,
    maxSize: 1 * MB,
    required: true,
  },
  {
    name: '授权委托书',
    description: '经办人不是法定代表人时上传：下载模板填写，法定代表人签字并加盖公章。',
    types: ['jpg', 'png', 'pdf'],
    minSize: null,
    maxSize: 5 * MB,
    required: false,
    template: { name: '授权委托书.docx', make: authorisationLetter },
  },
]

interface ProductSeed {
  code: string
  name: string
  certKind: 'personal' | 'expert' | 'enterprise'
  medium: 'cloud' | 'ukey'
  description: string
  prices: Array<number | null>
  firstUkeyFree?: boolean
  /** type-specific settings: `onePerOrg` (每个机构限办一张) */
  spec?: Record<string, unknown>
  reviewMode?: 'after_payment' | 'before_payment'
  renewalWindowDays?: number
  delivery: DeliveryMethod[]
  materials: MaterialSeed[]
}

const CA_LABEL = '示例CA（演示）'

const platforms: Array<{
  code: string
  name: string
  region: string
  website: string
  description: string
  products: ProductSeed[]
}> = [
  {
    code: 'demo-city-ggzy',
    name: '示例市公共资源交易平台',
    region: 'demo-city',
    website: 'https://ggzy.example.com',
    description: '示例市工程建设、政府采购等公共资源交易的投标、开标解密与签章。',
    products: [
      {
        code: 'city-personal-cloud',
        name: '个人移动证书',
        certKind: 'personal',
        medium: 'cloud',
        description: '个人身份的移动证书，安装在手机上，扫码登录、签章、解密。',
        prices: [120, 220, null],
        delivery: ['online_install'],
        materials: personalMaterials,
      },
      {
        code: 'city-expert-cloud',
        name: '评标专家移动证书',
        certKind: 'expert',
        medium: 'cloud',
        description: '评标专家专用移动证书，用于专家登录评标系统和电子签名。',
        prices: [80, 150, 210],
        delivery: ['online_install'],
        materials: personalMaterials,
      },
      {
        code: 'city-personal-ukey',
        name: '个人 uKey 证书',
        certKind: 'personal',
        medium: 'ukey',
        description:
          '个人身份的 uKey 证书：审核通过后自助制证（提交 uKey 生成的证书请求），或邮寄到付、到窗口自取。',
        prices: [150, 280, null],
        delivery: ['self_make', 'mail_cod', 'pickup'],
        materials: personalMaterials,
      },
      {
        code: 'city-enterprise-cloud',
        name: '单位移动证书',
        certKind: 'enterprise',
        medium: 'cloud',
        description:
          '单位身份的移动证书，以机构身份（切换身份）办理；每个单位限办一张，初始 PIN 码以短信发送给法定代表人。',
        prices: [400, 750, null],
        spec: { onePerOrg: true },
        delivery: ['online_install'],
        materials: enterpriseMaterials,
      },
      {
        code: 'city-enterprise-ukey',
        name: '企业 uKey 证书',
        certKind: 'enterprise',
        medium: 'ukey',
        description: '单位身份的 uKey 证书，每个单位的第一把 uKey 免费，第二把起按价格收费。',
        prices: [300, 550, 780],
        firstUkeyFree: true,
        delivery: ['mail_cod', 'pickup', 'self_make'],
        materials: enterpriseMaterials,
      },
    ],
  },
  {
    code: 'demo-prov-zfcg',
    name: '示例省政府采购网',
    region: 'demo-province',
    website: 'https://zfcg.example.com',
    description: '示例省政府采购项目的电子投标与合同签署。',
    products: [
      {
        code: 'prov-enterprise-ukey',
        name: '企业 uKey 证书（先审后付）',
        certKind: 'enterprise',
        medium: 'ukey',
        description: '资料审核通过后再支付费用；支持邮寄到付或到取证地址自取。',
        prices: [280, 520, null],
        reviewMode: 'before_payment',
        renewalWindowDays: 60,
        delivery: ['mail_cod', 'pickup'],
        materials: enterpriseMaterials,
      },
      {
        code: 'prov-personal-cloud',
        name: '个人移动证书',
        certKind: 'personal',
        medium: 'cloud',
        description: '个人身份的移动证书，用于政府采购网登录和签名。',
        prices: [100, null, null],
        renewalWindowDays: 60,
        delivery: ['online_install'],
        materials: personalMaterials,
      },
    ],
  },
]

const notices = [
  {
    title: '关于开通数字证书在线自助办理的公告',
    pinned: true,
    daysAgo: 10,
    body: [
      '各位用户：',
      '为方便办理数字证书业务，本中心数字证书在线自助办理系统现已开通。个人和单位用户可在线完成证书新办、更新、变更、补办、解锁等业务，上传资料、在线支付并查询办理进度，无需往返窗口。',
      '移动证书审核通过后即可在线安装使用；uKey 证书可选择邮寄到付、到取证地址自取或自助制证。',
      '办理过程中如有疑问，请查阅“操作指南”或拨打客服电话咨询。',
    ].join('\n\n'),
  },
  {
    title: '关于数字证书到期前及时办理更新的提醒',
    pinned: false,
    daysAgo: 5,
    body: [
      '数字证书到期后将无法用于登录交易平台、投标和签章。请在证书到期前 90 天内（部分平台为 60 天）通过“自助服务—证书更新”办理续期。',
      '未过期证书更新后，新的有效期从原到期日顺延；已过期证书的有效期从签发之日起计算；过期超过 365 天的，需重新办理新办业务。',
      '办理更新前，请确认该证书近期没有用于尚未开标的电子投标文件，以免影响解密。',
    ].join('\n\n'),
  },
  {
    title: 'uKey 驱动程序升级说明',
    pinned: false,
    daysAgo: 2,
    body: [
      '为适配新版操作系统和浏览器，uKey 驱动程序已更新至 V3.2.1。',
      '已安装旧版驱动的用户如使用正常可不升级；如出现无法识别 uKey 的情况，请到“下载专区”下载新版驱动，卸载旧版后重新安装。',
    ].join('\n\n'),
  },
]

const guides = [
  {
    title: '如何注册账号并完成实名认证',
    category: 'register' as const,
    sortOrder: 1,
    body: [
      '1. 打开系统首页，点击右上角“注册”。',
      '2. 选择注册类型：个人选择“自然人”，单位选择“机构/企业”。',
      '3. 填写手机号并获取短信验证码，填写证件信息和所在行政区，设置登录密码（须包含数字、小写字母、大写字母，长度大于 8 位）。',
      '4. 注册成功后登录，进入“个人中心—实名认证”，填写姓名和身份证号码完成核验；使用护照等其他证件的，上传证件照片后等待工作人员审核。',
      '完成实名认证后即可办理证书业务，实名信息在申请时不能再修改。',
    ].join('\n\n'),
  },
  {
    title: '新办个人移动证书的操作步骤',
    category: 'apply' as const,
    sortOrder: 2,
    body: [
      '1. 登录后进入“自助服务”，点击“证书新办”。',
      '2. 选择地域和交易平台，再选择证书产品：证书介质选择“移动证书”，证书类型选择“个人证书”或“专家证书”，选择有效期，页面显示应付金额。',
      '3. 阅读并同意《证书申请协议》，核对申请人信息，获取并填写短信验证码。',
      '4. 按页面要求上传申请资料：申请表可在页面上点击“模板下载”获取，填写签字后拍照上传；身份证照片大小须在 150 KB 至 1 MB 之间。',
      '5. 确认订单信息无误后提交并支付。审核通过后，在“我的证书”中在线安装证书，默认 PIN 码为手机号后 6 位，请及时修改。',
    ].join('\n\n'),
  },
  {
    title: '证书费用支付与电子发票',
    category: 'payment' as const,
    sortOrder: 3,
    body: [
      '支持微信支付、支付宝扫码支付和对公转账。选择对公转账的，请按页面提示转账后上传转账凭证，财务人员核实后订单进入审核。',
      '订单支付后如审核未通过，按审核意见完善资料重新提交即可，无需再次支付。',
      '本中心只开具电子发票（数电发票）。可选择单位抬头或个人抬头，单位抬头须填写纳税人识别号。发票开具后可在“我的订单”中下载。',
    ].join('\n\n'),
  },
]

const downloads = [
  {
    name: 'uKey 驱动程序（Windows）',
    category: 'driver' as const,
    version: 'V3.2.1',
    description: '支持 Windows 10/11，首次使用 uKey 证书的电脑请先安装。',
    fileName: 'uKey驱动程序.zip',
    type: 'zip' as FileType,
    make: driverPackage,
    sortOrder: 1,
  },
  {
    name: '电子签章控件',
    category: 'control' as const,
    version: 'V2.0.5',
    description: '在浏览器中识别 uKey 并完成电子签章。',
    fileName: '电子签章控件.zip',
    type: 'zip' as FileType,
    make: controlPackage,
    sortOrder: 2,
  },
  {
    name: '单位数字证书申请表',
    category: 'template' as const,
    version: '2024 版',
    description: '单位办理 uKey 证书时填写，加盖公章后上传。',
    fileName: '单位数字证书申请表.docx',
    type: 'docx' as FileType,
    make: enterpriseForm,
    sortOrder: 3,
  },
  {
    name: '用户操作手册',
    category: 'manual' as const,
    version: 'V1.0',
    description: '注册、实名认证、申请、支付、领取证书的完整步骤。',
    fileName: '用户操作手册.pdf',
    type: 'pdf' as FileType,
    make: userManual,
    sortOrder: 4,
  },
]

async function keepFile(
  key: string | null | undefined,
  prefix: string,
  type: FileType,
  make: () => Buffer
) {
  if (key && (await storage.exists(key))) return { key, size: null as number | null }
  const bytes = make()
  const newKey = storage.makeKey(prefix, type)
  await storage.put(newKey, bytes)
  return { key: newKey, size: bytes.length }
}

export default class CatalogSeeder extends BaseSeeder {
  async run() {
    const regions: Record<string, ServiceRegion> = {}
    for (const [index, seed] of [
      { code: 'demo-city', name: '示例市' },
      { code: 'demo-province', name: '示例省（省本级）' },
    ].entries()) {
      regions[seed.code] = await ServiceRegion.updateOrCreate(
        { code: seed.code },
        { name: seed.name, status: 'active', sortOrder: index + 1 }
      )
    }

    for (const [pIndex, seed] of platforms.entries()) {
      const platform = await TradingPlatform.updateOrCreate(
        { code: seed.code },
        {
          name: seed.name,
          regionId: regions[seed.region].id,
          status: 'active',
          website: seed.website,
          description: seed.description,
          sortOrder: pIndex + 1,
        }
      )
      for (const [index, p] of seed.products.entries()) {
        const product = await Product.updateOrCreate(
          { code: p.code },
          {
            platformId: platform.id,
            name: p.name,
            type: 'certificate',
            certKind: p.certKind,
            medium: p.medium,
            caLabel: CA_LABEL,
            description: p.description,
            validityOptions: validity(p.prices),
            firstUkeyFree: Boolean(p.firstUkeyFree),
            reviewMode: p.reviewMode ?? 'after_payment',
            renewalWindowDays: p.renewalWindowDays ?? 90,
            deliveryMethods: p.delivery,
            spec: p.spec ?? {},
            status: 'on_sale',
            sortOrder: index + 1,
          }
        )
        for (const [mIndex, m] of p.materials.entries()) {
          const existing = await ProductMaterial.query()
            .where('product_id', product.id)
            .where('name', m.name)
            .first()
          const material = existing ?? new ProductMaterial()
          material.merge({
            productId: product.id,
            name: m.name,
            description: m.description,
            acceptedTypes: m.types,
            minSize: m.minSize,
            maxSize: m.maxSize,
            isRequired: m.required,
            isActive: true,
            sortOrder: mIndex + 1,
          })
          if (m.template) {
            const file = await keepFile(
              material.templateKey,
              'catalog/templates',
              'docx',
              m.template.make
            )
            material.merge({
              templateKey: file.key,
              templateName: m.template.name,
              templateType: 'docx',
            })
            if (file.size !== null) material.templateSize = file.size
          }
          await material.save()
        }
      }
      /* 电子印章套餐 of the city platform's 印章机构 (bought from 我的交易平台 / 印章管理) */
      if (seed.code === 'demo-city-ggzy') {
        await Product.updateOrCreate(
          { code: 'city-seal-package-5' },
          {
            platformId: platform.id,
            name: '电子印章套餐（5 枚）',
            type: 'seal_package',
            certKind: null,
            medium: null,
            caLabel: '',
            description: '可制作 5 枚机构电子印章（公章、专用章、法人章等），一年内有效。',
            validityOptions: [{ years: 1, enabled: true, priceFen: 20000 }],
            firstUkeyFree: false,
            reviewMode: 'after_payment',
            renewalWindowDays: 30,
            deliveryMethods: [],
            spec: { seals: 5, days: 365, review: true },
            status: 'on_sale',
            sortOrder: 100,
          }
        )
      }
    }

    for (const [index, seed] of [
      {
        name: '示例市政务服务中心 CA 窗口',
        region: 'demo-city',
        address: '示例市示例区政务服务中心 3 楼 12 号窗口',
        phone: '400-000-0000',
        hours: '工作日 9:00-12:00，13:30-17:30',
      },
      {
        name: '示例省政务服务大厅 CA 专窗',
        region: 'demo-province',
        address: '示例省示例市中心大道 100 号政务服务大厅 1 楼',
        phone: '400-000-0000',
        hours: '工作日 9:00-17:00',
      },
    ].entries()) {
      const existing = await PickupPoint.findBy('name', seed.name)
      const point = existing ?? new PickupPoint()
      point.merge({
        name: seed.name,
        regionId: regions[seed.region].id,
        address: seed.address,
        phone: seed.phone,
        hours: seed.hours,
        status: 'active',
        sortOrder: index + 1,
      })
      await point.save()
    }

    const origin = (await ShippingOrigin.findBy('name', '示例市发货中心')) ?? new ShippingOrigin()
    origin.merge({
      name: '示例市发货中心',
      regionId: null,
      contact: '发货组',
      phone: '400-000-0000',
      address: '示例市示例区政务服务中心 3 楼 CA 发货室',
      courier: '顺丰速运（到付）',
      status: 'active',
    })
    await origin.save()

    for (const seed of notices) {
      const existing = await Notice.findBy('title', seed.title)
      if (existing) continue
      await Notice.create({
        title: seed.title,
        body: seed.body,
        pinned: seed.pinned,
        status: 'published',
        publishedAt: DateTime.utc().minus({ days: seed.daysAgo }),
      })
    }

    for (const seed of guides) {
      const existing = await Guide.findBy('title', seed.title)
      if (existing) continue
      await Guide.create({
        title: seed.title,
        category: seed.category,
        body: seed.body,
        sortOrder: seed.sortOrder,
        status: 'published',
        publishedAt: DateTime.utc(),
      })
    }

    for (const seed of downloads) {
      const existing = await Download.findBy('name', seed.name)
      const download = existing ?? new Download()
      const file = await keepFile(download.fileKey, 'catalog/downloads', seed.type, seed.make)
      download.merge({
        name: seed.name,
        category: seed.category,
        version: seed.version,
        description: seed.description,
        fileKey: file.key,
        fileName: seed.fileName,
        fileType: seed.type,
        status: 'published',
        sortOrder: seed.sortOrder,
      })
      if (file.size !== null) download.fileSize = file.size
      if (!existing) {
        download.downloadCount = 0
        download.publishedAt = DateTime.utc()
      }
      await download.save()
    }
  }
}
