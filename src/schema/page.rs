//! The fields of a page's front matter, of a section's `_index.md` and of an item of a
//! guide's checklist, in the order a new page lists them.

use super::{field, Field, InNew, Kind, Kinds, Required, Type};

const NOTICE: Kinds = Kinds::Only(&[Kind::Notice]);
const GUIDE: Kinds = Kinds::Only(&[Kind::Guide]);

/// `field` that a new page starts with `start` written.
const fn starting(f: Field, start: &'static str) -> Field {
    Field { start, ..f }
}

pub const PAGE_FIELDS: &[Field] = &[
    Field {
        required: Required::Yes,
        ..field(
            "title",
            Kinds::All,
            Type::Text,
            "标题",
            "居民看到的标题；常见问题的标题就是居民问的那句话",
            "户口迁入办理指南",
        )
    },
    Field {
        required: Required::WhenDated,
        in_new: InNew::Dated,
        ..field(
            "date",
            Kinds::All,
            Type::Date,
            "发布日期",
            "写将来的日期，到那天才发布",
            "2026-09-20",
        )
    },
    field(
        "expires",
        NOTICE,
        Type::Date,
        "失效日期",
        "过了这一天标为“已过期”，移入往期通知，如 2026-12-31",
        "2026-09-20",
    ),
    starting(
        field(
            "pinned",
            NOTICE,
            Type::Bool,
            "置顶",
            "写 true 就在首页和通知列表置顶（请同时填 expires）",
            "true",
        ),
        "false",
    ),
    starting(
        field(
            "urgent",
            NOTICE,
            Type::Bool,
            "紧急",
            "写 true 就在每一页顶部显示紧急提示（请同时填 expires）",
            "true",
        ),
        "false",
    ),
    field(
        "materials",
        GUIDE,
        Type::Materials,
        "要带的材料",
        "要带的东西，每样一项：名称、原件还是复印件、几份、补充说明",
        "[居民身份证, 户口簿]",
    ),
    field(
        "steps",
        GUIDE,
        Type::TextList,
        "办理步骤",
        "按办理的顺序，每一步一项，如 到户籍窗口取号",
        "[到户籍窗口取号, 提交材料, 领取回执]",
    ),
    field(
        "where",
        GUIDE,
        Type::Text,
        "办理地点",
        "在哪里办，如 柳湾派出所户籍大厅3号窗口",
        "柳湾派出所户籍窗口（一楼3号）",
    ),
    field(
        "hours",
        GUIDE,
        Type::Text,
        "办理时间",
        "几点可以办，如 周一至周五 9:00-17:00",
        "周一至周五 9:00-17:00",
    ),
    field("fees", GUIDE, Type::Text, "收费", "不收费就写 免费", "免费"),
    field(
        "duration",
        GUIDE,
        Type::Text,
        "办理时限",
        "多久能办好，如 5个工作日",
        "5个工作日",
    ),
    field(
        "eligibility",
        GUIDE,
        Type::Text,
        "办理条件",
        "谁可以办理，如 本辖区户籍居民",
        "本市户籍居民",
    ),
    field(
        "summary",
        Kinds::All,
        Type::LongText,
        "摘要",
        "一两句话，用在列表和搜索结果里（90 字以内）；不填则取正文开头",
        "一句话说明本页内容",
    ),
    starting(
        field(
            "tags",
            Kinds::All,
            Type::TextList,
            "标签",
            "把居民的说法写进去，方便搜索，如 [户口, 迁入]",
            "[户口, 迁入]",
        ),
        "[]",
    ),
    field(
        "category",
        Kinds::All,
        Type::Text,
        "分类",
        "如 户籍（常见问题按它分组）",
        "户籍",
    ),
    starting(
        field(
            "related",
            Kinds::All,
            Type::PageList,
            "相关页面",
            "从 content/ 算起写文件位置，如 [guides/hukou-qianru.md]",
            "[faq/hukou-cailiao.md]",
        ),
        "[]",
    ),
    field(
        "image",
        Kinds::All,
        Type::File,
        "配图",
        "图片放在本文件旁边，写它的文件名，如 photo.jpg",
        "photo.jpg",
    ),
    field(
        "image_alt",
        Kinds::All,
        Type::Text,
        "配图说明",
        "图片上是什么，给看不见图片的读者（有配图时必填）",
        "民警在社区警务室为居民解答问题",
    ),
    Field {
        in_new: InNew::Undated,
        ..field(
            "weight",
            Kinds::All,
            Type::Int,
            "排序",
            "数字小的排在前面；一般不填",
            "1",
        )
    },
    field(
        "updated",
        Kinds::All,
        Type::Date,
        "更新日期",
        "内容有重要修改时填修改日期，如 2026-12-05",
        "2026-09-20",
    ),
    field(
        "slug",
        Kinds::All,
        Type::Text,
        "网址名",
        "只用小写字母、数字和 -；不填就用文件名",
        "hukou-qianru",
    ),
    starting(
        field(
            "aliases",
            Kinds::All,
            Type::PathList,
            "旧网址",
            "改名后让旧链接继续有效，如 [old/page.html]",
            "[old/hukou.html]",
        ),
        "[]",
    ),
    starting(
        field(
            "draft",
            Kinds::All,
            Type::Bool,
            "草稿",
            "写 true 就是草稿，不发布",
            "true",
        ),
        "false",
    ),
    field(
        "extra",
        Kinds::All,
        Type::Map,
        "其他信息",
        "自定义主题用的其他信息；一般不填",
        "{ window: 3号窗口 }",
    ),
];

/// A section's `_index.md`: its title and introduction.
pub const SECTION_FIELDS: &[Field] = &[
    field(
        "title",
        Kinds::All,
        Type::Text,
        "栏目名称",
        "菜单和列表页上的栏目名称",
        "办事指南",
    ),
    field(
        "summary",
        Kinds::All,
        Type::LongText,
        "栏目介绍",
        "一句话介绍这个栏目",
        "户籍、身份证、证明的办理方法",
    ),
    field(
        "weight",
        Kinds::All,
        Type::Int,
        "排序",
        "数字小的排在前面",
        "1",
    ),
    field(
        "paginate",
        Kinds::All,
        Type::Int,
        "每页条数",
        "这个栏目的列表每页显示多少条",
        "20",
    ),
    field(
        "extra",
        Kinds::All,
        Type::Map,
        "其他信息",
        "自定义主题用的其他信息",
        "{ icon: hukou }",
    ),
];

/// An item of a guide's checklist written as `{ name: …, … }`.
pub const MATERIAL_FIELDS: &[Field] = &[
    Field {
        required: Required::Yes,
        ..field(
            "name",
            GUIDE,
            Type::Text,
            "材料名称",
            "要带的东西叫什么",
            "居民身份证",
        )
    },
    field(
        "note",
        GUIDE,
        Type::Text,
        "说明",
        "补充说明，如 全家人的",
        "全家人的",
    ),
    field(
        "copies",
        GUIDE,
        Type::Int,
        "份数",
        "要交几份，只写数字",
        "1",
    ),
    field(
        "original",
        GUIDE,
        Type::Bool,
        "原件",
        "写 true 带原件，写 false 交复印件",
        "true",
    ),
];
