// Launch specs: flags, values, length expressions, comment lines, sidecars and their errors.
import Foundation
import Testing
@testable import Driver

@Suite struct LaunchSpecTests {
  @Test func flagsBuildASpec() throws {
    var spec = LaunchSpec(name: "a")
    try spec.apply(flags: try splitWords("--kernel 'k<float, 256>' --grid 4,2 --block=256 --shared 1024 --seed 7 --arg n=1000 --arg x=f32[n*2]:rand(1,0,1) --arg p={1.5,2} --symbol lut=f32[8]:iota"))
    #expect(spec.kernel == "k<float, 256>")
    #expect(spec.grid == [4, 2])
    #expect(spec.block == [256])
    #expect(spec.sharedBytes == 1024)
    #expect(spec.seed == 7)
    #expect(spec.arguments.map(\.name) == ["n", "x", "p"])
    #expect(spec.arguments[0].value == .scalar("1000"))
    #expect(spec.arguments[2].value == .aggregate(["1.5", "2"]))
    guard case let .buffer(buffer) = spec.arguments[1].value else {
      Issue.record("x is not a buffer")
      return
    }
    #expect(buffer.type == .f32)
    #expect(try buffer.length.evaluate(spec.integerScalars) == 2000)
    #expect(buffer.initializer == .uniform(seed: 1, low: 0, high: 1))
    #expect(spec.symbols.map(\.name) == ["lut"])
  }

  @Test(arguments: [
    ("--grid", "'--grid' needs a value"),
    ("--grid 0", "--grid needs X[,Y[,Z]] with positive integers"),
    ("--grid 1,2,3,4", "--grid needs X[,Y[,Z]]"),
    ("--arg n", "--arg needs NAME=VALUE"),
    ("--arg x=f32[n:zeros", "needs ']'"),
    ("--arg x=f32[n]", "needs ':INIT'"),
    ("--arg x=f32[n]:lots", "unknown initializer 'lots'"),
    ("--arg x=q32[n]:zeros", "is neither a number"),
    ("--arg x=f32[n]:rand(1,2,1)", "LO < HI"),
    ("--arg p={1,two}", "must list scalar literals"),
    ("--frobnicate 1", "unknown launch flag '--frobnicate'"),
    ("--kernel 'unclosed", "unclosed quote"),
  ])
  func badFlagsAreRefusedWithAReason(flags: String, message: String) {
    var spec = LaunchSpec(name: "a")
    do {
      try spec.apply(flags: try splitWords(flags))
      Issue.record("accepted '\(flags)'")
    } catch let error as LaunchSpecError {
      #expect(error.message.contains(message), "\(error.message)")
    } catch {
      Issue.record("unexpected \(error)")
    }
  }

  @Test(arguments: [
    ("n*n", 100), ("planes*(H/2)*(W/2)", 3 * 4 * 5), ("(n+7)/8*8", 16), ("n-3", 7), ("-n+20", 10), ("n%3", 1), ("42", 42),
  ])
  func lengthExpressions(text: String, value: Int) throws {
    let scalars = ["n": 10, "planes": 3, "H": 8, "W": 10]
    #expect(try LengthExpression.parse(text).evaluate(scalars) == value)
  }

  @Test func lengthErrors() {
    #expect(throws: LaunchSpecError.self) { try LengthExpression.parse("n+").evaluate(["n": 1]) }
    #expect(throws: LaunchSpecError.self) { try LengthExpression.parse("(n").evaluate(["n": 1]) }
    #expect(throws: LaunchSpecError.self) { try LengthExpression.parse("m").evaluate(["n": 1]) }
    #expect(throws: LaunchSpecError.self) { try LengthExpression.parse("n/0").evaluate(["n": 1]) }
  }

  @Test func commentLinesConcatenatePerLaunchInOrder() throws {
    let source = """
      // kport-launch second: --kernel b --grid 1 --block 32
      // kport-launch first: --kernel a --grid 2
      // kport-launch second: --arg x=f32[32]:zeros
      //kport-launch first: --block 64
      __global__ void a() {}
      """
    let specs = try launchSpecs(inSource: source)
    #expect(specs.map(\.name) == ["second", "first"])
    #expect(specs[0].arguments.map(\.name) == ["x"])
    #expect(specs[1].block == [64])
  }

