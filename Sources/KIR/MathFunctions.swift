// The math function table behind `math.call`: the CUDA math library, the fast intrinsics and
// the integer intrinsics, by their CUDA names. The front end maps calls through it, the
// verifier checks `math.call` against it, and the interpreter implements every entry.

/// The operand domain of a math function.
public enum MathDomain: String, CaseIterable, Hashable, Sendable {
  /// `float` functions (`expf`, `__expf`).
  case f32
  /// `double` functions (`exp`).
  case f64
  /// Overloaded on the operand type: float, double, or integer (`min`, `max`, `abs`).
  case generic
  /// 32-bit integer intrinsics (`__popc`, `__clz`).
  case i32
  /// 64-bit integer intrinsics (`__popcll`, `__clzll`).
  case i64
  /// Half and bfloat16 intrinsics (`__hadd`, `hexp`); the type is the operand's.
  case half
}

/// One entry of the math function table.
public struct MathFunction: Hashable, Sendable {
  /// The CUDA name, as written in source.
  public let name: String
  public let arity: Int
  public let domain: MathDomain
  /// Whether it is a fast, reduced-precision intrinsic (`__expf`), which the interpreter
  /// models with the documented error bounds of the hardware approximation.
  public let isFast: Bool

  /// The entry named `name`, if any.
  public static func named(_ name: String) -> MathFunction? { table[name] }

  /// Every entry, keyed by name.
  public static let table: [String: MathFunction] = {
    var table: [String: MathFunction] = [:]
    func add(_ names: String, _ arity: Int, _ domain: MathDomain, fast: Bool = false) {
      for name in names.split(separator: " ") {
        table[String(name)] = MathFunction(name: String(name), arity: arity, domain: domain, isFast: fast)
      }
    }
    let unary = "exp exp2 exp10 expm1 log log2 log10 log1p sqrt rsqrt cbrt rcbrt sin cos tan sinpi cospi asin acos atan sinh cosh tanh asinh acosh atanh erf erfc erfinv erfcinv erfcx normcdf normcdfinv lgamma tgamma floor ceil trunc round rint nearbyint fabs logb j0 j1 y0 y1"
    let binary = "pow fmin fmax fmod remainder atan2 hypot copysign fdim nextafter"
    add(unary.split(separator: " ").map { $0 + "f" }.joined(separator: " "), 1, .f32)
    add(unary, 1, .f64)
    add(binary.split(separator: " ").map { $0 + "f" }.joined(separator: " "), 2, .f32)
    add(binary, 2, .f64)
    add("fmaf", 3, .f32)
    add("fma", 3, .f64)
    add("ldexpf scalbnf", 2, .f32)
    add("ldexp scalbn", 2, .f64)
    add("ilogbf lroundf llroundf lrintf llrintf", 1, .f32)
    add("ilogb lround llround lrint llrint", 1, .f64)
    add("isnan isinf isfinite signbit", 1, .generic)
    add("min max", 2, .generic)
    add("abs llabs labs", 1, .generic)
    add("__expf __exp10f __logf __log2f __log10f __sinf __cosf __tanf __frsqrt_rn __saturatef __frcp_rn __frcp_rz __frcp_ru __frcp_rd __fsqrt_rn __fsqrt_rz __fsqrt_ru __fsqrt_rd", 1, .f32, fast: true)
    add("__powf __fdividef __fdiv_rn __fdiv_rz __fdiv_ru __fdiv_rd __fadd_rn __fadd_rz __fadd_ru __fadd_rd __fsub_rn __fsub_rz __fsub_ru __fsub_rd __fmul_rn __fmul_rz __fmul_ru __fmul_rd", 2, .f32, fast: true)
    add("__fmaf_rn __fmaf_rz __fmaf_ru __fmaf_rd", 3, .f32, fast: true)
    add("__dadd_rn __dsub_rn __dmul_rn __ddiv_rn", 2, .f64, fast: true)
    add("__fma_rn __dfma_rn", 3, .f64, fast: true)
    add("__dsqrt_rn __drcp_rn", 1, .f64, fast: true)
    add("__popc __clz __ffs __brev", 1, .i32)
    add("__popcll __clzll __ffsll __brevll", 1, .i64)
    add("__mul24 __umul24 __mulhi __umulhi __hadd_int __rhadd __uhadd __urhadd", 2, .i32)
    add("__mul64hi __umul64hi", 2, .i64)
    add("__byte_perm __sad __usad __funnelshift_l __funnelshift_r __funnelshift_lc __funnelshift_rc", 3, .i32)
    add("__hadd __hsub __hmul __hdiv __hmax __hmin __hadd2 __hsub2 __hmul2 __h2div __hmax2 __hmin2", 2, .half)
    add("__hfma __hfma2", 3, .half)
    add("__hneg __habs __hneg2 __habs2 hexp hexp2 hexp10 hlog hlog2 hlog10 hsqrt hrsqrt hrcp hsin hcos hfloor hceil htrunc hrint h2exp h2log h2sqrt h2rsqrt", 1, .half)
    return table
  }()
}
