// `math.call`: evaluates a MathLibrary implementation lane by lane. Operands are read as Double
// or as 64-bit integers by their kind and results written in the result's kind, one rounding;
// vector operands (half2) apply member by member. f32 functions of f32 operands take a direct
// Float path. Math is pure, so every lane computes.

import KIR

extension FunctionCompiler {
  mutating func compileMathCall(_ op: Operation) throws -> Step? {
    guard
      let name = op.attributes["function"]?.keywordValue ?? op.attributes["function"]?.stringValue,
      !op.operands.isEmpty
    else { throw unsupported(op, "without a function") }
    let operands = try op.operands.map { try registers($0, at: op) }
    let results = try defineResult(op)
    guard !operands[0].isEmpty,
      let implementation = MathLibrary.implementation(
        of: name, firstIsFloat: try leafKinds(of: op.operands[0], at: op)[0].isFloat)
    else { throw unsupported(op, "of '\(name)'") }
    guard !results.isEmpty, operands.allSatisfy({ $0.count == results.count || $0.count == 1 })
    else {
      throw unsupported(op, "of '\(name)' with mismatched vector operands")
    }
    let shape = MathShape(
      operands: operands, operandKinds: try op.operands.map { try leafKinds(of: $0, at: op) },
      results: results,
      resultKinds: results.map { kinds[$0] })
    return .op(MathKernels.make(implementation, shape), meta(op, .math))
  }
}

/// The registers of a math call: operand leaves (one, or one per result member) and results.
struct MathShape {
  let operands: [[Int]]
  let operandKinds: [[ScalarKind]]
  let results: [Int]
  let resultKinds: [ScalarKind]

  /// Member `member` of operand `operand` at `lane`, as a pattern of its kind.
  @inline(__always) func bits(
    _ context: ExecutionContext, _ operand: Int, _ member: Int, _ lane: Int
  )
    -> (UInt64, ScalarKind)
  {
    let index = operands[operand].count == 1 ? 0 : member
    let kind = operandKinds[operand][index]
    return (
      ScalarBits.read(
        kind, from: context.rawRegister(operands[operand][index]) + lane * kind.byteSize), kind
    )
  }

  @inline(__always) func real(
    _ context: ExecutionContext, _ operand: Int, _ member: Int, _ lane: Int
  ) -> Double {
    let (value, kind) = bits(context, operand, member, lane)
    return ScalarBits.toDouble(value, kind: kind)
  }

  @inline(__always) func integer(
    _ context: ExecutionContext, _ operand: Int, _ member: Int, _ lane: Int
  ) -> Int64 {
    let (value, kind) = bits(context, operand, member, lane)
    return ScalarBits.toInteger(value, kind: kind)
  }

  @inline(__always) func write(
    _ context: ExecutionContext, _ member: Int, _ lane: Int, _ bits: UInt64
  ) {
    let kind = resultKinds[member]
    ScalarBits.write(
      bits, kind: kind, to: context.rawRegister(results[member]) + lane * kind.byteSize)
  }

  /// Runs `body(member, lane)` for every member and lane.
  @inline(__always) func forEach(_ context: ExecutionContext, _ body: (Int, Int) -> Void) {
    for lane in context.activeRange {
      for member in results.indices { body(member, lane) }
    }
  }
}

