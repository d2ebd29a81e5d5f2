// Constant folding agrees with C on the edge cases: wrap-around, signedness, truncation, and
// refuses what CUDA leaves undefined.
import KIR
import Testing
@testable import Passes

@Suite struct ConstantFoldingTests {
  private func fold(_ opcode: Opcode, _ a: ConstantValue, _ b: ConstantValue, _ type: IRType, predicate: String? = nil) -> ConstantValue? {
    ConstantFolder.fold(opcode, predicate: predicate, operands: [a, b], operandType: type, resultType: predicate == nil ? type : .bool)
  }

  private func int(_ value: Int64) -> ConstantValue { .integer(UInt64(bitPattern: value)) }

  @Test func integersWrapAtTheirWidth() {
    #expect(fold(.add, int(127), int(1), .i8) == int(-128))
    #expect(fold(.mul, int(65535), int(65535), .u16) == int(1))
    #expect(fold(.sub, int(0), int(1), .u64) == .integer(UInt64.max))
  }

  @Test func signednessDecidesDivisionShiftAndComparison() {
    #expect(fold(.div, int(-7), int(2), .i32) == int(-3))
    #expect(fold(.rem, int(-7), int(2), .i32) == int(-1))
    #expect(fold(.shr, int(-8), int(1), .i32) == int(-4))
    #expect(fold(.shr, .integer(0xFFFF_FFF8), int(1), .u32) == .integer(0x7FFF_FFFC))
    #expect(fold(.cmp, int(-1), int(1), .i32, predicate: "lt") == .boolean(true))
    #expect(fold(.cmp, .integer(0xFFFF_FFFF), int(1), .u32, predicate: "lt") == .boolean(false))
  }

  @Test func undefinedResultsAreNotFolded() {
    #expect(fold(.div, int(1), int(0), .i32) == nil)
    #expect(fold(.rem, int(1), int(0), .u32) == nil)
    #expect(fold(.div, int(Int64(Int32.min)), int(-1), .i32) == nil)
    #expect(fold(.shl, int(1), int(32), .i32) == nil)
    #expect(ConstantFolder.fold(.cast, predicate: nil, operands: [.real(3e9)], operandType: .f32, resultType: .i32) == nil)
    #expect(ConstantFolder.fold(.cast, predicate: nil, operands: [.real(.nan)], operandType: .f32, resultType: .u8) == nil)
  }

  @Test func singlePrecisionRoundsEachStep() {
    let third = fold(.div, .real(1), .real(3), .f32)
    #expect(third == .real(Double(Float(1) / Float(3))))
    #expect(fold(.add, .real(16_777_216), .real(1), .f32) == .real(16_777_216))
    #expect(fold(.add, .real(16_777_216), .real(1), .f64) == .real(16_777_217))
  }

  @Test func conversionsFollowC() {
    let cast = { (value: ConstantValue, from: IRType, to: IRType) in
      ConstantFolder.fold(.cast, predicate: nil, operands: [value], operandType: from, resultType: to)
    }
    #expect(cast(.real(-2.75), .f32, .i32) == int(-2))
    #expect(cast(int(-1), .i32, .u8) == int(255))
    #expect(cast(int(-1), .i32, .u64) == .integer(UInt64.max))
    #expect(cast(.integer(0xFFFF_FFFF), .u32, .i64) == int(4_294_967_295))
    #expect(cast(.boolean(true), .bool, .i32) == int(1))
    #expect(cast(.real(0.1), .f64, .f32) == .real(Double(Float(0.1))))
  }

  @Test func nanComparesUnorderedExceptNotEqual() {
    #expect(fold(.cmp, .real(.nan), .real(.nan), .f32, predicate: "eq") == .boolean(false))
    #expect(fold(.cmp, .real(.nan), .real(1), .f32, predicate: "ne") == .boolean(true))
    #expect(fold(.cmp, .real(.nan), .real(1), .f32, predicate: "ge") == .boolean(false))
  }
}