  @Test func badCommentLineNamesItsLine() {
    let source = "// one\n// kport-launch a: --grid\n"
    do {
      _ = try launchSpecs(inSource: source)
      Issue.record("accepted a bad spec")
    } catch let error as LaunchSpecError {
      #expect(error.line == 2)
    } catch {
      Issue.record("unexpected \(error)")
    }
  }

  @Test func sidecarLines() throws {
    let specs = try launchSpecs(inSidecar: "# launches\nsmall: --kernel k --grid 1 --block 32 --arg n=32\n\nbig: --kernel k --grid 64 --block 256 --arg n=16384\n")
    #expect(specs.map(\.name) == ["small", "big"])
    #expect(specs[1].grid == [64])
  }
}

@Suite struct BufferContentsTests {
  @Test func initializersAreDeterministicAndInRange() throws {
    let a = try bufferContents(.uniform(seed: 3, low: -1, high: 1), type: .f32, count: 1000, launchSeed: 0, baseDirectory: "/")
    let b = try bufferContents(.uniform(seed: 3, low: -1, high: 1), type: .f32, count: 1000, launchSeed: 0, baseDirectory: "/")
    let c = try bufferContents(.uniform(seed: 3, low: -1, high: 1), type: .f32, count: 1000, launchSeed: 1, baseDirectory: "/")
    #expect(a == b)
    #expect(a != c)
    let values = (0..<1000).map { elementValue(a, type: .f32, index: $0) }
    #expect(values.allSatisfy { $0 >= -1 && $0 < 1 })
    #expect(abs(values.reduce(0, +) / 1000) < 0.1)
  }

  @Test func integerUniformGivesIntegersInRange() throws {
    let bytes = try bufferContents(.uniform(seed: 9, low: 0, high: 256), type: .u8, count: 4096, launchSeed: 0, baseDirectory: "/")
    let values = Set((0..<4096).map { elementValue(bytes, type: .u8, index: $0) })
    #expect(values.count > 200)
    #expect(values.allSatisfy { $0 >= 0 && $0 < 256 && $0 == $0.rounded() })
  }

  @Test func iotaOnesConstAndHalfRounding() throws {
    let iota = try bufferContents(.iota, type: .i32, count: 5, launchSeed: 0, baseDirectory: "/")
    #expect((0..<5).map { elementValue(iota, type: .i32, index: $0) } == [0, 1, 2, 3, 4])
    let half = try bufferContents(.constant(0.1), type: .f16, count: 1, launchSeed: 0, baseDirectory: "/")
    #expect(elementValue(half, type: .f16, index: 0) == Double(Float16(0.1)))
    let brain = try bufferContents(.constant(1.0 / 3.0), type: .bf16, count: 1, launchSeed: 0, baseDirectory: "/")
    #expect(abs(elementValue(brain, type: .bf16, index: 0) - 1.0 / 3.0) < 1.0 / 256)
    #expect(bfloat16Bits(1.0) == 0x3F80)
  }

  @Test func npyRoundTripAndRawFiles() throws {
    let bytes = try bufferContents(.iota, type: .f64, count: 7, launchSeed: 0, baseDirectory: "/")
    let file = Npy.encode(bytes, type: .f64, count: 7)
    #expect((file.count - 56) % 64 == 0)
    #expect(try Npy.decode(file, type: .f64, path: "x.npy") == bytes)
    #expect(throws: LaunchSpecError.self) { try Npy.decode(file, type: .f32, path: "x.npy") }
    #expect(try Npy.decode(Data(bytes), type: .f64, path: "x.raw") == bytes)
    #expect(throws: LaunchSpecError.self) { try Npy.decode(Data([1, 2, 3]), type: .f32, path: "x.raw") }
    let header = String(decoding: file.prefix(128), as: UTF8.self)
    #expect(header.contains("'descr': '<f8'"))
    #expect(header.contains("'shape': (7,)"))
  }
}
