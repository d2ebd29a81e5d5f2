// Reading inputs and writing outputs: missing, empty and binary inputs get located diagnostics;
// outputs are written atomically (a temporary file in the same directory, then a rename).
import Foundation
import KIR


/// Reads a source file as UTF-8 text, refusing missing, empty and binary files.
public func readSource(_ path: String) -> Result<String, Diagnostic> {
  var isDirectory: ObjCBool = false
  guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
    return .failure(.error(.fileNotFound, "no such file: '\(path)'", at: .unknown))
  }
  if isDirectory.boolValue {
    return .failure(.error(.fileNotFound, "'\(path)' is a directory, not a file", at: .unknown))
  }
  guard let data = FileManager.default.contents(atPath: path) else {
    return .failure(.error(.fileNotFound, "cannot read '\(path)'", at: .unknown))
  }
  if data.isEmpty || data.allSatisfy({ $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }) {
    return .failure(.error(.emptyInput, "'\(path)' is empty", at: .file(path: path, line: 1, column: 1)))
  }
  if let zero = data.firstIndex(of: 0) {
    return .failure(binary(path, data: data, at: zero))
  }
  guard let text = String(data: data, encoding: .utf8) else {
    return .failure(binary(path, data: data, at: firstInvalidUTF8(data)))
  }
  return .success(text)
}

private func binary(_ path: String, data: Data, at offset: Int) -> Diagnostic {
  let prefix = data.prefix(offset)
  let line = prefix.filter { $0 == 0x0A }.count + 1
  let column = offset - (prefix.lastIndex(of: 0x0A).map { $0 + 1 } ?? 0) + 1
  return .error(
    .binaryInput, "'\(path)' is not a text file (byte \(offset) is not UTF-8 text)",
    at: .file(path: path, line: line, column: column))
}

private func firstInvalidUTF8(_ data: Data) -> Int {
  var low = 0
  var high = data.count
  while low < high {
    let middle = (low + high) / 2
    if String(data: data.prefix(middle + 1), encoding: .utf8) == nil
      && String(data: data.prefix(middle + 4 <= data.count ? middle + 4 : data.count), encoding: .utf8) == nil
    {
      high = middle
    } else {
      low = middle + 1
    }
  }
  return min(low, max(0, data.count - 1))
}

/// Writes `text` to `path` atomically: readers see the old file or the whole new one.
public func writeAtomically(_ text: String, to path: String) -> Diagnostic? {
  writeAtomically(Data(text.utf8), to: path)
}

/// Writes `data` to `path` atomically: readers see the old file or the whole new one.
public func writeAtomically(_ data: Data, to path: String) -> Diagnostic? {
  let url = URL(fileURLWithPath: path)
  let directory = url.deletingLastPathComponent()
  let temporary = directory.appendingPathComponent(".\(url.lastPathComponent).kport-\(getpid())-\(UInt32.random(in: 0...UInt32.max)).tmp")
  do {
    try data.write(to: temporary)
    if rename(temporary.path, url.path) != 0 {
      let reason = String(cString: strerror(errno))
      try? FileManager.default.removeItem(at: temporary)
      return .error(.outputFailed, "cannot write '\(path)': \(reason)", at: .unknown)
    }
    return nil
  } catch {
    try? FileManager.default.removeItem(at: temporary)
    return .error(.outputFailed, "cannot write '\(path)': \(error.localizedDescription)", at: .unknown)
  }
}
