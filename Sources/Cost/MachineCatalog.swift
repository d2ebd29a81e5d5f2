// The machines kport knows: the bundled files, plus user files (`--machine-file FILE`) that add
// a machine or replace or adjust a bundled one. Resolves `extends` (a file starts from another
// machine's keys and overrides some), builds every machine and looks them up by name.
import KIR

/// The text of one machine file.
public struct MachineSource: Hashable, Sendable {
  public var path: String
  public var text: String
  /// Whether it came from `--machine-file` (it may then reuse a bundled machine's name).
  public var isUser: Bool

  public init(path: String, text: String, isUser: Bool) {
    self.path = path
    self.text = text
    self.isUser = isUser
  }
}

/// A set of loaded machines, looked up by name.
public struct MachineCatalog: Sendable {
  /// Every machine that loaded without errors, by name.
  public private(set) var machines: [String: Machine] = [:]

  /// The machine names, sorted.
  public var names: [String] { machines.keys.sorted() }

  /// The machine called `name`, or a KP8009 diagnostic naming the close ones.
  public func machine(named name: String) -> Result<Machine, Diagnostic> {
    if let machine = machines[name] { return .success(machine) }
    return .failure(
      .error(.machineUnknownMachine,
        "unknown machine '\(name)'\(didYouMean(name, among: names)); known machines: \(names.joined(separator: ", "))",
        at: .unknown))
  }

  /// Loads `sources`: bundled files first, then user files, which may add machines or replace
  /// (or, with `extends`, adjust) bundled ones.
  ///
  /// - Returns: the catalog of the machines that loaded and every problem found.
  public static func load(_ sources: [MachineSource]) -> (MachineCatalog, [Diagnostic]) {
    var diagnostics: [Diagnostic] = []
    var bundled: [String: MachineDraft] = [:]
    var user: [String: MachineDraft] = [:]
    for source in sources {
      let parsed = MachineFileParser.parse(source.text, path: source.path)
      let (draft, problems) = MachineValidator.validate(parsed, isUser: source.isUser)
      diagnostics += problems
      // A file with errors builds no machine: its missing keys would only repeat them.
      if problems.contains(where: { $0.severity == .error }) { continue }
      guard let name = draft.name else {
        if !parsed.entries.contains(where: { $0.section.isEmpty && $0.key == "machine" }) {
          diagnostics.append(
            .error(.machineMissingKey, "missing required key 'machine' (the machine's name)",
              at: .file(path: source.path, line: 1, column: 1)))
        }
        continue
      }
      let location = draft.entries["machine"]?.location ?? .file(path: source.path, line: 1, column: 1)
      if !source.isUser, name != fileStem(source.path) {
        diagnostics.append(
          .error(.machineNameConflict,
            "bundled machine file '\(fileStem(source.path))' defines machine '\(name)'; a bundled file's machine name is its file name",
            at: location))
        continue
      }
      if let previous = source.isUser ? user[name] : bundled[name] {
        diagnostics.append(
          Diagnostic(.error, .machineNameConflict, "machine '\(name)' is defined twice", at: location,
            notes: [.note("first defined here", at: .file(path: previous.path, line: 1, column: 1))]))
        continue
      }
      if source.isUser { user[name] = draft } else { bundled[name] = draft }
    }
    var resolver = Resolver(bundled: bundled, user: user)
    var catalog = MachineCatalog()
    for name in Set(bundled.keys).union(user.keys).sorted() {
      let layer: Resolver.Layer = user[name] != nil ? .user : .bundled
      if let machine = resolver.machine(name, layer: layer) { catalog.machines[name] = machine }
    }
    return (catalog, diagnostics + resolver.diagnostics)
  }

  static func fileStem(_ path: String) -> String {
    let file = path.split(separator: "/").last.map(String.init) ?? path
    guard let dot = file.lastIndex(of: "."), dot != file.startIndex else { return file }
    return String(file[..<dot])
  }
}

/// Resolves `extends` chains with memoisation and cycle detection, and builds the machines.
private struct Resolver {
  enum Layer: Hashable { case bundled, user }

  struct Resolved {
    var entries: [String: MachineEntry]
    var files: [String]
  }

  let bundled: [String: MachineDraft]
  let user: [String: MachineDraft]
  var done: [String: Resolved?] = [:]
  var inProgress: [String] = []
  var diagnostics: [Diagnostic] = []

  init(bundled: [String: MachineDraft], user: [String: MachineDraft]) {
    self.bundled = bundled
    self.user = user
  }

  /// The built machine `name` of `layer`, nil (with diagnostics) when it has errors.
  mutating func machine(_ name: String, layer: Layer) -> Machine? {
    guard let resolved = resolve(name, layer: layer), let draft = self.draft(name, layer) else { return nil }
    var builder = MachineBuilder(entries: resolved.entries, draft: draft, files: resolved.files)
    let machine = builder.build()
    diagnostics += builder.diagnostics
    return machine
  }

  private func draft(_ name: String, _ layer: Layer) -> MachineDraft? {
    layer == .user ? user[name] : bundled[name]
  }

  /// The merged entries of `name`: its base's, overridden by its own.
  private mutating func resolve(_ name: String, layer: Layer) -> Resolved? {
    let id = "\(layer == .user ? "user" : "bundled"):\(name)"
    if let finished = done[id] { return finished }
    guard let draft = draft(name, layer) else { return nil }
    if inProgress.contains(id) {
      let chain = (inProgress.drop { $0 != id } + [id]).map { String($0.split(separator: ":").last ?? "") }
      diagnostics.append(
        .error(.machineExtendsCycle, "machines extend each other in a cycle: \(chain.joined(separator: " → "))",
          at: draft.extendsLocation))
      done[id] = .some(nil)
      return nil
    }
    inProgress.append(id)
    defer { inProgress.removeAll { $0 == id } }
    var result = Resolved(entries: [:], files: [])
    if let base = draft.extends {
      // A user file extending its own name adjusts the bundled machine of that name.
      let baseLayer: Layer =
        layer == .user && base != name && user[base] != nil ? .user : .bundled
      guard self.draft(base, baseLayer) != nil else {
        let known = Set(bundled.keys).union(layer == .user ? Set(user.keys) : []).sorted()
        diagnostics.append(
          .error(.machineUnknownMachine,
            "'\(name)' extends unknown machine '\(base)'\(didYouMean(base, among: known))", at: draft.extendsLocation))
        done[id] = .some(nil)
        return nil
      }
      guard let baseResolved = resolve(base, layer: baseLayer) else {
        done[id] = .some(nil)
        return nil
      }
      result = baseResolved
    }
    for (key, entry) in draft.entries { result.entries[key] = entry }
    result.files.append(draft.path)
    done[id] = .some(result)
    return result
  }
}
