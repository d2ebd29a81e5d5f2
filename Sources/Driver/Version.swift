// kport's version, printed by `kport --version` and named in every report.

/// The version of kport.
public let kportVersion = "0.1.0"
