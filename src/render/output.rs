//! A file the render stage produced, held in memory until the write stage.

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutputFile {
    /// Path inside the output folder, with `/` separators and no leading `/`.
    pub path: String,
    pub bytes: Vec<u8>,
}

impl OutputFile {
    pub fn new(path: impl Into<String>, bytes: impl Into<Vec<u8>>) -> Self {
        OutputFile {
            path: path.into(),
            bytes: bytes.into(),
        }
    }
}

/// Runs `make` with a sink that keeps every file it is handed, from any thread: what
/// `make` returns, and the files.
pub fn collect<R>(make: impl FnOnce(&(dyn Fn(OutputFile) + Sync)) -> R) -> (R, Vec<OutputFile>) {
    let files = std::sync::Mutex::new(Vec::new());
    let result = make(&|file| {
        if let Ok(mut files) = files.lock() {
            files.push(file);
        }
    });
    (result, files.into_inner().unwrap_or_default())
}
