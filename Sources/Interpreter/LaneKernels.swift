// The generic lane loops behind the arithmetic ops. Each op is a caseless enum with a static
// `apply`; a loop is specialised for one lane type and one op, so the compiler inlines the op
// and vectorises the loop. Pure ops run over every lane of the block (inactive lanes compute
// harmless garbage that no active lane reads: registers are SSA, and masked merges happen only
// at `scf.yield` and stores); integer division also checks the divisors of active lanes.

/// A binary integer op (wrapping).
protocol IntegerOperation {
  static func apply<T: FixedWidthInteger>(_ a: T, _ b: T) -> T
}

/// A binary floating-point op, computed in the lane type's computation type.
protocol FloatOperation {
  static func apply<F: BinaryFloatingPoint>(_ a: F, _ b: F) -> F
}

/// A comparison predicate.
protocol Predicate {
  static func holds<T: Comparable>(_ a: T, _ b: T) -> Bool
}

enum AddOperation: IntegerOperation, FloatOperation {
  @inline(__always) static func apply<T: FixedWidthInteger>(_ a: T, _ b: T) -> T { a &+ b }
  @inline(__always) static func apply<F: BinaryFloatingPoint>(_ a: F, _ b: F) -> F { a + b }
}

enum SubtractOperation: IntegerOperation, FloatOperation {
  @inline(__always) static func apply<T: FixedWidthInteger>(_ a: T, _ b: T) -> T { a &- b }
  @inline(__always) static func apply<F: BinaryFloatingPoint>(_ a: F, _ b: F) -> F { a - b }
}

enum MultiplyOperation: IntegerOperation, FloatOperation {
  @inline(__always) static func apply<T: FixedWidthInteger>(_ a: T, _ b: T) -> T { a &* b }
  @inline(__always) static func apply<F: BinaryFloatingPoint>(_ a: F, _ b: F) -> F { a * b }
}

enum DivideOperation: FloatOperation {
  @inline(__always) static func apply<F: BinaryFloatingPoint>(_ a: F, _ b: F) -> F { a / b }
}

/// C's `fmod`: the remainder with the sign of the dividend.
enum RemainderOperation: FloatOperation {
  @inline(__always) static func apply<F: BinaryFloatingPoint>(_ a: F, _ b: F) -> F {
    a.truncatingRemainder(dividingBy: b)
  }
}

enum AndOperation: IntegerOperation {
  @inline(__always) static func apply<T: FixedWidthInteger>(_ a: T, _ b: T) -> T { a & b }
}

enum OrOperation: IntegerOperation {
  @inline(__always) static func apply<T: FixedWidthInteger>(_ a: T, _ b: T) -> T { a | b }
}

enum XorOperation: IntegerOperation {
  @inline(__always) static func apply<T: FixedWidthInteger>(_ a: T, _ b: T) -> T { a ^ b }
}

enum EqualPredicate: Predicate {
  @inline(__always) static func holds<T: Comparable>(_ a: T, _ b: T) -> Bool { a == b }
}
/// Unordered for floats: true when either is NaN.
enum NotEqualPredicate: Predicate {
  @inline(__always) static func holds<T: Comparable>(_ a: T, _ b: T) -> Bool { a != b }
}
enum LessPredicate: Predicate {
  @inline(__always) static func holds<T: Comparable>(_ a: T, _ b: T) -> Bool { a < b }
}
enum LessEqualPredicate: Predicate {
  @inline(__always) static func holds<T: Comparable>(_ a: T, _ b: T) -> Bool { a <= b }
}
enum GreaterPredicate: Predicate {
  @inline(__always) static func holds<T: Comparable>(_ a: T, _ b: T) -> Bool { a > b }
}
enum GreaterEqualPredicate: Predicate {
  @inline(__always) static func holds<T: Comparable>(_ a: T, _ b: T) -> Bool { a >= b }
}

/// Lane loops, specialised per lane type and op.
enum LaneKernels {
  static func integer<T: FixedWidthInteger, Op: IntegerOperation>(
    _ type: T.Type, _ op: Op.Type, _ a: Int, _ b: Int, _ result: Int
  ) -> OpBody {
    return { context in
      let x = context.register(a, as: T.self)
      let y = context.register(b, as: T.self)
      let z = context.register(result, as: T.self)
      for lane in context.activeRange { z[lane] = Op.apply(x[lane], y[lane]) }
    }
  }

  static func float<F: FloatLane, Op: FloatOperation>(
    _ type: F.Type, _ op: Op.Type, _ a: Int, _ b: Int, _ result: Int
  ) -> OpBody {
    return { context in
      let x = context.register(a, as: F.self)
      let y = context.register(b, as: F.self)
      let z = context.register(result, as: F.self)
      for lane in context.activeRange {
        z[lane] = F(compute: Op.apply(x[lane].compute, y[lane].compute))
      }
    }
  }

