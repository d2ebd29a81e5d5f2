// Storage ops: `mem.alloca`, `mem.shared`, `mem.dynamic_shared`, `mem.global_address` (all
// frame initialisers), and `mem.load` / `mem.store` of any type, by leaves at their byte
// offsets. A load or store through a promoted local is a register copy (a store copies under
// the active mask; a load whose value cannot change before its last use reads the local's
// registers in place, PromotedLoads.swift); any other goes through MemoryFastPath.swift.

import Foundation
import KIR

extension FunctionCompiler {
  mutating func compileAlloca(_ op: Operation) throws -> Step? {
    guard let result = op.result, let pointee = result.type.pointee else { throw unsupported(op) }
    if promoted.contains(ObjectIdentifier(result)) {
      leaves[ObjectIdentifier(result)] = try newRegisters(for: pointee, at: op.location)
      return nil
    }
    guard let size = layouts.size(of: pointee), let alignment = layouts.alignment(of: pointee)
    else {
      throw unsupported(op, "of type \(pointee)")
    }
    let element = layouts.size(of: layouts.innermostElement(of: pointee)) ?? 1
    localSlots.append(
      LocalSlotInfo(
        name: result.name ?? "local", byteCount: size, alignment: alignment,
        elementSize: max(1, element)))
    let register = try defineScalarResult(op)
    launchInitializers.append(.localAddress(register: register, slot: localSlots.count - 1))
    return nil
  }

  mutating func compileVariableAddress(_ op: Operation) throws -> Step? {
    guard let result = op.result, let pointee = result.type.pointee else { throw unsupported(op) }
    let register = try defineScalarResult(op)
    if op.opcode == .sharedAlloc || op.opcode == .buffer {
      let index = try program.sharedVariable(for: op, type: pointee)
      launchInitializers.append(.sharedAddress(register: register, index: index))
    } else if op.opcode == .dynamicShared {
      let element = layouts.size(of: layouts.innermostElement(of: pointee)) ?? 1
      if facts.dynamicSharedElementSize == nil { facts.dynamicSharedElementSize = max(1, element) }
      launchInitializers.append(.dynamicSharedAddress(register: register))
    } else {
      guard let name = op.attributes["symbol"]?.symbolValue else { throw unsupported(op) }
      facts.globals.insert(name)
      launchInitializers.append(.globalAddress(register: register, name: name))
    }
    return nil
  }

  mutating func compileLoad(_ op: Operation) throws -> Step? {
    let pointer = op.operands[0]
    guard let resultValue = op.result else { throw unsupported(op) }
    if promoted.contains(ObjectIdentifier(pointer)) {
      let variable = try registers(pointer, at: op)
      if aliasableLoads.contains(ObjectIdentifier(op)) {
        // Nothing stores to the local before the result's last use: read it in place.
        alias(op, to: variable)
        return .countOnly(meta(op, .other))
      }
      let results = try defineResult(op)
      let sizes = results.map { kinds[$0].byteSize }
      let body: OpBody = { context in
        for index in results.indices {
          context.rawRegister(results[index]).copyMemory(
            from: context.rawRegister(variable[index]), byteCount: sizes[index] * context.lanes)
        }
      }
      return .op(body, meta(op, .other))
    }
    let address = try register(pointer, at: op)
    guard let shape = layouts.leaves(of: resultValue.type),
      let size = layouts.size(of: resultValue.type)
    else { throw unsupported(op, "of \(resultValue.type)") }
    let results = try defineResult(op)
    let meta = self.meta(op, .memory)
    let pipe = scalarPipeAccess(address, size: size, reads: true, writes: false, meta: meta)
    // An i1 in memory may hold any byte; registers hold 0 or 1.
    let booleans = results.filter { kinds[$0] == .bool }
    let normalize: OpBody = { context in
      for register in booleans {
        let values = context.register(register, as: UInt8.self)
        for lane in context.activeRange { values[lane] = values[lane] != 0 ? 1 : 0 }
      }
    }
    if results.count == 1, shape[0].offset == 0, let plan = indexedAddress(of: pointer) {
      let body = MemoryKernels.indexed(
        plan, isStore: false, value: results[0], address: address,
        byteSize: kinds[results[0]].byteSize, meta: meta)
      return .op(body, meta)
    }
    if results.count == 1, shape[0].offset == 0 {
      switch kinds[results[0]].byteSize {
      case 1:
        let load = MemoryKernels.load(UInt8.self, address, results[0], meta)
        return .op(prefixed(pipe, booleans.isEmpty ? load : sequence([load, normalize])), meta)
      case 2: return .op(prefixed(pipe, MemoryKernels.load(UInt16.self, address, results[0], meta)), meta)
      case 4: return .op(prefixed(pipe, MemoryKernels.load(UInt32.self, address, results[0], meta)), meta)
      default: return .op(prefixed(pipe, MemoryKernels.load(UInt64.self, address, results[0], meta)), meta)
      }
    }
    let offsets = shape.map(\.offset)
    let sizes = shape.map(\.kind.byteSize)
    let body: OpBody = { context in
      let pointers = context.register(address, as: UInt64.self)
      var cache = ResolvedRegion()
      context.state.pointee.active.forEach { lane in
        let source = context.addressForRead(
          pointers[lane], size: size, lane: lane, meta: meta, cache: &cache)
        for index in results.indices {
          let target = context.rawRegister(results[index]) + lane * sizes[index]
          if let source {
            target.copyMemory(from: source + offsets[index], byteCount: sizes[index])
          } else {
            target.initializeMemory(as: UInt8.self, repeating: 0, count: sizes[index])
          }
        }
      }
      context.finishRegion(&cache, isStore: false, line: meta.line)
    }
    return .op(prefixed(pipe, booleans.isEmpty ? body : sequence([body, normalize])), meta)
  }

