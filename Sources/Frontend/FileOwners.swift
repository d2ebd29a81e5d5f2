// Which file of a translation unit a cursor's code belongs to, for ports split by file
// (`PortOwnership`, `kport batch`'s ported headers): the file being ported (home), a header
// ported on its own, or anything else (CUDA and system headers, headers nobody ports). Without
// an ownership the main file is home, exactly as `clang_Location_isFromMainFile` says. File
// names are resolved once each.
import CClang
import Foundation

/// Where a cursor's code belongs.
enum FileOwner: Hashable {
  /// The file being ported.
  case home
  /// A header ported on its own, by resolved path.
  case portedHeader(String)
  /// Any other file.
  case other
}

/// Classifies cursors and file names by owner.
final class FileOwners {
  let ownership: PortOwnership?
  private var byName: [String: FileOwner] = [:]

  init(_ ownership: PortOwnership?) { self.ownership = ownership }

  /// Whether some included header is ported on its own (or the port is of a header).
  var isSplit: Bool { ownership != nil }

  /// The owner of the code at `cursor` (its expansion location).
  func owner(of cursor: CXCursor) -> FileOwner {
    guard let ownership else { return cursor.isFromMainFile ? .home : .other }
    let location = clang_getCursorLocation(cursor)
    if ownership.home == nil && clang_Location_isFromMainFile(location) != 0 { return .home }
    // System headers (the bundled CUDA headers, the C++ library) are nobody's port: no need to
    // name their files.
    if clang_Location_isInSystemHeader(location) != 0 { return .other }
    guard let position = cursor.position else { return .other }
    return owner(ofFile: position.file)
  }

  /// Whether the code at `cursor` is the home file's.
  func isHome(_ cursor: CXCursor) -> Bool { owner(of: cursor) == .home }

  /// The owner of the file clang names `name`.
  func owner(ofFile name: String) -> FileOwner {
    if let known = byName[name] { return known }
    var found = FileOwner.other
    if let ownership, !name.isEmpty {
      let resolved = FileOwners.resolve(name)
      if resolved == ownership.home {
        found = .home
      } else if ownership.portedHeaders.contains(resolved) {
        found = .portedHeader(resolved)
      }
    }
    byName[name] = found
    return found
  }

  /// The resolved ported header clang names `name`, if it is one.
  func portedHeader(named name: String) -> String? {
    if case let .portedHeader(path) = owner(ofFile: name) { return path }
    return nil
  }

  /// `path` with symlinks, `.` and `..` resolved (relative paths against the current directory).
  static func resolve(_ path: String) -> String {
    guard let resolved = realpath(path, nil) else { return URL(fileURLWithPath: path).standardizedFileURL.path }
    defer { free(resolved) }
    return String(cString: resolved)
  }
}
