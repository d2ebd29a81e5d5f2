// stage-global-access, for arrays a loop striding by the block reaches: the window's length is
// known only per block, so a block whose window does not fit the buffer keeps using global
// memory. Each load and store of the staged address becomes
//   scf.if %fits { the access on buffer[index − start] } else { the access on P[index] }
// with %fits fixed for the block (computed before the thread loop).

import KIR

extension GlobalStager {
  func redirectWhenFitting(_ offset: Operation, to buffer: Value, start: Value, fits: Value, in region: Region) {
    guard let old = offset.result else { return }
    func rewrite(_ region: Region) {
      var position = 0
      while position < region.operations.count {
        let op = region.operations[position]
        for inner in op.regions { rewrite(inner) }
        let isLoad = op.opcode == .load && op.operands[0] === old
        let isStore = op.opcode == .store && op.operands[1] === old
        guard isLoad || isStore else {
          position += 1
          continue
        }
        let build = Builder(region: Region(), location: op.location)
        let onChip = Region()
        let offChip = Region()
        build.within(onChip) {
          access(op, at: stagedElement(offset, buffer: buffer, start: start, build: build), build: build)
        }
        build.within(offChip) {
          let global = build.value(.offset, offset.operands, type: old.type)
          access(op, at: global, build: build)
        }
        let branch = build.create(.if, [fits], results: op.results.map(\.type), regions: [onChip, offChip])
        region.operations.replaceSubrange(position...position, with: build.region.operations)
        if let result = op.result, let merged = branch.result { replaceUses([result: merged], in: region) }
        position += build.region.operations.count
      }
    }
    rewrite(region)
    removeOp(offset, from: region)
  }

  /// The load or store `op` at `address`, ending its branch (a load yields its value).
  private func access(_ op: Operation, at address: Value, build: Builder) {
    if op.opcode == .load, let result = op.result {
      let value = build.value(.load, [address], type: result.type)
      build.create(.yield, [value])
    } else {
      build.create(.store, [op.operands[0], address])
      build.create(.yield)
    }
  }

  /// Removes `op` from `region` or a region below it.
  private func removeOp(_ op: Operation, from region: Region) {
    if let position = region.operations.firstIndex(where: { $0 === op }) {
      region.operations.remove(at: position)
      return
    }
    for inner in region.operations { inner.regions.forEach { removeOp(op, from: $0) } }
  }
}
