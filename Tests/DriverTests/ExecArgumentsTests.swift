// The command lines of `kport exec` and `kport nvcc`, and the device image format.
import Driver
import Testing

@Suite struct ExecArgumentsTests {
  @Test func execSplitsInputsFlagsAndProgramArguments() throws {
    let options = try ExecOptions.parse(
      ["a.cu", "-I", "inc", "-DN=4", "b.cpp", "--target", "bang", "-O2", "-lm", "-L", "lib", "--", "x", "--target"]
    ).get()
    #expect(options.inputs == ["a.cu", "b.cpp"])
    #expect(options.target == .bang)
    #expect(options.compilerFlags == ["-I", "inc", "-DN=4", "-O2"])
    #expect(options.deviceFlags == ["-I", "inc", "-DN=4"])
    #expect(options.linkerFlags == ["-lm", "-L", "lib"])
    #expect(options.programArguments == ["x", "--target"])
  }

  @Test func execRefusesWhatItCannotUse() {
    #expect(throws: (any Error).self) { try ExecOptions.parse(["a.cpp"]).get() }
    #expect(throws: (any Error).self) { try ExecOptions.parse(["a.cu", "--target", "hip"]).get() }
    #expect(throws: (any Error).self) { try ExecOptions.parse(["a.cu", "data.txt"]).get() }
  }

  @Test func nvccMapsItsOptions() throws {
    let options = try NvccOptions.parse(
      ["-shared", "-Xcompiler", "-fPIC,-Wall", "-arch", "sm_80", "-gencode=arch=compute_80,code=sm_80", "-std", "c++14",
       "-o", "libk.so", "k.cu", "-lineinfo"],
      environment: ["KPORT_TARGET": "ascendc"]
    ).get()
    #expect(options.shared && !options.compileOnly)
    #expect(options.output == "libk.so")
    #expect(options.build.target == .ascendc)
    #expect(options.build.inputs == ["k.cu"])
    #expect(options.build.compilerFlags == ["-fPIC", "-Wall", "-std=c++14"])
  }

  @Test func nvccRefusesContradictions() {
    #expect(throws: (any Error).self) { try NvccOptions.parse(["-c", "-shared", "k.cu"]).get() }
    #expect(throws: (any Error).self) { try NvccOptions.parse(["-c", "a.cu", "b.cu", "-o", "x.o"]).get() }
    #expect(throws: (any Error).self) { try NvccOptions.parse(["-o", "x"]).get() }
  }

  @Test func deviceImageRoundTrips() throws {
    let image = DeviceImage(
      target: "bang", tasks: 16, machine: "mlu370-x8", kernels: ["_Z1kPf": "k", "_Z1tIfLi4EEvPT_": "t<float, 4>"],
      globals: ["coef": "coef"], kir: "kernel @k() {\n  func.return\n}\n")
    var bytes = image.encoded
    #expect(bytes.last == 0)
    bytes.removeLast()
    #expect(try DeviceImage.decode(String(decoding: bytes, as: UTF8.self)).get() == image)
    #expect(throws: (any Error).self) { try DeviceImage.decode("\u{7f}ELF").get() }
  }
}
