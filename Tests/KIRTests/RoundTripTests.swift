// Round-trip tests: the corpus is canonical, print(parse(print(M))) == print(M) with and without
// locations, and the corpus covers every op, type, address space, attribute kind, location kind
// and host record kind.

import Testing

@testable import KIR

@Suite struct RoundTripTests {
  @Test("corpus text is already canonical", arguments: Corpus.entries)
  func corpusIsCanonical(_ entry: CorpusEntry) {
    #expect(reprint(entry.text, locations: entry.name == "locations") == entry.text)
  }

  @Test("print(parse(print(M))) == print(M)", arguments: Corpus.entries, [false, true])
  func printParsePrintIsIdentity(_ entry: CorpusEntry, locations: Bool) throws {
    let first = try #require(reprint(entry.text, locations: locations))
    #expect(reprint(first, locations: locations) == first)
  }

  @Test("corpus modules verify clean", arguments: Corpus.entries)
  func corpusVerifies(_ entry: CorpusEntry) throws {
    let module = try #require(parseValid(entry.text))
    #expect(verify(module).map(describe) == [])
  }

  @Test func corpusCoversEveryOp() {
    var seen: Set<Opcode> = []
    for module in Self.corpusModules() {
      for function in module.functions { function.body.walk { seen.insert($0.opcode) } }
    }
    #expect(Opcode.allCases.filter { !seen.contains($0) }.map(\.name) == [])
  }

  @Test func corpusCoversEveryType() {
    var kinds: Set<String> = []
    var spaces: Set<AddressSpace> = []
    func visit(_ type: IRType) {
      switch type {
      case .void, .bool, .int, .float: kinds.insert(type.description)
      case let .vector(element, _):
        kinds.insert("vec")
        visit(element)
      case let .pointer(space, pointee):
        kinds.insert("ptr")
        spaces.insert(space)
        visit(pointee)
      case let .array(element, count):
        kinds.insert(count == nil ? "array<?>" : "array<N>")
        visit(element)
      case let .structure(name):
        kinds.insert(isIdentifier(name) ? "struct" : "struct<quoted>")
      }
    }
    for module in Self.corpusModules() {
      module.structs.forEach { $0.fields.forEach { visit($0.type) } }
      module.globals.forEach { visit($0.type) }
      for function in module.functions {
        visit(function.resultType)
        function.parameters.forEach { visit($0.value.type) }
        function.body.walk { $0.results.forEach { visit($0.type) } }
      }
    }
    let expected: Set<String> = [
      "void", "i1", "i8", "i16", "i32", "i64", "u8", "u16", "u32", "u64", "f16", "bf16", "f32",
      "f64", "vec", "ptr", "array<N>", "array<?>", "struct", "struct<quoted>",
    ]
    #expect(expected.subtracting(kinds).sorted() == [])
    #expect(AddressSpace.allCases.filter { !spaces.contains($0) }.map(\.rawValue) == [])
  }

  @Test func corpusCoversEveryAttributeKind() {
    var kinds: Set<String> = []
    func visit(_ attribute: Attribute) {
      switch attribute {
      case .int: kinds.insert("int")
      case .float: kinds.insert("float")
      case .string: kinds.insert("string")
      case .bool: kinds.insert("bool")
      case .keyword: kinds.insert("keyword")
      case .symbol: kinds.insert("symbol")
      case .type: kinds.insert("type")
      case let .array(items):
        kinds.insert("array")
        items.forEach(visit)
      }
    }
    for module in Self.corpusModules() {
      module.globals.forEach { $0.initializer.map(visit) }
      module.hostRecords.forEach { $0.attributes.values.forEach(visit) }
      for function in module.functions {
        function.attributes.values.forEach(visit)
        function.parameters.forEach { $0.attributes.values.forEach(visit) }
        function.body.walk { $0.attributes.values.forEach(visit) }
      }
    }
    let expected: Set = ["int", "float", "string", "bool", "keyword", "symbol", "type", "array"]
    #expect(expected.subtracting(kinds).sorted() == [])
  }

  @Test func corpusCoversEveryLocationKindAndHostRecordKind() throws {
    let module = try #require(parseValid(Corpus.locations))
    var kinds: Set<String> = []
    func visit(_ location: Location) {
      switch location {
      case .file: kinds.insert("file")
      case let .fused(parts):
        kinds.insert("fused")
        parts.forEach(visit)
      case let .named(_, inner):
        kinds.insert("named")
        visit(inner)
      case .unknown: kinds.insert("unknown")
      }
    }
    for function in module.functions { function.body.walk { visit($0.location) } }
    #expect(kinds == ["file", "fused", "named", "unknown"])

    let host = try #require(parseValid(Corpus.host))
    #expect(Set(host.hostRecords.map(\.kind)) == Set(HostRecordKind.allCases))
  }

  @Test func valuesAndAttributesKeepTheirKinds() throws {
    let module = try #require(parseValid(Corpus.arith))
    let constants = module.functions[0].body.operations.filter { $0.opcode == .constant }
    let values = constants.compactMap { $0.attributes["value"] }
    #expect(values.prefix(3) == [.int(1), .float(-2.5), .bool(true)])
    #expect(values[3] == .int(Int64.min))
    #expect(values[4] == .float(1e-05))
    #expect(values[5] == .float(.infinity) && values[6] == .float(-.infinity))
    #expect(values[7].floatValue?.isNaN == true)
  }

  @Test func stringsAndSymbolsRoundTripExactly() throws {
    let module = try #require(parseValid(Corpus.types))
    let attributes = try #require(module.function(named: "attributes")).attributes
    #expect(attributes["quoted key"] == .string("tab\tquote\"backslash\\control\u{1}"))
    #expect(attributes["unicode"] == .string("π≈3"))
    #expect(attributes["symbol"] == .symbol("ns::x"))
    #expect(attributes["type"] == .type(.structure("ns::Pair")))
    #expect(module.structDecl(named: "ns::Pair") != nil)
    #expect(module.structDecl(named: "Params")?.fields.map(\.name) == ["alpha", "n", "weird name"])
  }

  /// Every corpus module, parsed.
  static func corpusModules() -> [Module] {
    Corpus.entries.compactMap { parseModule($0.text, path: testPath).0 }
  }
}
