// Builder: appends ops to a region at a current location. The front end and passes create IR
// through it so that every op gets a location.

/// Creates ops and appends them to an insertion region.
public final class Builder {
  /// The region new ops are appended to.
  public var region: Region
  /// The location given to new ops.
  public var location: Location

  public init(region: Region, location: Location = .unknown) {
    self.region = region
    self.location = location
  }

  /// Appends an op and returns it.
  @discardableResult
  public func create(
    _ opcode: Opcode, _ operands: [Value] = [], results: [IRType] = [], names: [String?] = [],
    attributes: [String: Attribute] = [:], regions: [Region] = []
  ) -> Operation {
    let op = Operation(
      opcode, operands: operands, resultTypes: results, resultNames: names,
      attributes: attributes, regions: regions, location: location)
    region.operations.append(op)
    return op
  }

  /// Appends a single-result op and returns its result.
  public func value(
    _ opcode: Opcode, _ operands: [Value] = [], type: IRType, name: String? = nil,
    attributes: [String: Attribute] = [:]
  ) -> Value {
    let op = create(opcode, operands, results: [type], names: [name], attributes: attributes)
    // A single-result op always has its result.
    return op.results[0]
  }

  /// An `arith.constant` of `type`: an integer value for integer and i1 types, a float otherwise.
  public func constant(_ number: Double, _ type: IRType) -> Value {
    let attribute: Attribute =
      type.isFloat ? .float(number) : (type.isBool ? .bool(number != 0) : .int(Int64(number)))
    return value(.constant, type: type, attributes: ["value": attribute])
  }

  /// An integer `arith.constant` of `type`.
  public func constant(int number: Int64, _ type: IRType) -> Value {
    value(.constant, type: type, attributes: ["value": type.isBool ? .bool(number != 0) : .int(number)])
  }

  /// Runs `body` with the insertion region set to `inner`, then restores it.
  public func within<T>(_ inner: Region, _ body: () throws -> T) rethrows -> T {
    let saved = region
    region = inner
    defer { region = saved }
    return try body()
  }
}
