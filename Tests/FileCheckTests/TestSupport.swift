// Shared helpers for the FileCheck unit tests: a one-call checker with readable defaults.

import FileCheck

/// Runs FileCheck with `checks` as the check file named `test.kir`.
func fileCheck(
  _ input: String, _ checks: String, prefixes: [String] = ["CHECK"],
  tolerated: [String] = [], allowEmpty: Bool = false, firstLine: Int = 1
) -> [CheckFailure] {
  FileChecker.check(
    input: input, checkFile: checks, checkFileName: "test.kir",
    options: FileCheckOptions(
      prefixes: prefixes, toleratedPrefixes: tolerated, allowsEmptyInput: allowEmpty,
      firstLineNumber: firstLine))
}

/// The kinds of `failures`, in order.
func kinds(_ failures: [CheckFailure]) -> [CheckFailure.Kind] { failures.map(\.kind) }
