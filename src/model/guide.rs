//! A procedure guide's own fields: the checklist of documents (`materials`, each text or
//! `{ name, note, copies, original }`), the steps, and where, when, fees, how long, who.

use crate::diagnostics::spaced;
use crate::load::fields::{describe, scalar_text, unknown_keys, FieldReader, Unknown};
use crate::load::yaml::colon_slip;
use crate::schema;
use serde_yaml::Value;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Material {
    pub name: String,
    pub note: Option<String>,
    pub copies: Option<u32>,
    pub original: Option<bool>,
}

#[derive(Debug, Clone, Default)]
pub struct GuideFields {
    pub materials: Vec<Material>,
    pub steps: Vec<String>,
    pub where_: Option<String>,
    pub hours: Option<String>,
    pub fees: Option<String>,
    pub duration: Option<String>,
    pub eligibility: Option<String>,
}

pub(super) fn read_guide(r: &mut FieldReader) -> GuideFields {
    let mut g = GuideFields {
        steps: r.text_list("steps"),
        where_: r.text("where"),
        hours: r.text("hours"),
        fees: r.text("fees"),
        duration: r.text("duration"),
        eligibility: r.text("eligibility"),
        ..GuideFields::default()
    };
    let Some(value) = r.raw("materials") else {
        return g;
    };
    let Value::Sequence(items) = value else {
        r.error(
            "materials",
            format!(
                "`materials` 应该是列表，现在是{}。",
                spaced(&describe(value))
            ),
            "每行写一项：`  - 居民身份证`，或者 `  - { name: 居民身份证, original: true }`。",
        );
        return g;
    };
    for item in items {
        match read_material(item) {
            Ok(m) => g.materials.push(m),
            Err(MaterialError { why, near }) => r.error_near("materials", &near, why, "每一项写成文字（`  - 户口簿`），或者写成 `{ name: 户口簿, note: 全家人, copies: 1, original: true }`。"),
        }
    }
    g
}

/// What is wrong with an item of `materials`, and the texts that find its line: the item's
/// name, then the field at fault.
struct MaterialError {
    why: String,
    near: Vec<String>,
}

impl MaterialError {
    fn new(why: String, near: &[&str]) -> MaterialError {
        let near = near.iter().map(|n| n.to_string()).collect();
        MaterialError { why, near }
    }
}

fn read_material(item: &Value) -> Result<Material, MaterialError> {
    let material_keys = schema::keys(schema::MATERIAL_FIELDS);
    if let Some(name) = scalar_text(item) {
        // `- name：身份证` is one string to YAML, and would be printed on the checklist as
        // it is.
        if let Some(slip) = colon_slip(&name).filter(|s| material_keys.contains(&s.key)) {
            let why = format!(
                "`materials` 里的 `{name}` 是一整段文字：{}{}",
                slip.message, slip.hint
            );
            return Err(MaterialError::new(why, &[&name]));
        }
        return Ok(Material {
            name,
            note: None,
            copies: None,
            original: None,
        });
    }
    let Value::Mapping(m) = item else {
        let why = format!(
            "`materials` 里有一项是{}，不是文字，也不是 `{{ name: … }}`。",
            spaced(&describe(item))
        );
        return Err(MaterialError::new(why, &[]));
    };
    let name = m.get("name").and_then(scalar_text);
    if let Some(Unknown { key, nearest }) = unknown_keys(m, &material_keys).into_iter().next() {
        let hint = nearest
            .map(|n| format!("（是不是要写 `{n}`？）"))
            .unwrap_or_default();
        let why = format!("`materials` 的一项里有不认识的字段 `{key}`{hint}。");
        let near: Vec<&str> = name.as_deref().into_iter().chain([key.as_str()]).collect();
        return Err(MaterialError::new(why, &near));
    }
    let Some(name) = name.filter(|n| !n.trim().is_empty()) else {
        let why = "`materials` 里有一项缺少 `name`。".to_owned();
        return Err(MaterialError::new(why, &[]));
    };
    let note = m.get("note").and_then(scalar_text);
    let copies = match m.get("copies") {
        None | Some(Value::Null) => None,
        Some(v) => Some(
            v.as_u64()
                .and_then(|n| u32::try_from(n).ok())
                .ok_or_else(|| {
                    let why = format!(
                        "`{name}` 的 `copies` 应该是整数，现在是{}。",
                        spaced(&describe(v))
                    );
                    MaterialError::new(why, &[&name, "copies"])
                })?,
        ),
    };
    let original = match m.get("original") {
        None | Some(Value::Null) => None,
        Some(Value::Bool(b)) => Some(*b),
        Some(v) => {
            let why = format!(
                "`{name}` 的 `original` 应该是 `true`（原件）或 `false`（复印件），现在是{}。",
                spaced(&describe(v))
            );
            return Err(MaterialError::new(why, &[&name, "original"]));
        }
    };
    Ok(Material {
        name,
        note,
        copies,
        original,
    })
}