/// The lane loops of math calls.
enum MathKernels {
  static func make(_ implementation: MathImplementation, _ shape: MathShape) -> OpBody {
    let allFloat32 =
      shape.results.count == 1 && shape.resultKinds[0] == .f32
      && shape.operandKinds.allSatisfy { $0 == [.f32] }
    switch implementation {
    case .real1(let function):
      if allFloat32 {
        let (a, result) = (shape.operands[0][0], shape.results[0])
        return LaneKernels.map(Float.self, Float.self, a, result) { Float(function(Double($0))) }
      }
      return { context in
        shape.forEach(context) { member, lane in
          let value = function(shape.real(context, 0, member, lane))
          shape.write(
            context, member, lane, ScalarBits.fromDouble(value, kind: shape.resultKinds[member]))
        }
      }
    case .real2(let function):
      if allFloat32 {
        let (a, b, result) = (shape.operands[0][0], shape.operands[1][0], shape.results[0])
        return { context in
          let x = context.register(a, as: Float.self)
          let y = context.register(b, as: Float.self)
          let z = context.register(result, as: Float.self)
          for lane in context.activeRange {
            z[lane] = Float(function(Double(x[lane]), Double(y[lane])))
          }
        }
      }
      return { context in
        shape.forEach(context) { member, lane in
          let value = function(
            shape.real(context, 0, member, lane), shape.real(context, 1, member, lane))
          shape.write(
            context, member, lane, ScalarBits.fromDouble(value, kind: shape.resultKinds[member]))
        }
      }
    case .real3(let function):
      return { context in
        shape.forEach(context) { member, lane in
          let value = function(
            shape.real(context, 0, member, lane), shape.real(context, 1, member, lane),
            shape.real(context, 2, member, lane))
          shape.write(
            context, member, lane, ScalarBits.fromDouble(value, kind: shape.resultKinds[member]))
        }
      }
    case .float1(let function):
      return { context in
        shape.forEach(context) { member, lane in
          let value = function(Float(shape.real(context, 0, member, lane)))
          shape.write(
            context, member, lane,
            ScalarBits.fromDouble(Double(value), kind: shape.resultKinds[member]))
        }
      }
    case .float2(let function):
      return { context in
        shape.forEach(context) { member, lane in
          let value = function(
            Float(shape.real(context, 0, member, lane)), Float(shape.real(context, 1, member, lane))
          )
          shape.write(
            context, member, lane,
            ScalarBits.fromDouble(Double(value), kind: shape.resultKinds[member]))
        }
      }
    case .float3(let function):
      return { context in
        shape.forEach(context) { member, lane in
          let value = function(
            Float(shape.real(context, 0, member, lane)),
            Float(shape.real(context, 1, member, lane)),
            Float(shape.real(context, 2, member, lane)))
          shape.write(
            context, member, lane,
            ScalarBits.fromDouble(Double(value), kind: shape.resultKinds[member]))
        }
      }
    case .realInteger(let function):
      return { context in
        shape.forEach(context) { member, lane in
          let value = function(
            shape.real(context, 0, member, lane), shape.integer(context, 1, member, lane))
          shape.write(
            context, member, lane, ScalarBits.fromDouble(value, kind: shape.resultKinds[member]))
        }
      }
    case .realToInteger(let function):
      return { context in
        shape.forEach(context) { member, lane in
          let value = function(shape.real(context, 0, member, lane))
          shape.write(
            context, member, lane, ScalarBits.fromInteger(value, kind: shape.resultKinds[member]))
        }
      }
    case .predicate(let function):
      return { context in
        shape.forEach(context) { member, lane in
          let value: Int64 = function(shape.real(context, 0, member, lane)) ? 1 : 0
          shape.write(
            context, member, lane, ScalarBits.fromInteger(value, kind: shape.resultKinds[member]))
        }
      }
    case .integer1(let function):
      return integerKernel(shape) { context, member, lane in
        function(shape.integer(context, 0, member, lane))
      }
    case .integer2(let function):
      return integerKernel(shape) { context, member, lane in
        function(shape.integer(context, 0, member, lane), shape.integer(context, 1, member, lane))
      }
    case .integer3(let function):
      return integerKernel(shape) { context, member, lane in
        function(
          shape.integer(context, 0, member, lane), shape.integer(context, 1, member, lane),
          shape.integer(context, 2, member, lane))
      }
    }
  }

  private static func integerKernel(
    _ shape: MathShape, _ compute: @escaping (ExecutionContext, Int, Int) -> Int64
  ) -> OpBody {
    return { context in
      shape.forEach(context) { member, lane in
        shape.write(
          context, member, lane,
          ScalarBits.fromInteger(compute(context, member, lane), kind: shape.resultKinds[member]))
      }
    }
  }
}
