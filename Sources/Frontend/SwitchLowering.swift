// `switch` -> a breakable `scf.block` of guarded segments, exact for fallthrough:
//
//   switch (x) { case 1: A; case 2: B; break; default: C; }
//   ->
//   scf.block {
//     matched = false
//     scf.if (matched || x == 1)           { matched = true; A }
//     scf.if (matched || x == 2)           { matched = true; B; scf.break }
//     scf.if (matched || !(x == 1 || x == 2)) { matched = true; C }
//   }
import CClang
import KIR

extension FunctionTranslator {
  /// One run of statements after one or more labels.
  private struct Segment {
    var values: [Int64] = []
    var isDefault = false
    var statements: [CXCursor] = []
    var location: Location
  }

  func lowerSwitch(_ statement: CXCursor) throws {
    let parts = statement.children.filter { $0.kind != CXCursor_VarDecl && $0.kind != CXCursor_DeclStmt }
    guard parts.count == 2 else {
      throw LoweringFailure(.unsupportedConstruct, "a switch with an init statement cannot be translated", at: statement)
    }
    let selector = try rvalue(parts[0])
    guard selector.type.isInteger || selector.type.isBool else {
      throw LoweringFailure(.unsupportedConstruct, "switch on a non-integer value", at: parts[0])
    }
    let segments = try collectSegments(parts[1])
    let allValues = segments.flatMap(\.values)
    builder.location = statement.location
    let matched = allocate(.bool, name: "switch.matched", at: statement)
    let body = try region {
      builder.location = statement.location
      builder.create(.store, [builder.constant(int: 0, .bool), matched])
      for segment in segments {
        builder.location = segment.location
        var label: Value?
        for value in segment.values {
          let test = equals(selector, value)
          label = label.map { builder.value(.or, [$0, test], type: .bool) } ?? test
        }
        if segment.isDefault {
          var any: Value?
          for value in allValues {
            let test = equals(selector, value)
            any = any.map { builder.value(.or, [$0, test], type: .bool) } ?? test
          }
          let none = any.map { builder.value(.not, [$0], type: .bool) } ?? builder.constant(int: 1, .bool)
          label = label.map { builder.value(.or, [$0, none], type: .bool) } ?? none
        }
        let previous = builder.value(.load, [matched], type: .bool)
        let guardValue = builder.value(.or, [previous, label ?? builder.constant(int: 0, .bool)], type: .bool)
        let segmentRegion = try region {
          builder.location = segment.location
          builder.create(.store, [builder.constant(int: 1, .bool), matched])
          for child in segment.statements {
            if try lowerStatement(child) { break }
          }
        }
        builder.location = segment.location
        builder.create(.if, [guardValue], regions: [segmentRegion, Region()])
      }
    }
    builder.location = statement.location
    builder.create(.block, regions: [body])
  }

  private func equals(_ selector: Value, _ value: Int64) -> Value {
    let constant = builder.constant(int: value, selector.type)
    return builder.value(.cmp, [selector, constant], type: .bool, attributes: ["predicate": .keyword("eq")])
  }

  /// The segments of a switch body; labels must be direct children (or chained labels).
  private func collectSegments(_ body: CXCursor) throws -> [Segment] {
    let statements = body.kind == CXCursor_CompoundStmt ? body.children : [body]
    var segments: [Segment] = []
    for statement in statements {
      var current = statement
      var startsSegment = false
      var segment = Segment(location: statement.location)
      while current.kind == CXCursor_CaseStmt || current.kind == CXCursor_DefaultStmt {
        startsSegment = true
        let children = current.children
        if current.kind == CXCursor_CaseStmt {
          guard let valueCursor = children.first, case let .int(value, _)? = evaluate(valueCursor) else {
            throw LoweringFailure(.unsupportedConstruct, "case label is not an integer constant", at: current)
          }
          segment.values.append(value)
        } else {
          segment.isDefault = true
        }
        guard let next = children.last, children.count >= 1 else { break }
        current = next
      }
      if startsSegment {
        segment.statements = [current]
        segments.append(segment)
      } else if !segments.isEmpty {
        segments[segments.count - 1].statements.append(statement)
      }
      // Statements before the first label are unreachable, as in C.
    }
    return segments
  }
}
