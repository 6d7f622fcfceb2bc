//! The fields of `site.yaml` and of its nested groups.

use super::{field, Field, Kinds, Required, Type};

/// A setting staff may leave out: every setting of `site.yaml` applies site-wide.
const fn setting(
    key: &'static str,
    ty: Type,
    label: &'static str,
    note: &'static str,
    example: &'static str,
) -> Field {
    field(key, Kinds::All, ty, label, note, example)
}

pub const SITE_FIELDS: &[Field] = &[
    Field {
        required: Required::Yes,
        ..setting(
            "title",
            Type::Text,
            "站名",
            "网站的名称，显示在每一页顶部",
            "柳湾派出所",
        )
    },
    setting(
        "description",
        Type::LongText,
        "网站介绍",
        "一两句话介绍本所网站，用在搜索引擎和分享卡片里",
        "户籍、证件、报警求助等公安服务信息",
    ),
    setting(
        "language",
        Type::Text,
        "语言",
        "zh-CN（中文）或 en（英文）",
        "zh-CN",
    ),
    setting(
        "timezone",
        Type::Text,
        "时区",
        "日期按哪个时区算",
        "Asia/Shanghai",
    ),
    setting(
        "base_url",
        Type::Text,
        "网站地址",
        "网站上线后的完整网址，以 / 结尾",
        "https://example.org/station/",
    ),
    setting(
        "theme",
        Type::Text,
        "主题",
        "用哪个网页样式；一般写 default",
        "default",
    ),
    setting(
        "contact",
        Type::Map,
        "联系方式",
        "报警电话、值班电话、地址和办公时间",
        "{ emergency: \"110\", phone: \"012-3456 7890\" }",
    ),
    setting(
        "footer",
        Type::Map,
        "页脚",
        "网站备案号",
        "{ icp: 江ICP备00000000号-1 }",
    ),
    setting(
        "menu",
        Type::MapList,
        "菜单",
        "顶部菜单的每一项",
        "[{ title: 通知公告, section: notices }]",
    ),
    setting(
        "paginate",
        Type::Int,
        "每页条数",
        "列表页、标签页每页显示多少条",
        "20",
    ),
    setting(
        "images",
        Type::Map,
        "照片",
        "发布照片时的设置；一般不用写",
        "{ keep_metadata: false }",
    ),
    setting(
        "search",
        Type::Map,
        "搜索",
        "搜索的设置：本所居民常说的词；一般不用写",
        "{ synonyms: [[派出所, 所里]] }",
    ),
    setting(
        "extra",
        Type::Map,
        "其他信息",
        "自定义主题用的其他信息",
        "{ wechat: 柳湾派出所 }",
    ),
    setting(
        "deploy",
        Type::MapList,
        "发布目标",
        "bulletin deploy 发布到哪里，每个目标一项；密钥不写在这里",
        "[{ name: web, url: /srv/www/station }]",
    ),
];

/// `contact:` in `site.yaml`.
pub const CONTACT_FIELDS: &[Field] = &[
    setting(
        "emergency",
        Type::Text,
        "报警电话",
        "紧急情况拨打的号码",
        "\"110\"",
    ),
    setting(
        "phone",
        Type::Text,
        "值班电话",
        "居民咨询打的电话",
        "\"012-3456 7890\"",
    ),
    setting(
        "address",
        Type::Text,
        "地址",
        "派出所的地址",
        "江城市河畔区柳湾路88号",
    ),
    setting(
        "hours",
        Type::Text,
        "办公时间",
        "窗口和警务室几点有人",
        "户籍窗口 周一至周五 9:00-17:00",
    ),
];

/// `footer:` in `site.yaml`.
pub const FOOTER_FIELDS: &[Field] = &[
    setting(
        "icp",
        Type::Text,
        "ICP备案号",
        "网站的 ICP 备案号",
        "江ICP备00000000号-1",
    ),
    setting(
        "psb",
        Type::Text,
        "公安备案号",
        "网站的公安机关备案号",
        "江公网安备00000000000000号",
    ),
];

/// `images:` in `site.yaml`.
pub const IMAGES_FIELDS: &[Field] = &[setting(
    "keep_metadata",
    Type::Bool,
    "保留照片信息",
    "true：照片原样发布，拍摄地点、手机型号、拍摄者姓名都留在里面（每次生成都会警告）；不写：发布时去掉",
    "false",
)];

/// `search:` in `site.yaml`.
pub const SEARCH_FIELDS: &[Field] = &[setting(
    "synonyms",
    Type::WordGroups,
    "居民的说法",
    "每组先写网页上用的词，后面写居民搜索时会说的词；居民搜后面的词，也能找到前面的词。常见的说法（户口本、身分证、搬家……）已经内置",
    "[[派出所, 所里], [警务室, 警务站]]",
)];

/// An item of `menu:` in `site.yaml`: a title and one of section, page or url.
pub const MENU_ITEM_FIELDS: &[Field] = &[
    Field {
        required: Required::Yes,
        ..setting(
            "title",
            Type::Text,
            "菜单文字",
            "菜单上显示的文字",
            "通知公告",
        )
    },
    setting(
        "section",
        Type::Text,
        "栏目",
        "链接到一个栏目：notices、guides、faq、stories、pages",
        "notices",
    ),
    setting(
        "page",
        Type::Text,
        "页面",
        "链接到一个页面，从 content/ 算起写文件位置",
        "pages/about.md",
    ),
    setting(
        "url",
        Type::Text,
        "外部网址",
        "链接到别的网站",
        "https://www.example.gov.cn/",
    ),
];

/// A target of `deploy:` in `site.yaml`.
pub const DEPLOY_FIELDS: &[Field] = &[
    Field {
        required: Required::Yes,
        ..setting(
            "name",
            Type::Text,
            "名字",
            "目标的名字，bulletin deploy --to 名字 只发布到它",
            "web",
        )
    },
    Field {
        required: Required::Yes,
        ..setting(
            "url",
            Type::Text,
            "位置",
            "文件夹，或 s3://、oss://、cos://、obs:// 加存储桶名和前缀",
            "oss://存储桶名/station",
        )
    },
    setting(
        "endpoint",
        Type::Text,
        "存储地址",
        "对象存储服务的地址",
        "https://oss-cn-hangzhou.aliyuncs.com",
    ),
    setting(
        "region",
        Type::Text,
        "地区",
        "存储桶所在的地区（S3）",
        "cn-north-1",
    ),
    setting(
        "cache",
        Type::Map,
        "缓存",
        "按文件名样式设定浏览器缓存多久（Cache-Control）",
        "{ \"*.jpg\": \"public, max-age=604800\" }",
    ),
    setting(
        "precompress",
        Type::Bool,
        "压缩发布",
        "把网页等文字文件压缩后再发布，手机打开更快",
        "true",
    ),
];