  mutating func compileStore(_ op: Operation) throws -> Step? {
    let value = try registers(op.operands[0], at: op)
    let pointer = op.operands[1]
    if promoted.contains(ObjectIdentifier(pointer)) {
      let variable = try registers(pointer, at: op)
      let sizes = variable.map { kinds[$0].byteSize }
      guard sizes.count == value.count else { throw unsupported(op) }
      let body: OpBody = { context in
        let active = context.state.pointee.active
        for index in variable.indices {
          maskedCopy(
            from: context.rawRegister(value[index]), to: context.rawRegister(variable[index]),
            byteSize: sizes[index], mask: active, lanes: context.lanes,
            isFull: context.state.pointee.activeCount == context.lanes)
        }
      }
      return .op(body, meta(op, .other))
    }
    let address = try register(pointer, at: op)
    let type = op.operands[0].type
    guard let shape = layouts.leaves(of: type), let size = layouts.size(of: type),
      shape.count == value.count
    else { throw unsupported(op, "of \(type)") }
    let meta = self.meta(op, .memory)
    if value.count == 1, shape[0].offset == 0, let plan = indexedAddress(of: pointer) {
      let body = MemoryKernels.indexed(
        plan, isStore: true, value: value[0], address: address, byteSize: kinds[value[0]].byteSize,
        meta: meta)
      return .op(body, meta)
    }
    let pipe = scalarPipeAccess(address, size: size, reads: false, writes: true, meta: meta)
    if value.count == 1, shape[0].offset == 0 {
      switch kinds[value[0]].byteSize {
      case 1: return .op(prefixed(pipe, MemoryKernels.store(UInt8.self, value[0], address, meta)), meta)
      case 2: return .op(prefixed(pipe, MemoryKernels.store(UInt16.self, value[0], address, meta)), meta)
      case 4: return .op(prefixed(pipe, MemoryKernels.store(UInt32.self, value[0], address, meta)), meta)
      default: return .op(prefixed(pipe, MemoryKernels.store(UInt64.self, value[0], address, meta)), meta)
      }
    }
    let offsets = shape.map(\.offset)
    let sizes = shape.map(\.kind.byteSize)
    let body: OpBody = { context in
      let pointers = context.register(address, as: UInt64.self)
      var cache = ResolvedRegion()
      context.state.pointee.active.forEach { lane in
        let target = context.addressForWrite(
          pointers[lane], size: size, lane: lane, meta: meta, cache: &cache
        ) { memory in
          value.indices.allSatisfy { index in
            memcmp(
              memory + offsets[index], context.rawRegister(value[index]) + lane * sizes[index],
              sizes[index]) == 0
          }
        }
        if let target {
          for index in value.indices {
            (target + offsets[index]).copyMemory(
              from: context.rawRegister(value[index]) + lane * sizes[index], byteCount: sizes[index]
            )
          }
        }
      }
      context.finishRegion(&cache, isStore: true, line: meta.line)
    }
    return .op(prefixed(pipe, body), meta)
  }
}
