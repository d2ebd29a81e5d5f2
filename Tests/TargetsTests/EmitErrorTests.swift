// Error paths of the kernel emitters: constructs the target cannot express get a located
// diagnostic with a stable ID, and the function holding them is left out (never wrong code).
import KIR
import Rules
import Targets
import XCTest

final class EmitErrorTests: XCTestCase {
  private func emit(_ body: String, params: String = "%out: ptr<global, f32>", target: TargetKind) -> EmittedDevice? {
    let text = "kernel @k(\(params)) {\n\(body)\n  func.return\n}\n"
    guard let module = EmitTestSupport.parse(text, path: "k.cu") else { return nil }
    return KernelEmitter.emit(module: module, target: target, rules: EmitTestSupport.rules)
  }

  private func assertError(_ emitted: EmittedDevice?, _ id: DiagnosticID, line: Int, containing text: String,
                           file: StaticString = #filePath, testLine: UInt = #line) {
    guard let emitted else { return XCTFail("no output", file: file, line: testLine) }
    let errors = emitted.diagnostics.filter { $0.severity == .error }
    XCTAssertEqual(errors.map { $0.id?.code }, [id.code], "\(errors.map(\.message))", file: file, line: testLine)
    XCTAssertEqual(errors.first?.location.filePosition?.line, line, file: file, line: testLine)
    XCTAssertTrue(errors.first?.message.contains(text) == true, "\(errors.map(\.message))", file: file, line: testLine)
    XCTAssertTrue(emitted.text.contains("kernel 'k' is not emitted"), emitted.text, file: file, line: testLine)
    XCTAssertFalse(emitted.text.contains("__mlu_global__") || emitted.text.contains("__aicore__ void k"),
                   file: file, line: testLine)
  }

  func testUnsupportedRuleIsALocatedError() {
    // BANG has no cycle counter: the special-registers rule for cuda.clock is unsupported.
    let body = """
        %t = cuda.clock : i64 loc("k.cu":3:5)
        %f = arith.cast %t : f32
        %z = arith.constant 0 : i64
        %p = mem.offset %out, %z : ptr<global, f32>
        mem.store %f, %p
      """
    assertError(emit(body, target: .bang), .rulesUnsupported, line: 3, containing: "'cuda.clock'")
  }

  func testUntraceableSharedPointerOnAscend() {
    let body = """
        %a = arith.constant 4096 : u64
        %s = mem.int_to_pointer %a : ptr<shared, f32> loc("k.cu":7:9)
        %v = mem.load %s : f32
        %z = arith.constant 0 : i64
        %p = mem.offset %out, %z : ptr<global, f32>
        mem.store %v, %p
      """
    assertError(emit(body, target: .ascendc), .emitUntraceableSharedPointer, line: 7, containing: "from an integer")
    // BANG reaches NRAM through raw pointers: the same code is emitted there.
    let bang = emit(body, target: .bang)
    XCTAssertEqual(bang?.diagnostics.filter { $0.severity == .error }.count, 0)
    XCTAssertTrue(bang?.text.contains("float *)4096ULL") == true, bang?.text ?? "")
  }

  func testAscendGlobalAtomicOtherThanAddMinMax() {
    let body = """
        %z = arith.constant 0 : i64
        %p = mem.offset %out, %z : ptr<global, f32>
        %one = arith.constant 1.0 : f32
        %old = cuda.atomic exch %p, %one : f32 loc("k.cu":5:3)
      """
    assertError(emit(body, target: .ascendc), .rulesUnsupported, line: 5, containing: "no scalar global atomicExch")
    XCTAssertEqual(emit(body, target: .bang)?.diagnostics.filter { $0.severity == .error }.count, 0)
  }

  func testAscendGlobalAtomicWhoseOldValueIsUsed() {
    let body = """
        %z = arith.constant 0 : i64
        %p = mem.offset %out, %z : ptr<global, f32>
        %one = arith.constant 1.0 : f32
        %old = cuda.atomic add %p, %one : f32 loc("k.cu":6:13)
        mem.store %old, %p
      """
    assertError(emit(body, target: .ascendc), .emitAtomicResultUnavailable, line: 6, containing: "old value")
  }

  func testStructBufferOnAscend() {
    let text = """
      struct @Pair {
        sum: f32,
        count: i32
      }
      kernel @k(%out: ptr<global, f32>) {
        %acc = spmd.buffer {role = per_thread} : ptr<shared, array<8 x struct<Pair>>> loc("k.cu":9:3)
        %z = arith.constant 0 : i64
        %e = mem.element %acc, %z : ptr<shared, struct<Pair>>
        %f = mem.field %e {index = 0} : ptr<shared, f32>
        %v = mem.load %f : f32
        %p = mem.offset %out, %z : ptr<global, f32>
        mem.store %v, %p
        func.return
      }
      """
    guard let module = EmitTestSupport.parse(text, path: "k.cu") else { return }
    let emitted = KernelEmitter.emit(module: module, target: .ascendc, rules: EmitTestSupport.rules)
    assertError(emitted, .emitUnsupportedType, line: 9, containing: "struct<Pair>")
    let bang = KernelEmitter.emit(module: module, target: .bang, rules: EmitTestSupport.rules)
    XCTAssertTrue(bang.text.contains("__nram__ Pair acc[8];"), bang.text)
  }

  func testDeviceGlobalIsDiagnosed() {
    let text = """
      global @weights : constant array<4 x f32>
      kernel @k(%out: ptr<global, f32>) {
        %w = mem.global_address @weights : ptr<constant, array<4 x f32>> loc("k.cu":4:14)
        %z = arith.constant 0 : i64
        %e = mem.element %w, %z : ptr<constant, f32>
        %v = mem.load %e : f32
        %p = mem.offset %out, %z : ptr<global, f32>
        mem.store %v, %p
        func.return
      }
      """
    guard let module = EmitTestSupport.parse(text, path: "k.cu") else { return }
    for target in TargetKind.allCases {
      assertError(
        KernelEmitter.emit(module: module, target: target, rules: EmitTestSupport.rules), .emitDeviceGlobal,
        line: 4, containing: "@weights")
    }
  }

  func testEmitterIDsAreInTheCatalog() {
    for code in ["KP7001", "KP7002", "KP7003", "KP7004", "KP7005", "KP7006", "KP7007"] {
      XCTAssertNotNil(DiagnosticID.lookup(code), code)
    }
  }
}
