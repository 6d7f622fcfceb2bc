//! A key or password written into site.yaml: it travels with the site (copies, USB sticks,
//! version control), so it is as good as public. `bulletin deploy` reads keys from the
//! environment only; this warns about anything in site.yaml that looks like one.

use crate::config::deploy::{looks_like_secret_key, CREDENTIAL_VARIABLES};
use crate::config::FILE;
use crate::diagnostics::{Diagnostic, Position};

/// Access key IDs as the clouds issue them: AWS `AKIA…`/`ASIA…`, Aliyun `LTAI…`, Tencent `AKID…`.
fn looks_like_access_key(value: &str) -> bool {
    let value = value.trim_matches(['"', '\'']);
    ["AKIA", "ASIA", "LTAI", "AKID"].iter().any(|prefix| {
        value.starts_with(prefix)
            && value.len() >= 16
            && value.bytes().all(|b| b.is_ascii_alphanumeric())
    })
}

/// One warning per line of site.yaml's `text` that holds something secret-looking.
pub fn check(text: &str) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for (n, line) in text.lines().enumerate() {
        let content = line.split(" #").next().unwrap_or_default();
        let item = content.trim_start().trim_start_matches("- ");
        let Some((key, value)) = item.split_once(':') else {
            continue;
        };
        let (key, value) = (key.trim(), value.trim());
        let secret_key = looks_like_secret_key(key) && !value.is_empty();
        if !secret_key && !looks_like_access_key(value) {
            continue;
        }
        let column = line.chars().count() - line.trim_start().chars().count() + 1;
        out.push(
            Diagnostic::warning(format!("`{key}` 这一行看起来是密钥，不应该写在 site.yaml 里。"))
                .in_file(FILE)
                .at(Position::new(n + 1, column))
                .with_source(text)
                .with_hint(format!("site.yaml 会被复制、分享，写在这里的密钥等于公开了：请删掉这一行，到云服务的控制台换一个新密钥，再把它放进环境变量（{CREDENTIAL_VARIABLES}），`bulletin deploy` 会从那里读取。")),
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn warns_of_keys_and_passwords_not_of_ordinary_settings() {
        let text = "title: 柳湾派出所\nextra:\n  oss_secret: abc123\n  id: AKIAIOSFODNN7EXAMPLE\n  password:\ncontact:\n  phone: 022-1234\n";
        let lines: Vec<String> = check(text).iter().map(Diagnostic::headline).collect();
        assert_eq!(
            lines,
            [
                "site.yaml:3:3: 警告：`oss_secret` 这一行看起来是密钥，不应该写在 site.yaml 里。",
                "site.yaml:4:3: 警告：`id` 这一行看起来是密钥，不应该写在 site.yaml 里。",
            ]
        );
    }
}
