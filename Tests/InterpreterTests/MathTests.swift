// `math.call`: every entry of the math function table has an implementation; the library
// functions agree with the C library within 1 ulp of the result's format; the integer and
// rounding intrinsics give their exact documented values.

import Foundation
import Interpreter
import KIR
import Testing

@Suite struct MathTests {
  /// A KIR module calling `function` on f32 operands.
  func floatModule(_ function: String, arity: Int) -> String {
    let operands = (0..<arity).map { "%x\($0)" }
    var lines = [
      "kernel @k(%in: ptr<global, f32>, %out: ptr<global, f32>) {", "  %t = cuda.thread_id x : u32",
    ]
    for index in 0..<arity {
      lines += [
        "  %c\(index) = arith.constant \(index) : u32",
        "  %n\(index) = arith.constant 32 : u32",
        "  %m\(index) = arith.mul %c\(index), %n\(index) : u32",
        "  %o\(index) = arith.add %m\(index), %t : u32",
        "  %p\(index) = mem.offset %in, %o\(index) : ptr<global, f32>",
        "  %x\(index) = mem.load %p\(index) : f32",
      ]
    }
    lines += [
      "  %r = math.call \(function) \(operands.joined(separator: ", ")) : f32",
      "  %q = mem.offset %out, %t : ptr<global, f32>", "  mem.store %r, %q", "  func.return", "}",
    ]
    return lines.joined(separator: "\n")
  }

  @Test func everyMathFunctionIsImplemented() throws {
    var untested: [String] = []
    for (name, function) in MathFunction.table.sorted(by: { $0.key < $1.key }) {
      let type: String
      switch function.domain {
      case .f32, .generic: type = "f32"
      case .f64: type = "f64"
      case .i32: type = "i32"
      case .i64: type = "i64"
      case .half: type = name.contains("2") ? "vec<2 x f16>" : "f16"
      }
      let operandType =
        name.hasPrefix("ldexp") || name.hasPrefix("scalbn") ? ["", "i32", ""] : ["", "", ""]
      var lines = [
        "kernel @k(%a: \(type), %b: \(operandType[1].isEmpty ? type : operandType[1]), %c: \(type)) {"
      ]
      let operands = ["%a", "%b", "%c"].prefix(function.arity).joined(separator: ", ")
      lines += ["  %r = math.call \(name) \(operands) : \(type)", "  func.return", "}"]
      let text = lines.joined(separator: "\n")
      guard let module = try? moduleFromKIR(text) else {
        untested.append(name)
        continue
      }
      let memory = DeviceMemory()
      let scalars: [KernelArgument] =
        type.hasPrefix("vec")
        ? [.aggregate([.float(0.5), .float(0.25)])] : [type.hasPrefix("f") ? .float(0.5) : .int(3)]
      let second: KernelArgument = operandType[1].isEmpty ? scalars[0] : .int(2)
      let result = try launch(
        module, "k", grid: Dim3(1), block: Dim3(2), [scalars[0], second, scalars[0]], memory: memory
      )
      #expect(result.findings.isEmpty, "\(name)")
    }
    #expect(untested.isEmpty, "KIR for these did not verify: \(untested)")
  }