  /// Integer division or remainder: truncating; x / 0 gives all ones and x % 0 gives x (what
  /// the hardware's div and rem give), with a finding for each active lane dividing by zero;
  /// MIN / -1 wraps to MIN and MIN % -1 is 0.
  static func division<T: FixedWidthInteger>(
    _ type: T.Type, isRemainder: Bool, _ a: Int, _ b: Int, _ result: Int, meta: OpMeta
  ) -> OpBody {
    return { context in
      let x = context.register(a, as: T.self)
      let y = context.register(b, as: T.self)
      let z = context.register(result, as: T.self)
      var sawZero = false
      for lane in context.activeRange {
        let divisor = y[lane]
        if divisor == 0 {
          sawZero = true
          z[lane] = isRemainder ? x[lane] : ~T.zero
        } else if isRemainder {
          z[lane] = x[lane].remainderReportingOverflow(dividingBy: divisor).partialValue
        } else {
          z[lane] = x[lane].dividedReportingOverflow(by: divisor).partialValue
        }
      }
      if sawZero {
        for lane in context.activeRange
        where y[lane] == 0 && context.state.pointee.active.contains(lane) {
          context.reportDivisionByZero(meta: meta, lane: lane)
          break
        }
      }
    }
  }

  /// Shifts with the hardware's clamping: a count of at least the width shifts everything out
  /// (0, or the sign for an arithmetic right shift); a negative count counts as huge.
  static func shift<T: FixedWidthInteger, S: FixedWidthInteger>(
    _ type: T.Type, _ amountType: S.Type, isLeft: Bool, _ a: Int, _ b: Int, _ result: Int
  ) -> OpBody {
    return { context in
      let x = context.register(a, as: T.self)
      let y = context.register(b, as: S.self)
      let z = context.register(result, as: T.self)
      let width = UInt64(T.bitWidth)
      let range = context.activeRange
      // A uniform in-range amount (the common `x >> 1`) shifts without a per-lane test.
      let first = UInt64(truncatingIfNeeded: y[range.lowerBound])
      var uniform = first < width
      for lane in range where UInt64(truncatingIfNeeded: y[lane]) != first { uniform = false }
      if uniform {
        let amount = T(truncatingIfNeeded: first)
        if isLeft {
          for lane in range { z[lane] = x[lane] &<< amount }
        } else {
          for lane in range { z[lane] = x[lane] &>> amount }
        }
        return
      }
      if isLeft {
        for lane in range {
          let amount = UInt64(truncatingIfNeeded: y[lane])
          let shifted = x[lane] &<< T(truncatingIfNeeded: amount)
          z[lane] = amount >= width ? 0 : shifted
        }
      } else {
        for lane in range {
          let amount = UInt64(truncatingIfNeeded: y[lane])
          // Past the width, an arithmetic shift by width - 1 gives the sign fill (0 if unsigned
          // after the select below).
          let value = x[lane]
          let shifted = value &>> T(truncatingIfNeeded: Swift.min(amount, width - 1))
          z[lane] = amount >= width && !T.isSigned ? 0 : shifted
        }
      }
    }
  }

  static func compare<T: Comparable, P: Predicate>(
    _ type: T.Type, _ predicate: P.Type, _ a: Int, _ b: Int, _ result: Int
  ) -> OpBody {
    return { context in
      let x = context.register(a, as: T.self)
      let y = context.register(b, as: T.self)
      let z = context.register(result, as: UInt8.self)
      for lane in context.activeRange { z[lane] = P.holds(x[lane], y[lane]) ? 1 : 0 }
    }
  }

  static func compareFloat<F: FloatLane, P: Predicate>(
    _ type: F.Type, _ predicate: P.Type, _ a: Int, _ b: Int, _ result: Int
  ) -> OpBody {
    return { context in
      let x = context.register(a, as: F.self)
      let y = context.register(b, as: F.self)
      let z = context.register(result, as: UInt8.self)
      for lane in context.activeRange {
        z[lane] = P.holds(x[lane].compute, y[lane].compute) ? 1 : 0
      }
    }
  }

  /// `c ? a : b` per lane, for registers of `T`.
  static func select<T>(_ type: T.Type, _ c: Int, _ a: Int, _ b: Int, _ result: Int) -> OpBody {
    return { context in
      let condition = context.register(c, as: UInt8.self)
      let x = context.register(a, as: T.self)
      let y = context.register(b, as: T.self)
      let z = context.register(result, as: T.self)
      for lane in context.activeRange { z[lane] = condition[lane] != 0 ? x[lane] : y[lane] }
    }
  }

  /// A lane-wise map from one register type to another.
  static func map<S, D>(
    _ source: S.Type, _ destination: D.Type, _ a: Int, _ result: Int,
    _ transform: @escaping (S) -> D
  ) -> OpBody {
    return { context in
      let x = context.register(a, as: S.self)
      let z = context.register(result, as: D.self)
      for lane in context.activeRange { z[lane] = transform(x[lane]) }
    }
  }
}
