// Per-type tolerances of `kport verify`: integers exact, floats within an absolute + relative
// bound or a ULP distance, NaN equal to NaN, and the first element out of tolerance reported.
import Foundation
import Testing
@testable import Driver

private func outcome(_ type: ElementType, _ bytes: [UInt8]) -> BufferOutcome {
  BufferOutcome(name: "b", type: type, count: bytes.count / type.byteSize, initial: bytes, final: bytes)
}

private func floats(_ values: [Float]) -> [UInt8] {
  values.flatMap { value in withUnsafeBytes(of: value.bitPattern.littleEndian) { Array($0) } }
}

private func ints(_ values: [Int32]) -> [UInt8] {
  values.flatMap { value in withUnsafeBytes(of: value.littleEndian) { Array($0) } }
}

@Suite struct BufferComparisonTests {
  @Test func equalBuffersPass() {
    let a = outcome(.f32, floats([1, 2, .nan, -0.0]))
    let b = outcome(.f32, floats([1, 2, .nan, 0.0]))
    let comparison = BufferComparison(expected: a, actual: b)
    #expect(comparison.passed)
    #expect(comparison.maxULP == 0)
  }

  @Test func floatsWithinTolerancePassAndBeyondFail() {
    let one: Float = 1
    let a = outcome(.f32, floats([one, 100, 1e-3]))
    let b = outcome(.f32, floats([one.nextUp, 100.5, 1e-3]))
    let comparison = BufferComparison(expected: a, actual: b)
    #expect(!comparison.passed)
    #expect(comparison.mismatches == 1)
    #expect(comparison.firstMismatch?.index == 1)
    #expect(comparison.maxAbsoluteError == 0.5)
    let loose = BufferComparison(expected: a, actual: b, tolerance: Tolerance(absolute: 1, relative: 0, maxULP: 0))
    #expect(loose.passed)
  }

  @Test func ulpDistanceCountsRepresentableSteps() {
    let one: Float = 1
    let a = outcome(.f32, floats([one]))
    let b = outcome(.f32, floats([one.nextUp.nextUp.nextUp]))
    let comparison = BufferComparison(expected: a, actual: b, tolerance: Tolerance(absolute: 0, relative: 0, maxULP: 2))
    #expect(comparison.maxULP == 3)
    #expect(!comparison.passed)
  }

  @Test func integersMustBeEqual() {
    let comparison = BufferComparison(expected: outcome(.i32, ints([5, -7])), actual: outcome(.i32, ints([5, -6])))
    #expect(!comparison.passed)
    #expect(comparison.maxAbsoluteError == 1)
    #expect(comparison.firstMismatch?.expected == -7)
  }
}
