//! A small tree of an XML part of a `.docx` (document, styles, numbering, footnotes,
//! relationships). The parts are small, and walking a tree by element names reads far
//! more plainly than a streaming parser's state machine. Names are kept without their
//! namespace prefix: Word, WPS and LibreOffice all use the same conventional prefixes.

use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;

#[derive(Debug, Default)]
pub struct Element {
    pub name: String,
    attrs: Vec<(String, String)>,
    pub children: Vec<Node>,
}

#[derive(Debug)]
pub enum Node {
    Element(Element),
    Text(String),
}

/// Parse `text` into its root element; None when it is not well-formed XML.
pub fn parse(text: &str) -> Option<Element> {
    let mut reader = Reader::from_str(text);
    // The document element's parent, which collects it.
    let mut stack = vec![Element::default()];
    loop {
        match reader.read_event().ok()? {
            Event::Start(e) => stack.push(element(&e)?),
            Event::Empty(e) => {
                let el = element(&e)?;
                stack.last_mut()?.children.push(Node::Element(el));
            }
            Event::End(_) => {
                let el = stack.pop()?;
                stack.last_mut()?.children.push(Node::Element(el));
            }
            Event::Text(t) => {
                let text = t.decode().ok()?;
                let text = quick_xml::escape::unescape(&text).ok()?.into_owned();
                stack.last_mut()?.children.push(Node::Text(text));
            }
            Event::GeneralRef(r) => {
                let name = r.decode().ok()?;
                let text = quick_xml::escape::unescape(&format!("&{name};"))
                    .ok()?
                    .into_owned();
                stack.last_mut()?.children.push(Node::Text(text));
            }
            Event::CData(t) => {
                let text = String::from_utf8_lossy(&t).into_owned();
                stack.last_mut()?.children.push(Node::Text(text));
            }
            Event::Eof => break,
            _ => {}
        }
    }
    let root = stack.pop()?;
    root.children.into_iter().find_map(|n| match n {
        Node::Element(e) => Some(e),
        Node::Text(_) => None,
    })
}

fn local(name: &[u8]) -> String {
    let name = String::from_utf8_lossy(name);
    match name.rsplit_once(':') {
        Some((_, local)) => local.to_owned(),
        None => name.into_owned(),
    }
}

fn element(e: &BytesStart) -> Option<Element> {
    let mut attrs = Vec::new();
    for a in e.attributes().with_checks(false) {
        let a = a.ok()?;
        let value = a.unescape_value().ok()?.into_owned();
        attrs.push((local(a.key.as_ref()), value));
    }
    Some(Element {
        name: local(e.name().as_ref()),
        attrs,
        children: Vec::new(),
    })
}

impl Element {
    pub fn attr(&self, name: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    pub fn elements(&self) -> impl Iterator<Item = &Element> {
        self.children.iter().filter_map(|n| match n {
            Node::Element(e) => Some(e),
            Node::Text(_) => None,
        })
    }

    pub fn child(&self, name: &str) -> Option<&Element> {
        self.elements().find(|e| e.name == name)
    }

    pub fn children_named<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a Element> {
        self.elements().filter(move |e| e.name == name)
    }

    /// The element at a path of child names: `pPr/jc`.
    pub fn at(&self, path: &str) -> Option<&Element> {
        path.split('/').try_fold(self, |e, name| e.child(name))
    }

    /// The `val` attribute of the element at `path`.
    pub fn val(&self, path: &str) -> Option<&str> {
        self.at(path)?.attr("val")
    }

    /// The first element named `name` anywhere below, depth first.
    pub fn find(&self, name: &str) -> Option<&Element> {
        self.elements().find_map(|e| {
            if e.name == name {
                Some(e)
            } else {
                e.find(name)
            }
        })
    }

    /// An on/off property (`<w:b/>`, `<w:b w:val="0"/>`) at `path`: None when absent.
    pub fn flag(&self, path: &str) -> Option<bool> {
        let e = self.at(path)?;
        Some(!matches!(
            e.attr("val"),
            Some("0") | Some("false") | Some("off") | Some("none")
        ))
    }
}
