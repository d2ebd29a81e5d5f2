// Printer tests on modules built in memory: value naming and uniquing, quoting, region
// omission, region arguments, missing positional attributes, locations and layout.

import Testing

@testable import KIR

@Suite struct PrinterTests {
  @Test func valueNamesAreSanitisedUniquedAndNumbered() throws {
    let parameters = [
      Value(type: .i32, name: "x"), Value(type: .i32, name: "x"), Value(type: .f32, name: "a.b"),
      Value(type: .f32, name: "1st"), Value(type: .f32, name: ""), Value(type: .f32),
    ]
    let function = Function(
      name: "reduce<float, 256>", kind: .device,
      parameters: parameters.map { Parameter(value: $0) },
      resultType: .f32, location: .unknown)
    let builder = Builder(region: function.body)
    _ = builder.value(.add, [parameters[0], parameters[1]], type: .i32, name: "x")
    let other = builder.value(.add, [parameters[2], parameters[3]], type: .f32)
    let sum = builder.value(.add, [other, parameters[4]], type: .f32, name: "a_b")
    builder.create(.return, [sum])
    let expected = """
      device @"reduce<float, 256>"(%x: i32, %x.1: i32, %a_b: f32, %_1st: f32, %0: f32, %1: f32) -> f32 {
        %x.2 = arith.add %x, %x.1 : i32
        %2 = arith.add %a_b, %_1st : f32
        %a_b.1 = arith.add %2, %0 : f32
        func.return %a_b.1
      }

      """
    let text = printModule(Module(functions: [function]))
    #expect(text == expected)
    #expect(reprint(text, locations: false) == text)
    let parsed = try #require(parseValid(text))
    #expect(
      parsed.functions[0].parameters.map(\.value.name) == ["x", "x", "a_b", "_1st", nil, nil])
  }

  @Test func regionsArgumentsAndMissingPositionalAttributes() {
    let condition = Value(type: .bool, name: "c")
    let index = Value(type: .i32, name: "i")
    let function = Function(
      name: "k", kind: .kernel,
      parameters: [Parameter(value: condition), Parameter(value: index)], location: .unknown)
    let builder = Builder(region: function.body)
    builder.create(.if, [condition], regions: [Region(), Region()])
    let conditionRegion = Region()
    Builder(region: conditionRegion).create(.condition, [condition])
    let step = Region(arguments: [Value(type: .u32, name: "t")])
    builder.create(.loop, regions: [conditionRegion, Region(), step])
    builder.create(.cmp, [index, index], results: [.bool])
    builder.create(.threadfence)
    builder.create(.syncthreads)
    builder.create(
      .atomic, [index, index], results: [.i32], attributes: ["scope": .keyword("block")])
    let text = printFunction(function)
    let expected = """
      kernel @k(%c: i1, %i: i32) {
        scf.if %c {
        }
        scf.loop {
          scf.condition %c
        } step (%t: u32) {
        }
        %0 = arith.cmp %i, %i : i1
        cuda.threadfence
        cuda.syncthreads
        %1 = cuda.atomic %i, %i {scope = block} : i32

      """
    #expect(text.hasPrefix(expected))
    #expect(reprint(text, locations: false) == text)
    #expect(
      reprint(text, locations: true).flatMap { reprint($0, locations: true) }
        == reprint(text, locations: true))
  }

  @Test func locationsPrintInEveryForm() {
    #expect(printLocation(.file(path: "saxpy.cu", line: 12, column: 5)) == #"loc("saxpy.cu":12:5)"#)
    #expect(printLocation(.unknown) == "loc(unknown)")
    #expect(
      printLocation(
        .fused([.file(path: "a.cu", line: 1, column: 2), .file(path: "b.cu", line: 3, column: 4)]))
        == #"loc(fused["a.cu":1:2, "b.cu":3:4])"#)
    #expect(
      printLocation(.named("inlined", .file(path: "a.cu", line: 1, column: 2)))
        == #"loc("inlined"("a.cu":1:2))"#)
  }

  @Test func moduleLayoutSeparatesGroupsAndFunctions() {
    let location = Location.file(path: "m.cu", line: 3, column: 1)
    let module = Module(
      structs: [StructDecl(name: "P", fields: [.init(name: "x", type: .f32)], location: location)],
      globals: [
        GlobalVariable(
          name: "g", space: .constant, type: .f32, initializer: .float(2), location: location)
      ],
      functions: [
        Function(name: "a", kind: .device, location: location),
        Function(
          name: "b", kind: .kernel, attributes: ["launch_bounds": .array([.int(128)])],
          location: location),
      ],
      hostRecords: [
        HostRecord(
          kind: .include, name: "cuda_runtime.h",
          range: SourceRange(
            path: "m.cu", start: SourcePosition(line: 1, column: 1, offset: 0),
            end: SourcePosition(line: 1, column: 27, offset: 26)))
      ])
    for function in module.functions { Builder(region: function.body).create(.return) }
    let expected = """
      struct @P {
        x: f32
      } loc("m.cu":3:1)
      global @g : constant f32 = 2.0 loc("m.cu":3:1)

      device @a() loc("m.cu":3:1) {
        func.return loc(unknown)
      }

      kernel @b() attributes {launch_bounds = [128]} loc("m.cu":3:1) {
        func.return loc(unknown)
      }

      host.include @cuda_runtime.h range("m.cu", 1:1+0, 1:27+26)

      """
    let text = printModule(module, options: PrintOptions(printLocations: true))
    #expect(text == expected)
    #expect(reprint(text, locations: true) == text)
    #expect(printModule(Module()) == "")
    #expect(printModule(module).contains("loc(") == false)
  }

  @Test func printFunctionMatchesTheModuleText() throws {
    let module = try #require(parseValid(Corpus.calls))
    let joined = module.functions.map { printFunction($0) }.joined(separator: "\n")
    #expect(joined == printModule(module))
  }
}