  @Test(arguments: [
    ("expf", 1), ("logf", 1), ("sinf", 1), ("cosf", 1), ("tanhf", 1), ("erff", 1), ("erfcf", 1),
    ("sqrtf", 1), ("rsqrtf", 1), ("cbrtf", 1), ("powf", 2), ("atan2f", 2), ("hypotf", 2),
    ("fmodf", 2), ("fmaf", 3), ("__expf", 1), ("__fdividef", 2), ("expm1f", 1), ("log1pf", 1),
    ("exp10f", 1), ("sinpif", 1), ("cospif", 1), ("erfinvf", 1), ("erfcinvf", 1), ("normcdff", 1),
    ("normcdfinvf", 1), ("lgammaf", 1), ("tgammaf", 1), ("fminf", 2), ("fmaxf", 2), ("erfcxf", 1),
  ])
  func libraryFunctionsAreWithinOneUlp(function: String, arity: Int) throws {
    let harness = try KernelHarness(kir: floatModule(function, arity: arity))
    var inputs: [Float] = []
    for operand in 0..<3 {
      for lane in 0..<32 {
        let base = Float(lane) / 32 * 1.8 + 0.05 + Float(operand) * 0.3
        inputs.append(
          function.contains("inv")
            ? base / 2.2 : base * (lane % 2 == 0 ? 1 : -1) * (function == "erfcxf" ? 4 : 1))
      }
    }
    let out = harness.buffer("out", .f32, [Float](repeating: 0, count: 32))
    let result = try harness.run("k", [harness.buffer("in", .f32, inputs), out])
    #expect(result.findings.isEmpty)
    let values = harness.values(out, as: Float.self)
    for lane in 0..<32 {
      let x = Double(inputs[lane])
      let y = Double(inputs[32 + lane])
      let z = Double(inputs[64 + lane])
      let reference: Double
      switch function {
      case "expf", "__expf": reference = exp(x)
      case "logf": reference = log(x)
      case "sinf": reference = sin(x)
      case "cosf": reference = cos(x)
      case "tanhf": reference = tanh(x)
      case "erff": reference = erf(x)
      case "erfcf": reference = erfc(x)
      case "sqrtf": reference = sqrt(x)
      case "rsqrtf": reference = 1 / sqrt(x)
      case "cbrtf": reference = cbrt(x)
      case "powf": reference = pow(x, y)
      case "atan2f": reference = atan2(x, y)
      case "hypotf": reference = hypot(x, y)
      case "fmodf": reference = fmod(x, y)
      case "fmaf": reference = x * y + z
      case "__fdividef": reference = x / y
      case "expm1f": reference = expm1(x)
      case "log1pf": reference = log1p(x)
      case "exp10f": reference = pow(10, x)
      case "sinpif": reference = sin(Double.pi * x)
      case "cospif": reference = cos(Double.pi * x)
      case "erfinvf": reference = x  // checked through erf below
      case "erfcinvf": reference = x
      case "normcdff": reference = 0.5 * erfc(-x / 2.0.squareRoot())
      case "normcdfinvf": reference = x
      case "lgammaf": reference = Foundation.lgamma(x)
      case "tgammaf": reference = tgamma(x)
      case "fminf": reference = min(x, y)
      case "fmaxf": reference = max(x, y)
      case "erfcxf": reference = exp(x * x) * erfc(x)
      default: reference = .nan
      }
      let value = Double(values[lane])
      switch function {
      case "erfinvf":
        #expect(abs(erf(value) - x) <= 1e-6 * max(1, abs(x)), "erfinvf(\(x)) = \(value)")
      case "erfcinvf":
        #expect(abs(erfc(value) - x) <= 1e-6 * max(1, abs(x)), "erfcinvf(\(x)) = \(value)")
      case "normcdfinvf":
        #expect(
          abs(0.5 * erfc(-value / 2.0.squareRoot()) - x) <= 1e-6, "normcdfinvf(\(x)) = \(value)")
      default:
        if reference.isNaN {
          #expect(value.isNaN, "\(function)(\(x))")
          continue
        }
        // One ulp of the result, or of 1e-7 near a zero of the function (sinpi, cospi).
        let ulp = max(
          Double(Float(reference).ulp), 1e-7 * max(1, abs(x)) * (function.contains("pi") ? 1 : 0))
        #expect(
          abs(value - reference) <= ulp, "\(function)(\(x), \(y)) = \(value), expected \(reference)"
        )
      }
    }
  }

  @Test func integerIntrinsicsAreExact() throws {
    let harness = try KernelHarness(
      """
      __global__ void k(const unsigned* in, unsigned* out) {
        unsigned x = in[threadIdx.x];
        out[threadIdx.x * 8 + 0] = __popc(x);
        out[threadIdx.x * 8 + 1] = __clz(x);
        out[threadIdx.x * 8 + 2] = __ffs(x);
        out[threadIdx.x * 8 + 3] = __brev(x);
        out[threadIdx.x * 8 + 4] = __byte_perm(x, 0x11223344u, 0x7531);
        out[threadIdx.x * 8 + 5] = __umulhi(x, 0x80000001u);
        out[threadIdx.x * 8 + 6] = __funnelshift_l(x, 0xF0000000u, 4);
        out[threadIdx.x * 8 + 7] = __usad(x, 5u, 1u);
      }
      """)
    let input: [UInt32] = [0, 1, 0x8000_0000, 0x1234_5678]
    let out = harness.buffer("out", .u32, [UInt32](repeating: 0, count: 32))
    try harness.run("k", block: Dim3(4), [harness.buffer("in", .u32, input), out])
    let values = harness.values(out, as: UInt32.self)
    for (lane, x) in input.enumerated() {
      var reversed: UInt32 = 0
      for bit in 0..<32 where x & (1 << bit) != 0 { reversed |= 1 << (31 - bit) }
      let bytes = (UInt64(0x1122_3344) << 32) | UInt64(x)
      var permuted: UInt32 = 0
      for (index, selector) in [1, 3, 5, 7].enumerated() {
        permuted |= UInt32((bytes >> (UInt64(selector) * 8)) & 0xFF) << UInt32(index * 8)
      }
      let expected: [UInt32] = [
        UInt32(x.nonzeroBitCount), UInt32(x.leadingZeroBitCount),
        x == 0 ? 0 : UInt32(x.trailingZeroBitCount + 1), reversed, permuted,
        UInt32((UInt64(x) * 0x8000_0001) >> 32), x >> 28,
        UInt32(abs(Int64(x) - 5) + 1) & 0xFFFF_FFFF,
      ]
      #expect(Array(values[(lane * 8)..<(lane * 8 + 8)]) == expected, "lane \(lane)")
    }
  }

  @Test func directedRoundingIntrinsics() throws {
    let harness = try KernelHarness(
      """
      __global__ void k(const float* a, const float* b, float* out) {
        int t = threadIdx.x;
        out[t * 4 + 0] = __fadd_ru(a[t], b[t]);
        out[t * 4 + 1] = __fadd_rd(a[t], b[t]);
        out[t * 4 + 2] = __fdiv_rz(a[t], b[t]);
        out[t * 4 + 3] = __fsqrt_ru(a[t]);
      }
      """)
    let a: [Float] = [1, 2, 1]
    let b: [Float] = [1e-10, 3, 3]
    let out = harness.buffer("out", .f32, [Float](repeating: 0, count: 12))
    try harness.run(
      "k", block: Dim3(3), [harness.buffer("a", .f32, a), harness.buffer("b", .f32, b), out])
    let values = harness.values(out, as: Float.self)
    #expect(values[0] == Float(1).nextUp)
    #expect(values[1] == 1)
    #expect(values[6] == (Float(2) / 3).nextDown || values[6] == Float(2) / 3)
    #expect(Double(values[6]) <= 2.0 / 3.0)
    #expect(Double(values[7]) >= 2.0.squareRoot() && Double(values[7].nextDown) < 2.0.squareRoot())
    #expect(values[10] == Float(1) / 3 || values[10] == (Float(1) / 3).nextDown)
    #expect(values[10] <= Float(1.0 / 3.0))
  }
}
