// scalarize-vector-math: a math function on a vector (`__hfma2` on half2, `h2exp`, ...) becomes
// the scalar function on each lane. CUDA defines the paired-half functions lane by lane; the
// targets have no paired-half type (targets.md A2, B8), so the back ends need the scalar form.
//
// Invariants. Before: a verified module. After: the same values; no `math.call` has a vector
// result when its function has a scalar counterpart in the table below.
//
// Before:
//   %r = math.call __hfma2 %a, %b, %c : vec<2 x f16>
// After:
//   %a0 = agg.extract %a {index = 0} : f16   ... (b0, c0, then lane 1)
//   %r0 = math.call __hfma %a0, %b0, %c0 : f16
//   %r1 = math.call __hfma %a1, %b1, %c1 : f16
//   %r = agg.make %r0, %r1 : vec<2 x f16>

import KIR

/// Splits vector math calls into per-lane scalar calls.
public struct ScalarizeVectorMath: Pass {
  public static let info = PassInfo(
    name: "scalarize-vector-math", group: .transform,
    summary: "Split paired-half math (__hfma2, __hadd2, h2exp, ...) into per-lane scalar calls.")

  /// The scalar counterpart of each vector math function.
  static let scalarCounterparts: [String: String] = [
    "__hadd2": "__hadd", "__hsub2": "__hsub", "__hmul2": "__hmul", "__h2div": "__hdiv",
    "__hmax2": "__hmax", "__hmin2": "__hmin", "__hfma2": "__hfma", "__hneg2": "__hneg",
    "__habs2": "__habs", "h2exp": "hexp", "h2log": "hlog", "h2sqrt": "hsqrt", "h2rsqrt": "hrsqrt",
  ]

  public init(options: PassOptions) {}

  public func run(on module: Module, context: PassContext) {
    for function in module.functions { scalarize(function.body, context: context) }
  }

  private func scalarize(_ region: Region, context: PassContext) {
    var index = 0
    while index < region.operations.count {
      let op = region.operations[index]
      op.regions.forEach { scalarize($0, context: context) }
      guard op.opcode == .mathCall, let result = op.result, case .vector(let lane, let count) = result.type,
        let name = op.attributes["function"]?.symbolValue ?? op.attributes["function"]?.keywordValue
          ?? op.attributes["function"]?.stringValue,
        let scalar = Self.scalarCounterparts[name],
        op.operands.allSatisfy({ $0.type == result.type })
      else {
        index += 1
        continue
      }
      let builder = Builder(region: Region(), location: op.location)
      var lanes: [Value] = []
      for position in 0..<count {
        let operands = op.operands.map { operand in
          builder.value(.extract, [operand], type: lane, attributes: ["index": .int(Int64(position))])
        }
        var attributes = op.attributes
        attributes["function"] = .keyword(scalar)
        lanes.append(builder.value(.mathCall, operands, type: lane, attributes: attributes))
      }
      let made = builder.value(.make, lanes, type: result.type, name: result.name)
      region.operations.replaceSubrange(index...index, with: builder.region.operations)
      index += builder.region.operations.count
      var replacements: [Value: Value] = [result: made]
      replaceUsesAfter(&replacements, in: region, from: index)
      context.count("vector math calls split")
    }
  }

  /// Replaces uses in `region` from op `start` on (and in their regions).
  private func replaceUsesAfter(_ replacements: inout [Value: Value], in region: Region, from start: Int) {
    for op in region.operations[start...] {
      for (position, operand) in op.operands.enumerated() {
        if let replacement = replacements[operand] { op.operands[position] = replacement }
      }
      for inner in op.regions { replaceUses(replacements, in: inner) }
    }
  }
}
